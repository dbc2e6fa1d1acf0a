package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// migrationFiles holds the schema of each backend as numbered SQL
// files, migrations/<backend>/NNNN_name.sql, applied in order.
//
//go:embed migrations
var migrationFiles embed.FS

// migration is one numbered schema change.
type migration struct {
	version int
	name    string
	sql     string
}

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at TEXT    NOT NULL
)`

// loadMigrations reads the migrations in dir of fsys. Their versions
// must run 1, 2, 3… without gaps.
func loadMigrations(fsys fs.FS, dir string) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		m, err := readMigration(fsys, dir, e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, m)
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: version %d, want %d", m.name, m.version, i+1)
		}
	}
	return ms, nil
}

func readMigration(fsys fs.FS, dir, file string) (migration, error) {
	num, _, ok := strings.Cut(file, "_")
	v, err := strconv.Atoi(num)
	if !ok || err != nil || v <= 0 {
		return migration{}, fmt.Errorf("migration %s: name is not NNNN_name.sql", file)
	}
	b, err := fs.ReadFile(fsys, path.Join(dir, file))
	if err != nil {
		return migration{}, fmt.Errorf("read migration: %w", err)
	}
	return migration{version: v, name: strings.TrimSuffix(file, ".sql"), sql: string(b)}, nil
}

// schemaVersion returns the latest applied migration, 0 for an empty
// database.
func schemaVersion(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var v sql.NullInt64
	if err := q.QueryRowContext(ctx, "SELECT max(version) FROM schema_migrations").Scan(&v); err != nil {
		return 0, err
	}
	return int(v.Int64), nil
}

// migrate brings the database up to the last of ms. Every pending
// migration is applied in one transaction, which also holds the
// backend's migration lock, so concurrent openers of an empty store
// apply them once and a failure leaves the schema as it was.
func (s *sqlStore) migrate(ctx context.Context, ms []migration) error {
	if v, err := schemaVersion(ctx, s.db); err == nil && v == len(ms) {
		return nil // the usual case: up to date, no write lock taken
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if s.d.migrationLock != "" {
			if _, err := tx.ExecContext(ctx, s.d.migrationLock); err != nil {
				return fmt.Errorf("lock migrations: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, createMigrationsTable); err != nil {
			return fmt.Errorf("create schema_migrations: %w", err)
		}
		v, err := schemaVersion(ctx, tx)
		if err != nil {
			return fmt.Errorf("read schema version: %w", err)
		}
		if v > len(ms) {
			return fmt.Errorf("%w: version %d, this assay knows %d", ErrSchemaTooNew, v, len(ms))
		}
		return s.apply(ctx, tx, ms[v:])
	})
}

func (s *sqlStore) apply(ctx context.Context, tx *sql.Tx, ms []migration) error {
	for _, m := range ms {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		now := time.Now().UTC().Format(time.RFC3339Nano) // metadata only
		ins := s.q("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
		if _, err := tx.ExecContext(ctx, ins, m.version, m.name, now); err != nil {
			return fmt.Errorf("migration %s: record: %w", m.name, err)
		}
	}
	return nil
}
