package store

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/assay-dev/assay/engine/lang"
	"github.com/assay-dev/assay/engine/trend"
	"github.com/assay-dev/assay/engine/verdict"
)

// suite is the behaviour every backend must have; each case gets a
// fresh store DSN.
var suite = []struct {
	name string
	fn   func(t *testing.T, dsn string)
}{
	{"RecordAndHistory", testRecordAndHistory},
	{"Idempotent", testIdempotent},
	{"WholeOrNothing", testWholeOrNothing},
	{"QueryFilters", testQueryFilters},
	{"Runs", testRuns},
	{"ReportRoundTrip", testReportRoundTrip},
	{"Measures", testMeasures},
	{"Prune", testPrune},
	{"TrendDirections", testTrendDirections},
	{"TrendWindow", testTrendWindow},
	{"Measurements", testMeasurements},
	{"ConcurrentGoroutines", testConcurrentGoroutines},
	{"OpenTwice", testOpenTwice},
	{"ConcurrentFirstOpen", testConcurrentFirstOpen},
	{"MigrateFromEmpty", testMigrateFromEmpty},
	{"MigrateOldVersion", testMigrateOldVersion},
	{"FailedMigrationRollsBack", testFailedMigration},
	{"SchemaTooNew", testSchemaTooNew},
}

func runSuite(t *testing.T, b backend) {
	for _, tc := range suite {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, b.dsn(t)) })
	}
}

func record(t *testing.T, s Store, reps ...*verdict.Report) {
	t.Helper()
	for _, r := range reps {
		if err := s.Record(context.Background(), r); err != nil {
			t.Fatalf("record %s: %v", r.Run.ID, err)
		}
	}
}

func history(t *testing.T, s Store, measure string, q Query) []Point {
	t.Helper()
	ps, err := s.History(context.Background(), measure, q)
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	return ps
}

func values(ps []Point) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		if p.Value == nil {
			out[i] = p.AsOf.Format("01-02") + "=" + string(p.Status)
			continue
		}
		out[i] = fmt.Sprintf("%s=%g", p.AsOf.Format("01-02"), *p.Value)
	}
	return out
}

func wantValues(t *testing.T, ps []Point, want ...string) {
	t.Helper()
	if got := values(ps); !slices.Equal(got, want) {
		t.Errorf("points = %v, want %v", got, want)
	}
}

func testRecordAndHistory(t *testing.T, dsn string) {
	s := openT(t, dsn)
	// Recorded out of order; history is by as-of time.
	record(t, s,
		runAt("r", day(2), meas("VUL-01", 90), meas("DEV-01", 10)),
		runAt("r", day(0), meas("VUL-01", 70.25)),
		runAt("r", day(1), meas("VUL-01", 80)))
	ps := history(t, s, "VUL-01", Query{})
	wantValues(t, ps, "01-01=70.25", "01-02=80", "01-03=90")
	p := ps[2]
	if p.RunID != runAt("r", day(2)).Run.ID || !p.AsOf.Equal(day(2)) || p.AsOf.Location() != time.UTC {
		t.Errorf("point = %+v", p)
	}
	if p.Status != verdict.Warn || p.Unit != "%" || p.Target == nil || *p.Target != 95 {
		t.Errorf("point = %+v, want warn %% target 95", p)
	}
	if ps := history(t, s, "NOPE-01", Query{}); len(ps) != 0 {
		t.Errorf("unknown measure has %d points", len(ps))
	}
}

func testIdempotent(t *testing.T, dsn string) {
	s := openT(t, dsn)
	rep := runAt("r", day(0), meas("VUL-01", 90))
	record(t, s, rep, rep)
	// The same ID with other contents is still a no-op: IDs pin inputs.
	other := runAt("r", day(0), meas("VUL-01", 10), meas("DEV-01", 1))
	record(t, s, other)
	wantValues(t, history(t, s, "VUL-01", Query{}), "01-01=90")
	if ps := history(t, s, "DEV-01", Query{}); len(ps) != 0 {
		t.Errorf("DEV-01 has %d points, want 0", len(ps))
	}
	runs, _ := s.Runs(context.Background(), Query{})
	if len(runs) != 1 {
		t.Errorf("%d runs, want 1", len(runs))
	}
}

