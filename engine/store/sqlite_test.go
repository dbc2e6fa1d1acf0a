package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestSQLite(t *testing.T) { runSuite(t, sqliteBackend) }

func TestParseDSN(t *testing.T) {
	cases := []struct{ dsn, kind, target string }{
		{"", "sqlite", filepath.Join(".assay", "history.db")},
		{"history.db", "sqlite", "history.db"},
		{"/var/lib/assay/h.db", "sqlite", "/var/lib/assay/h.db"},
		{"sqlite:///var/lib/assay/h.db", "sqlite", "/var/lib/assay/h.db"},
		{"sqlite://rel/h.db", "sqlite", "rel/h.db"},
		{"sqlite:h.db", "sqlite", "h.db"},
		{"postgres://u@db/assay", "postgres", "postgres://u@db/assay"},
		{"postgresql://u@db/assay?sslmode=require", "postgres", "postgresql://u@db/assay?sslmode=require"},
		{"mysql://u@db/assay", "mysql", ""},
		{"dir/with://colon", "sqlite", "dir/with://colon"},
	}
	for _, tc := range cases {
		kind, target := parseDSN(tc.dsn)
		if kind != tc.kind || target != tc.target {
			t.Errorf("parseDSN(%q) = %q %q, want %q %q", tc.dsn, kind, target, tc.kind, tc.target)
		}
	}
	if _, err := Open(context.Background(), "mysql://u@db/assay"); err == nil {
		t.Error("Open accepted mysql://")
	}
}

func TestSQLiteURI(t *testing.T) {
	for path, want := range map[string]string{
		"h.db":           "file:h.db?",
		"/tmp/a?b#c%.db": "file:/tmp/a%3fb%23c%25.db?",
		"//srv/h.db":     "file:/srv/h.db?",
	} {
		if got := sqliteURI(path); got != want+sqliteParams {
			t.Errorf("sqliteURI(%q) = %q", path, got)
		}
	}
}

func TestOddFileName(t *testing.T) {
	path := filepath.Join(t.TempDir(), "odd ?#% name", "history.db")
	s := openT(t, path)
	record(t, s, runAt("r", day(0), meas("A", 1)))
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the store is not at %s: %v", path, err)
	}
}

func TestOpenDefaultPath(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	s := openT(t, "")
	record(t, s, runAt("r", day(0), meas("A", 1)))
	if _, err := os.Stat(filepath.Join(dir, ".assay", "history.db")); err != nil {
		t.Errorf("no store at the default path: %v", err)
	}
}

func TestSQLitePragmas(t *testing.T) {
	s := openT(t, sqliteBackend.dsn(t)).(*sqlStore)
	for pragma, want := range map[string]string{
		"journal_mode": "wal", "synchronous": "2", "busy_timeout": "30000",
		"foreign_keys": "1", "auto_vacuum": "2",
	} {
		var got string
		if err := s.db.QueryRow("PRAGMA " + pragma).Scan(&got); err != nil || got != want {
			t.Errorf("PRAGMA %s = %q (%v), want %q", pragma, got, err, want)
		}
	}
}

func TestMemory(t *testing.T) {
	s := openT(t, ":memory:")
	record(t, s, runAt("r", day(0), meas("A", 1)))
	wantValues(t, history(t, s, "A", Query{}), "01-01=1")
}

// integrityCheck runs SQLite's own check of the whole file.
func integrityCheck(t *testing.T, path string) {
	t.Helper()
	raw := rawT(t, path)
	var res string
	if err := raw.db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Errorf("integrity_check = %q, %v", res, err)
	}
	var fk int
	if err := raw.db.QueryRow("SELECT count(*) FROM pragma_foreign_key_check").Scan(&fk); err != nil || fk != 0 {
		t.Errorf("foreign_key_check: %d rows, %v", fk, err)
	}
}
