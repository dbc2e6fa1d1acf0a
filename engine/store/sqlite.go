package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// sqliteParams configure every SQLite connection:
//
//   - busy_timeout 30 s: a writer waits for another process's
//     transaction instead of failing with SQLITE_BUSY;
//   - WAL: readers never block the writer, and a killed writer leaves
//     only uncommitted frames that the next opener discards;
//   - synchronous FULL: a committed run survives a power cut too, not
//     only a killed process;
//   - foreign keys on, for ON DELETE CASCADE;
//   - every transaction BEGIN IMMEDIATE: it takes the write lock at
//     once, so concurrent writers queue instead of deadlocking on a
//     read-to-write upgrade;
//   - auto_vacuum incremental (new files only): prune can give space
//     back.
const sqliteParams = "_busy_timeout=30000&_journal_mode=WAL&_synchronous=FULL" +
	"&_foreign_keys=1&_txlock=immediate&_auto_vacuum=incremental"

var sqliteDialect = dialect{name: "sqlite", afterPrune: "PRAGMA incremental_vacuum"}

// openSQLite opens or creates the SQLite file at path.
func openSQLite(ctx context.Context, path string) (Store, error) {
	s, err := newSQLite(path)
	if err != nil {
		return nil, err
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
