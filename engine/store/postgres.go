package store

import (
	"context"
	"database/sql"
	"fmt"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// postgresDialect serialises migrations on a transaction-scoped
// advisory lock, so concurrent first opens create the schema once.
var postgresDialect = dialect{
	name:          "postgres",
	dollar:        true,
	migrationLock: "SELECT pg_advisory_xact_lock(7022083106482778996)", // "assay-st" as int64
}

// openPostgres connects to the PostgreSQL database dsn names and
// migrates it. Errors never repeat the DSN, which may hold a password.
func openPostgres(ctx context.Context, dsn string) (Store, error) {
	s, err := newPostgres(dsn)
	if err != nil {
		return nil, err
	}
	if err := s.setUp(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("open postgres store: %w", err)
	}
	return s, nil
}

// newPostgres opens a connection pool without touching the schema.
func newPostgres(dsn string) (*sqlStore, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres store: %w", err)
	}
	return &sqlStore{db: db, d: postgresDialect}, nil
}