func testWholeOrNothing(t *testing.T, dsn string) {
	s := openT(t, dsn)
	ctx := context.Background()
	// The second verdict of VUL-01 violates the key after the run row
	// and a verdict are written: the transaction must take them back.
	bad := runAt("bad", day(0), meas("VUL-01", 1), meas("DEV-01", 2), meas("VUL-01", 3))
	if err := s.Record(ctx, bad); err == nil || !strings.Contains(err.Error(), bad.Run.ID) {
		t.Fatalf("record of a run with a duplicate measure: err = %v", err)
	}
	noTime := runAt("t", day(0), meas("VUL-01", 1))
	noTime.Run.AsOf = "yesterday"
	if err := s.Record(ctx, noTime); err == nil {
		t.Error("record of a run without an as-of time succeeded")
	}
	if err := s.Record(ctx, &verdict.Report{}); err == nil {
		t.Error("record of a run without an ID succeeded")
	}
	if err := s.Record(ctx, runAt("t", time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC))); err == nil {
		t.Error("record of a run as of 1500 succeeded")
	}
	runs, err := s.Runs(ctx, Query{})
	if err != nil || len(runs) != 0 {
		t.Errorf("runs = %v, %v; want none", runs, err)
	}
	if ms, _ := s.Measures(ctx); len(ms) != 0 {
		t.Errorf("measures = %v; want none", ms)
	}
	assertComplete(t, s)
	record(t, s, runAt("good", day(1), meas("VUL-01", 4)))
	wantValues(t, history(t, s, "VUL-01", Query{}), "01-02=4")
}

// assertComplete fails when a stored run misses verdicts or evidence.
func assertComplete(t *testing.T, s Store) {
	t.Helper()
	bad, err := s.(*sqlStore).incomplete(context.Background())
	if err != nil || len(bad) != 0 {
		t.Errorf("incomplete runs = %v, %v", bad, err)
	}
}

func testQueryFilters(t *testing.T, dsn string) {
	s := openT(t, dsn)
	for i := range 6 {
		record(t, s, runAt("r", day(i), meas("M", float64(i))))
	}
	record(t, s,
		runAt("nd", day(6), mv{measure: "M", status: verdict.NoData}),
		runAt("er", day(7), mv{measure: "M", status: verdict.Error}),
		runAt("st", day(8), mv{measure: "M", status: verdict.Stale, value: val(99)}),
		runAt("wv", day(9), mv{measure: "M", status: verdict.Waived, value: val(50)}))
	wantValues(t, history(t, s, "M", Query{Since: day(1), Before: day(3)}), "01-02=1", "01-03=2")
	wantValues(t, history(t, s, "M", Query{Limit: 2, Before: day(5)}), "01-04=3", "01-05=4")
	wantValues(t, history(t, s, "M", Query{Since: day(5)}),
		"01-06=5", "01-07=no_data", "01-08=error", "01-09=99", "01-10=50")
	wantValues(t, history(t, s, "M", Query{Since: day(5), Measured: true}), "01-06=5", "01-10=50")
	wantValues(t, history(t, s, "M", Query{Limit: 1, Measured: true, Before: day(9)}), "01-06=5")
	if len(history(t, s, "M", Query{})) != 10 {
		t.Error("unfiltered history is not 10 points")
	}
}

func testRuns(t *testing.T, dsn string) {
	s := openT(t, dsn)
	ctx := context.Background()
	record(t, s,
		runAt("b", day(1), meas("A", 99), meas("B", 50)),
		runAt("a", day(0), meas("A", 85)),
		runAt("c", day(2), mv{measure: "A", status: verdict.NoData}))
	runs, err := s.Runs(ctx, Query{})
	if err != nil || len(runs) != 3 {
		t.Fatalf("runs = %v, %v", runs, err)
	}
	r := runs[1]
	want := runAt("b", day(1))
	if r.ID != want.Run.ID || !r.AsOf.Equal(day(1)) || r.Verdicts != 2 || r.AssayVersion != "test" ||
		r.MeasuresDigest != "sha256:m" || r.EvidenceDigest != "sha256:e-b" {
		t.Errorf("run = %+v", r)
	}
	if r.Summary != (verdict.Summary{Total: 2, Pass: 1, Fail: 1}) {
		t.Errorf("summary = %+v", r.Summary)
	}
	if r.RecordedAt.IsZero() {
		t.Error("recorded_at is zero")
	}
	latest, _ := s.Runs(ctx, Query{Limit: 1})
	old, _ := s.Runs(ctx, Query{Before: day(1)})
	if len(latest) != 1 || latest[0].ID != runs[2].ID || len(old) != 1 || old[0].ID != runs[0].ID {
		t.Errorf("latest = %v, before day 1 = %v", latest, old)
	}
}

