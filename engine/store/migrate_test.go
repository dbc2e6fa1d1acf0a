package store

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// migrationsWith returns the backend's real migrations plus extra
// files, as a newer Assay would embed them.
func migrationsWith(t *testing.T, s *sqlStore, extra map[string]string) []migration {
	t.Helper()
	dir := "migrations/" + s.d.name
	fsys := fstest.MapFS{}
	err := fs.WalkDir(migrationFiles, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrationFiles, p)
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, sql := range extra {
		fsys[dir+"/"+name] = &fstest.MapFile{Data: []byte(sql)}
	}
	ms, err := loadMigrations(fsys, dir)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

const addNote = `ALTER TABLE runs ADD COLUMN note TEXT NOT NULL DEFAULT 'old';
CREATE INDEX runs_note ON runs (note);`

func testMigrateFromEmpty(t *testing.T, dsn string) {
	raw := rawT(t, dsn)
	if _, err := raw.db.Exec("SELECT count(*) FROM runs"); err == nil {
		t.Fatal("a new store already has a runs table")
	}
	s := openT(t, dsn)
	for _, table := range []string{"runs", "verdicts", "evidence", "schema_migrations"} {
		if _, err := raw.db.Exec("SELECT count(*) FROM " + table); err != nil {
			t.Errorf("table %s: %v", table, err)
		}
	}
	assertVersion(t, dsn, 1)
	record(t, s, catalogueRun(t, "cat", day(0)))
	assertComplete(t, s)
}

func testMigrateOldVersion(t *testing.T, dsn string) {
	ctx := context.Background()
	old := openT(t, dsn)
	record(t, old, runAt("old", day(0), meas("A", 1)))
	raw := rawT(t, dsn)
	newer := migrationsWith(t, raw, map[string]string{"0002_note.sql": addNote})
	if err := raw.migrate(ctx, newer); err != nil {
		t.Fatalf("migrate 1 → 2: %v", err)
	}
	assertVersion(t, dsn, 2)
	var note string
	if err := raw.db.QueryRow("SELECT note FROM runs").Scan(&note); err != nil || note != "old" {
		t.Errorf("note = %q, %v", note, err)
	}
	wantValues(t, history(t, raw, "A", Query{}), "01-01=1")
	record(t, raw, runAt("new", day(1), meas("A", 2)))
	wantValues(t, history(t, raw, "A", Query{}), "01-01=1", "01-02=2")
	if err := raw.migrate(ctx, newer); err != nil {
		t.Errorf("migrate again: %v", err)
	}
	assertVersion(t, dsn, 2)
}

func testFailedMigration(t *testing.T, dsn string) {
	s := openT(t, dsn)
	record(t, s, runAt("old", day(0), meas("A", 1)))
	raw := rawT(t, dsn)
	broken := migrationsWith(t, raw, map[string]string{
		"0002_note.sql":   addNote,
		"0003_broken.sql": "CREATE TABLE extra (x INTEGER);\nINSERT INTO no_such_table VALUES (1);",
	})
	err := raw.migrate(context.Background(), broken)
	if err == nil || !strings.Contains(err.Error(), "0003_broken") {
		t.Fatalf("broken migration: err = %v", err)
	}
	assertVersion(t, dsn, 1) // 0002 and 0003 went back together
	for _, q := range []string{"SELECT count(*) FROM extra", "SELECT note FROM runs"} {
		if _, err := raw.db.Exec(q); err == nil {
			t.Errorf("%s: the failed migration left it behind", q)
		}
	}
	wantValues(t, history(t, s, "A", Query{}), "01-01=1")
}

func testSchemaTooNew(t *testing.T, dsn string) {
	raw := rawT(t, dsn)
	newer := migrationsWith(t, raw, map[string]string{"0002_note.sql": addNote})
	if err := raw.migrate(context.Background(), newer); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), dsn)
	if !errors.Is(err, ErrSchemaTooNew) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("open of a newer schema: err = %v, want ErrSchemaTooNew", err)
	}
	if !strings.Contains(err.Error(), "version 2, this assay knows 1") {
		t.Errorf("error = %v", err)
	}
}

func TestMigrationsMatchAcrossBackends(t *testing.T) {
	var names [2][]string
	for i, dir := range []string{"migrations/sqlite", "migrations/postgres"} {
		ms, err := loadMigrations(migrationFiles, dir)
		if err != nil || len(ms) == 0 {
			t.Fatalf("%s: %v", dir, err)
		}
		for _, m := range ms {
			names[i] = append(names[i], m.name)
		}
	}
	if !slices.Equal(names[0], names[1]) {
		t.Errorf("sqlite migrations %v, postgres %v: both backends need the same steps", names[0], names[1])
	}
}

func TestLoadMigrationsRejects(t *testing.T) {
	for name, files := range map[string][]string{
		"gap":      {"0001_a.sql", "0003_c.sql"},
		"bad name": {"init.sql"},
		"zero":     {"0000_a.sql"},
		"twice":    {"0001_a.sql", "0001_b.sql"},
	} {
		fsys := fstest.MapFS{}
		for _, f := range files {
			fsys["m/"+f] = &fstest.MapFile{Data: []byte("SELECT 1")}
		}
		if _, err := loadMigrations(fsys, "m"); err == nil {
			t.Errorf("%s: accepted %v", name, files)
		}
	}
}
