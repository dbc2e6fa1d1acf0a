package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite" // registers the "sqlite" driver
)

// sqliteParams configure every SQLite connection:
//
//   - busy_timeout 30 s: a writer waits for another process's
//     transaction instead of failing with SQLITE_BUSY;
//   - synchronous FULL: a committed run survives a power cut too, not
//     only a killed process;
//   - foreign keys on, for ON DELETE CASCADE;
//   - every transaction BEGIN IMMEDIATE: it takes the write lock at
//     once, so concurrent writers queue instead of deadlocking on a
//     read-to-write upgrade;
//   - auto_vacuum incremental (new files only): prune can give space
//     back.
//
// WAL mode is not among them: see walMode.
const sqliteParams = "_busy_timeout=30000&_synchronous=FULL" +
	"&_foreign_keys=1&_txlock=immediate&_auto_vacuum=incremental"

// busyWait bounds how long opening waits for other processes, as
// busy_timeout does for transactions.
const busyWait = 30 * time.Second

var sqliteDialect = dialect{name: "sqlite", afterPrune: "PRAGMA incremental_vacuum"}

// openSQLite opens or creates the SQLite file at path.
func openSQLite(ctx context.Context, path string) (Store, error) {
	s, err := newSQLite(path)
	if err != nil {
		return nil, err
	}
	if err := s.walMode(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("open sqlite store %s: %w", path, err)
	}
	if err := s.setUp(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("open sqlite store %s: %w", path, err)
	}
	return s, nil
}

// newSQLite opens the file at path, creating its folder, without
// touching the schema.
func newSQLite(path string) (*sqlStore, error) {
	if path == "" {
		return nil, errors.New("open sqlite store: no path")
	}
	memory := path == ":memory:"
	if !memory {
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return nil, fmt.Errorf("open sqlite store: %w", err)
		}
	}
	db, err := sql.Open("sqlite", sqliteURI(path))
	if err != nil {
		return nil, fmt.Errorf("open sqlite store %s: %w", path, err)
	}
	if memory {
		db.SetMaxOpenConns(1) // each connection would be its own database
	}
	return &sqlStore{db: db, d: sqliteDialect}, nil
}

// sqliteURI turns a file path into a SQLite URI with the store's
// parameters, escaping what a URI would read as syntax.
func sqliteURI(path string) string {
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	if strings.HasPrefix(esc, "//") {
		esc = "/" + strings.TrimLeft(esc, "/") // not an authority
	}
	return "file:" + esc + "?" + sqliteParams
}

// walMode puts the file in WAL mode, which then sticks to the file:
// readers never block the writer, and a writer killed mid-transaction
// leaves only uncommitted frames that the next opener discards.
//
// Switching needs an exclusive lock, and SQLite answers SQLITE_BUSY at
// once, without its busy handler, when another process holds the file
// (or reports the old mode unchanged), as happens when several assay
// processes create the same new file together. So it is retried here,
// for up to busyWait.
func (s *sqlStore) walMode(ctx context.Context) error {
	deadline := time.Now().Add(busyWait)
	for pause := 5 * time.Millisecond; ; pause = min(2*pause, 200*time.Millisecond) {
		var mode string
		err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode)
		switch {
		case err == nil && strings.EqualFold(mode, "wal"), err == nil && s.memory():
			return nil
		case err != nil && !isBusy(err):
			return fmt.Errorf("set WAL mode: %w", err)
		case time.Now().After(deadline):
			return fmt.Errorf("set WAL mode: still %q after %v: %w", mode, busyWait, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("set WAL mode: %w", ctx.Err())
		case <-time.After(pause + rand.N(pause)):
		}
	}
}

// memory reports whether the store is an in-memory database, which has
// no WAL.
func (s *sqlStore) memory() bool {
	var file string
	err := s.db.QueryRow("SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file)
	return err == nil && file == ""
}

// isBusy reports whether err is SQLite's SQLITE_BUSY or SQLITE_LOCKED,
// extended codes included.
func isBusy(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	code := e.Code() & 0xff
	return code == 5 || code == 6
}

// setUp checks the connection and migrates the schema.
func (s *sqlStore) setUp(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return err
	}
	ms, err := loadMigrations(migrationFiles, "migrations/"+s.d.name)
	if err != nil {
		return err
	}
	return s.migrate(ctx, ms)
}