func testReportRoundTrip(t *testing.T, dsn string) {
	s := openT(t, dsn)
	ctx := context.Background()
	rep := catalogueRun(t, "cat", day(0))
	record(t, s, rep)
	got, err := s.Report(ctx, rep.Run.ID)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := mustJSON(t, got), mustJSON(t, rep); g != w {
		t.Errorf("report changed in the store:\n got %.300s…\nwant %.300s…", g, w)
	}
	if _, err := s.Report(ctx, "missing"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing run: err = %v, want ErrNotFound", err)
	}
	empty := runAt("empty", day(1))
	empty.Verdicts = []verdict.Verdict{}
	record(t, s, empty)
	if got, err := s.Report(ctx, empty.Run.ID); err != nil || len(got.Verdicts) != 0 {
		t.Errorf("empty run = %v, %v", got, err)
	}
	assertEvidence(t, s.(*sqlStore), rep.Run.ID)
}

// assertEvidence checks that the run's evidence rows are its distinct
// evidence files.
func assertEvidence(t *testing.T, s *sqlStore, runID string) {
	t.Helper()
	rep, err := s.Report(context.Background(), runID)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}
	for _, v := range rep.Verdicts {
		for _, e := range v.Evidence {
			files[e.Source+"\x00"+e.File+"\x00"+e.SHA256] = true
		}
	}
	var n int
	row := s.db.QueryRow(s.q("SELECT count(*) FROM evidence WHERE run_id = ?"), runID)
	if err := row.Scan(&n); err != nil || n != len(files) || n == 0 {
		t.Errorf("evidence rows = %d (%v), want %d", n, err, len(files))
	}
}

func testMeasures(t *testing.T, dsn string) {
	s := openT(t, dsn)
	record(t, s, runAt("a", day(0), meas("VUL-01", 1), meas("CFG-01", 2)), runAt("b", day(1), meas("VUL-01", 3)))
	ms, err := s.Measures(context.Background())
	if err != nil || !slices.Equal(ms, []string{"CFG-01", "VUL-01"}) {
		t.Errorf("measures = %v, %v", ms, err)
	}
}

func testPrune(t *testing.T, dsn string) {
	s := openT(t, dsn)
	ctx := context.Background()
	for i := range 5 {
		record(t, s, runAt("r", day(i), meas("A", float64(i)), meas("B", float64(10*i))))
	}
	if n, err := s.Prune(ctx, time.Time{}); err != nil || n != 0 {
		t.Fatalf("prune before the zero time = %d, %v; want 0", n, err)
	}
	far := Query{Since: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), Before: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)}
	if ps := history(t, s, "A", far); len(ps) != 5 {
		t.Fatalf("history from year 1 to 9999: %d points, want 5", len(ps))
	}
	n, err := s.Prune(ctx, day(2))
	if err != nil || n != 2 {
		t.Fatalf("prune = %d, %v; want 2", n, err)
	}
	wantValues(t, history(t, s, "A", Query{}), "01-03=2", "01-04=3", "01-05=4")
	wantValues(t, history(t, s, "B", Query{}), "01-03=20", "01-04=30", "01-05=40")
	if runs, _ := s.Runs(ctx, Query{}); len(runs) != 3 {
		t.Errorf("%d runs left, want 3", len(runs))
	}
	ss := s.(*sqlStore)
	for _, table := range []string{"verdicts", "evidence"} {
		var orphans int
		q := "SELECT count(*) FROM " + table + " WHERE run_id NOT IN (SELECT id FROM runs)"
		if err := ss.db.QueryRow(q).Scan(&orphans); err != nil || orphans != 0 {
			t.Errorf("%s: %d rows of pruned runs (%v)", table, orphans, err)
		}
	}
	if n, err := s.Prune(ctx, day(2)); err != nil || n != 0 {
		t.Errorf("second prune = %d, %v; want 0", n, err)
	}
	if n, err := s.Prune(ctx, day(100)); err != nil || n != 3 {
		t.Errorf("prune all = %d, %v; want 3", n, err)
	}
	assertComplete(t, s)
}

// trendsAt computes rep's trends the way an evaluation does: the
// store's measurements before the as-of time, through trend.Compute.
func trendsAt(t *testing.T, s Store, rep *verdict.Report) map[string]trend.Trend {
	t.Helper()
	asOf, _ := time.Parse(time.RFC3339Nano, rep.Run.AsOf)
	hist, err := s.Measurements(context.Background(), nil, Query{Before: asOf})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]trend.Trend{}
	for _, v := range rep.Verdicts {
		window, _ := lang.ParseDuration(v.Frequency.Analyse)
		out[v.Measure] = trend.Compute(hist[v.Measure], v.Value, v.Better, window, asOf)
	}
	return out
}

