package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/assay-dev/assay/engine/lang"
	"github.com/assay-dev/assay/engine/verdict"
)

// TestMain runs the helper processes of the concurrency and SIGKILL
// tests when ASSAY_STORE_HELPER names one: the test binary re-executes
// itself as a separate OS process that writes to a shared SQLite file.
func TestMain(m *testing.M) {
	if role := os.Getenv("ASSAY_STORE_HELPER"); role != "" {
		os.Exit(helperMain(role))
	}
	os.Exit(m.Run())
}

// backend makes fresh, empty stores of one kind for tests.
type backend struct {
	name string
	// dsn returns the DSN of a new empty store, removed after the test.
	dsn func(tb testing.TB) string
}

var sqliteBackend = backend{name: "sqlite", dsn: func(tb testing.TB) string {
	return filepath.Join(tb.TempDir(), "history.db")
}}

var postgresBackend = backend{name: "postgres", dsn: postgresDSN}

// postgresEnv names the variable holding the test server's DSN.
const postgresEnv = "ASSAY_TEST_POSTGRES"

// postgresDSN returns the DSN of a fresh schema in the test database.
// Without ASSAY_TEST_POSTGRES the test fails in CI and skips elsewhere.
func postgresDSN(tb testing.TB) string {
	base := os.Getenv(postgresEnv)
	if base == "" {
		msg := postgresEnv + " is not set; start a server with engine/store/testdata/postgres-setup.sh and export its output"
		if os.Getenv("CI") == "true" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	schema := "assay_t_" + randomHex(6)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("connect to %s: %v", postgresEnv, err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			tb.Errorf("drop schema: %v", err)
		}
	})
	return withParam(tb, base, "search_path", schema)
}

func withParam(tb testing.TB, dsn, key, value string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatalf("%s is not a URL: %v", postgresEnv, err)
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// openT opens dsn and closes it after the test.
func openT(tb testing.TB, dsn string) Store {
	tb.Helper()
	s, err := Open(context.Background(), dsn)
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("close: %v", err)
		}
	})
	return s
}

// rawT opens dsn without migrating it.
func rawT(tb testing.TB, dsn string) *sqlStore {
	tb.Helper()
	var s *sqlStore
	var err error
	switch kind, target := parseDSN(dsn); kind {
	case "postgres":
		s, err = newPostgres(target)
	default:
		s, err = newSQLite(target)
	}
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	tb.Cleanup(func() { s.db.Close() })
	return s
}

// day0 is the as-of time of the first run in tests.
var day0 = time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC)

func day(n int) time.Time { return day0.AddDate(0, 0, n) }

// mv is one verdict of a test run.
type mv struct {
	measure string
	status  verdict.Status
	value   *float64
	better  string
	analyse string
}

func val(x float64) *float64 { return &x }

// meas is a pass, warn or fail verdict for value x, as a higher-is-
// better indicator with a 95 % target and decision would give it.
func meas(measure string, x float64) mv {
	st := verdict.Fail
	switch {
	case x >= 95:
		st = verdict.Pass
	case x >= 80:
		st = verdict.Warn
	}
	return mv{measure: measure, status: st, value: val(x), better: "higher"}
}

// runAt builds a run as of asOf holding vs; its ID is derived from tag
// and asOf.
func runAt(tag string, asOf time.Time, vs ...mv) *verdict.Report {
	rep := &verdict.Report{
		SchemaVersion: verdict.SchemaVersion,
		Run: verdict.Run{
			ID:             fmt.Sprintf("%s-%s", tag, asOf.Format("20060102T150405.000000000")),
			AsOf:           asOf.Format(time.RFC3339Nano),
			AssayVersion:   "test",
			MeasuresDigest: "sha256:m",
			EvidenceDigest: "sha256:e-" + tag,
		},
		Notices: []verdict.Notice{},
	}
	for _, v := range vs {
		rep.Verdicts = append(rep.Verdicts, testVerdict(v))
		rep.Summary.Add(v.status)
	}
	return rep
}

func testVerdict(v mv) verdict.Verdict {
	better := v.better
	if better == "" {
		better = "higher"
	}
	return verdict.Verdict{
		Measure: v.measure, Title: "Measure " + v.measure, Type: "effectiveness",
		InformationNeed: "Is it working?", Controls: []string{"ISO27001:2022/A.8.8"}, Clauses: []string{},
		Frequency: lang.Frequency{Collect: "24h", Analyse: v.analyse},
		Status:    v.status, Enforcement: "hard", Value: v.value, Unit: "%", Better: better,
		Target: val(95), Params: map[string]any{}, Base: map[string]verdict.Measure{},
		Derived: map[string]verdict.Measure{}, Findings: []verdict.Finding{}, Errors: []string{},
		Evidence: []verdict.Evidence{{Source: "trivy", File: "trivy/a.json", SHA256: "ab", Size: 10, Records: 1}},
	}
}

var (
	catalogueOnce sync.Once
	catalogue     []byte
)

// catalogueRun is the shipped catalogue's report on the shipped
// evidence (testdata/catalogue-report.json, 18 verdicts, about 80 KB),
// re-dated to asOf under a new run ID.
func catalogueRun(tb testing.TB, tag string, asOf time.Time) *verdict.Report {
	tb.Helper()
	catalogueOnce.Do(func() {
		catalogue, _ = os.ReadFile(filepath.Join("testdata", "catalogue-report.json"))
	})
	var rep verdict.Report
	if err := json.Unmarshal(catalogue, &rep); err != nil {
		tb.Fatalf("catalogue report: %v", err)
	}
	rep.Run.AsOf = asOf.Format(time.RFC3339Nano)
	rep.Run.ID = fmt.Sprintf("%s-%d", tag, asOf.UnixNano())
	return &rep
}

func mustJSON(tb testing.TB, v any) string {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}
