#!/usr/bin/env bash
# postgres-setup.sh starts a throwaway PostgreSQL for the store tests and
# prints its DSN on stdout (everything else goes to stderr):
#
#   export ASSAY_TEST_POSTGRES="$(bash engine/store/testdata/postgres-setup.sh)"
#   go test ./engine/store/
#
# It installs Debian's postgresql package when no server binaries are
# found, initialises a private cluster in $ASSAY_PG_DIR (trust auth,
# listening on 127.0.0.1 only, never on other addresses), starts it and
# creates the database. Run again, it only checks that the server answers
# and the database exists, so it is idempotent and fast. It leaves the
# Debian "main" cluster alone.
#
# Settings (environment): ASSAY_PG_PORT (5432), ASSAY_PG_DIR
# (/tmp/assay-pg-$ASSAY_PG_PORT), ASSAY_PG_DB (assay_test).
# Stop it with: runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl" -D "$ASSAY_PG_DIR/data" stop
set -euo pipefail

port="${ASSAY_PG_PORT:-5432}"
dir="${ASSAY_PG_DIR:-/tmp/assay-pg-$port}"
db="${ASSAY_PG_DB:-assay_test}"
dsn="postgres://postgres@127.0.0.1:$port/$db?sslmode=disable"

log() { echo "postgres-setup: $*" >&2; }

cd / # the postgres user may not be able to read the working directory

bindir() {
	ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

# as_pg runs a command as the postgres user when we are root (initdb and
# the server refuse to run as root), else as ourselves.
as_pg() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

psql_q() {
	as_pg psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "$1"
}

ensure_db() {
	if [ "$(psql_q "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
		log "creating database $db"
		psql_q "CREATE DATABASE \"$db\""
	fi
}

install() {
	if [ -n "$(bindir)" ]; then
		return
	fi
	if [ "$(id -u)" != 0 ]; then
		log "PostgreSQL is not installed; run as root or: apt-get install -y postgresql"
		exit 1
	fi
	log "installing Debian's postgresql package"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq postgresql >&2
}

init_cluster() {
	local bin="$1"
	mkdir -p "$dir"
	if [ "$(id -u)" = 0 ]; then
		chown postgres: "$dir"
	fi
	chmod 700 "$dir"
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		log "initialising a cluster in $dir/data"
		as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >&2
	fi
}

start_cluster() {
	local bin="$1"
	if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
		return
	fi
	# A server that was killed (as a session's processes are when it ends)
	# leaves its postmaster.pid behind; pg_ctl may still take it for a
	# running server if another process now has that PID.
	# Its socket lock file is stale too, and is refused the same way.
	if [ -f "$dir/data/postmaster.pid" ] || [ -e "$dir/.s.PGSQL.$port.lock" ]; then
		log "removing a stale postmaster.pid and socket lock"
		rm -f "$dir/data/postmaster.pid" "$dir/.s.PGSQL.$port.lock" "$dir/.s.PGSQL.$port"
	fi
	log "starting PostgreSQL on 127.0.0.1:$port"
	as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $dir" start >&2 || {
		tail -20 "$dir/server.log" >&2
		log "could not start; if another server holds port $port, set ASSAY_PG_PORT"
		exit 1
	}
}

if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p "$port" &&
	psql_q "SELECT 1" >/dev/null 2>&1; then
	ensure_db
	echo "$dsn"
	exit 0
fi

install
bin="$(bindir)"
init_cluster "$bin"
start_cluster "$bin"
ensure_db
echo "$dsn"