func testTrendDirections(t *testing.T, dsn string) {
	s := openT(t, dsn)
	hi := func(x float64) mv {
		return mv{measure: "HI", status: verdict.Warn, value: val(x), better: "higher", analyse: "7d"}
	}
	lo := func(x float64) mv {
		return mv{measure: "LO", status: verdict.Warn, value: val(x), better: "lower", analyse: "7d"}
	}
	st := func(x float64) mv {
		return mv{measure: "ST", status: verdict.Pass, value: val(x), better: "lower", analyse: "7d"}
	}
	record(t, s, runAt("r", day(0), hi(80), lo(5), st(2)), runAt("r", day(1), hi(85), lo(3), st(2)))
	cases := []struct {
		rep  *verdict.Report
		want map[string]string
	}{
		{runAt("r", day(2), hi(90), lo(4), st(2)), map[string]string{"HI": trend.Improving, "LO": trend.Worsening, "ST": trend.Steady}},
		{runAt("r", day(2), hi(70), lo(1), st(2.0000000000001)), map[string]string{"HI": trend.Worsening, "LO": trend.Improving, "ST": trend.Steady}},
		{runAt("r", day(2), mv{measure: "HI", status: verdict.NoData, better: "higher"}, lo(3), meas("NEW", 1)),
			map[string]string{"HI": trend.None, "LO": trend.Steady, "NEW": trend.None}},
	}
	for _, tc := range cases {
		trends := trendsAt(t, s, tc.rep)
		for m, want := range tc.want {
			if got := trends[m].Direction; got != want {
				t.Errorf("%s: direction %q, want %q (%+v)", m, got, want, trends[m])
			}
		}
	}
	tr := trendsAt(t, s, cases[0].rep)
	h := tr["HI"]
	if *h.Previous != 85 || h.PreviousAsOf != "2026-01-02T06:00:00Z" || *h.Delta != 5 ||
		h.Points != 2 || *h.WindowMean != 82.5 || h.Window != "7d" {
		t.Errorf("HI trend = %+v", h)
	}
	// A run never counts in its own trend, recorded or not.
	record(t, s, cases[0].rep)
	if after := trendsAt(t, s, cases[0].rep); mustJSON(t, after) != mustJSON(t, tr) {
		t.Errorf("trends changed once the run was recorded:\n%s\n%s", mustJSON(t, after), mustJSON(t, tr))
	}
}

func testTrendWindow(t *testing.T, dsn string) {
	s := openT(t, dsn)
	ctx := context.Background()
	w := func(x float64) mv {
		return mv{measure: "W", status: verdict.Fail, value: val(x), better: "higher", analyse: "P3D"}
	}
	record(t, s,
		runAt("r", day(0), w(10)), runAt("r", day(5), w(20)), runAt("r", day(6), w(30)),
		runAt("r", day(7), mv{measure: "W", status: verdict.Error}),
		runAt("r", day(20), w(40)))
	// As of day 8 the window [day 5, day 8) holds 20 and 30; the error
	// and day 0 do not count, nor day 20.
	tr := trendsAt(t, s, runAt("now", day(8), w(35)))["W"]
	if *tr.Previous != 30 || tr.Points != 2 || *tr.WindowMean != 25 || tr.Direction != trend.Improving || tr.Window != "3d" {
		t.Errorf("trend = %+v", tr)
	}
	// As of day 15 the window is empty but day 6 is still the previous.
	tr = trendsAt(t, s, runAt("now", day(15), w(35)))["W"]
	if tr.Previous == nil || *tr.Previous != 30 || tr.Points != 0 || tr.WindowMean != nil {
		t.Errorf("trend = %+v", tr)
	}
	// No analysis window: the mean is over the whole history before.
	tr = trendsAt(t, s, runAt("now", day(30), mv{measure: "W", status: verdict.Fail, value: val(1)}))["W"]
	if tr.Points != 4 || *tr.WindowMean != 25 || tr.Window != "" {
		t.Errorf("trend = %+v", tr)
	}
	prev, err := Previous(ctx, s, "W", day(7))
	if err != nil || prev == nil || *prev.Value != 30 {
		t.Errorf("previous = %+v, %v", prev, err)
	}
	if prev, err := Previous(ctx, s, "W", day(0)); err != nil || prev != nil {
		t.Errorf("previous before the first run = %+v, %v", prev, err)
	}
}

func testMeasurements(t *testing.T, dsn string) {
	s := openT(t, dsn)
	ctx := context.Background()
	for i := range 5 {
		record(t, s, runAt("r", day(i), meas("A", float64(i)), meas("B", float64(10*i)), meas("C", 7)))
	}
	record(t, s, runAt("nd", day(5), mv{measure: "A", status: verdict.NoData}, mv{measure: "B", status: verdict.Stale, value: val(1)}))
	text := func(m map[string][]trend.Sample) string {
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(m)) {
			var vs []string
			for _, smp := range m[k] {
				vs = append(vs, fmt.Sprintf("%s=%g", smp.AsOf.Format("01-02"), smp.Value))
			}
			parts = append(parts, k+":"+strings.Join(vs, ","))
		}
		return strings.Join(parts, " ")
	}
	cases := []struct {
		measures []string
		q        Query
		want     string
	}{
		{nil, Query{}, "A:01-01=0,01-02=1,01-03=2,01-04=3,01-05=4 B:01-01=0,01-02=10,01-03=20,01-04=30,01-05=40 " +
			"C:01-01=7,01-02=7,01-03=7,01-04=7,01-05=7"},
		{[]string{"A", "B", "Z"}, Query{Since: day(1), Before: day(3)}, "A:01-02=1,01-03=2 B:01-02=10,01-03=20"},
		{[]string{"A", "C"}, Query{Limit: 2}, "A:01-04=3,01-05=4 C:01-04=7,01-05=7"},
		{[]string{"B"}, Query{Limit: 2, Before: day(2)}, "B:01-01=0,01-02=10"},
		{[]string{}, Query{}, ""},
	}
	for _, tc := range cases {
		got, err := s.Measurements(ctx, tc.measures, tc.q)
		if err != nil {
			t.Fatal(err)
		}
		if text(got) != tc.want {
			t.Errorf("Measurements(%v, %+v) = %s, want %s", tc.measures, tc.q, text(got), tc.want)
		}
	}
}

func ptrTo[T any](v T) *T { return &v }

func testConcurrentGoroutines(t *testing.T, dsn string) {
	s := openT(t, dsn)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 8 {
		wg.Go(func() {
			for i := range 5 {
				// Every goroutine records the shared run, and its own.
				for _, r := range []*verdict.Report{
					runAt("shared", day(i), meas("A", float64(i))),
					runAt(fmt.Sprintf("g%d", g), day(i), meas("A", float64(i)), meas("B", 1)),
				} {
					if err := s.Record(ctx, r); err != nil {
						errs <- err
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if runs, _ := s.Runs(ctx, Query{}); len(runs) != 8*5+5 {
		t.Errorf("%d runs, want %d", len(runs), 8*5+5)
	}
	assertComplete(t, s)
}

func testOpenTwice(t *testing.T, dsn string) {
	a := openT(t, dsn)
	b := openT(t, dsn) // both open at once; the second migrates nothing
	record(t, a, runAt("a", day(0), meas("A", 1)))
	wantValues(t, history(t, b, "A", Query{}), "01-01=1")
	assertVersion(t, dsn, 1)
}

func assertVersion(t *testing.T, dsn string, want int) {
	t.Helper()
	raw := rawT(t, dsn)
	var n int
	if err := raw.db.QueryRow("SELECT count(*) FROM schema_migrations").Scan(&n); err != nil || n != want {
		t.Errorf("schema_migrations has %d rows (%v), want %d", n, err, want)
	}
	if v, err := schemaVersion(context.Background(), raw.db); err != nil || v != want {
		t.Errorf("schema version = %d (%v), want %d", v, err, want)
	}
}

// testConcurrentFirstOpen opens a new store from several pools at once:
// the schema must be created once, and every opener must get a store.
func testConcurrentFirstOpen(t *testing.T, dsn string) {
	const n = 6
	stores := make([]Store, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			stores[i], errs[i] = Open(context.Background(), dsn)
			if errs[i] == nil {
				errs[i] = stores[i].Record(context.Background(), runAt(fmt.Sprintf("p%d", i), day(0), meas("A", float64(i))))
			}
		})
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Errorf("opener %d: %v", i, errs[i])
		}
		if stores[i] != nil {
			stores[i].Close()
		}
	}
	assertVersion(t, dsn, 1)
	if ps := history(t, openT(t, dsn), "A", Query{}); len(ps) != n {
		t.Errorf("%d points, want %d", len(ps), n)
	}
}
