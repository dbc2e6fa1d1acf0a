package measures_test

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/lang"
	"github.com/assay-dev/assay/engine/verdict"
	"github.com/assay-dev/assay/engine/verdict/verdicttest"
	"github.com/assay-dev/assay/plugins"
	"github.com/assay-dev/assay/plugins/file"
)

// evidenceDir is the shipped evidence, copied from ../shared/corpus.
const evidenceDir = "../testdata/evidence"

// runCatalogue evaluates the shipped catalogue on the shipped evidence.
func runCatalogue(tb testing.TB) *verdict.Report {
	tb.Helper()
	ctx := context.Background()
	mod, diags := lang.Load([]string{"."})
	if diags.HasErrors() {
		tb.Fatalf("Load: %s", diags.Error())
	}
	set, diags := engine.Compile(ctx, mod, engine.Options{
		Plugins:     plugins.Registry{"file": file.Plugin{}},
		EvidenceDir: evidenceDir,
	})
	if diags.HasErrors() {
		tb.Fatalf("Compile: %s", diags.Error())
	}
	ev, err := set.Collect(ctx)
	if err != nil {
		tb.Fatalf("Collect: %v", err)
	}
	asOf, err := time.Parse(time.RFC3339, catalogueAsOf)
	if err != nil {
		tb.Fatal(err)
	}
	rep, err := set.Evaluate(ctx, ev, engine.EvalOptions{AsOf: asOf})
	if err != nil {
		tb.Fatalf("Evaluate: %v", err)
	}
	return rep
}

// TestCatalogue compares every shipped measure's verdict with the value
// worked out by hand in catalogue_expect_test.go.
func TestCatalogue(t *testing.T) {
	rep := runCatalogue(t)
	verdicttest.CheckReport(t, rep)
	got := map[string]verdict.Verdict{}
	for _, v := range rep.Verdicts {
		got[v.Measure] = v
	}
	seen := map[string]bool{}
	for _, want := range catalogueCases {
		seen[want.measure] = true
		t.Run(want.measure, func(t *testing.T) {
			v, ok := got[want.measure]
			if !ok {
				t.Fatalf("no verdict for %s", want.measure)
			}
			checkVerdict(t, v, want)
		})
	}
	var untested []string
	for id := range got {
		if !seen[id] {
			untested = append(untested, id)
		}
	}
	sort.Strings(untested)
	if len(untested) > 0 {
		t.Errorf("measures without a worked-out expectation: %v", untested)
	}
}

func checkVerdict(t *testing.T, v verdict.Verdict, want catalogueCase) {
	t.Helper()
	if string(v.Status) != want.status {
		t.Errorf("status = %s (%s), want %s", v.Status, v.Reason, want.status)
	}
	if v.Value == nil || *v.Value != want.value {
		t.Errorf("value = %v, want %v", deref(v.Value), want.value)
	}
	compareMeasures(t, "base", v.Base, want.base)
	compareMeasures(t, "derived", v.Derived, want.derived)
	if len(v.Findings) != want.findings {
		t.Errorf("findings = %d, want %d", len(v.Findings), want.findings)
	}
	if len(v.Evidence) == 0 {
		t.Errorf("verdict lists no evidence files")
	}
}

func compareMeasures(t *testing.T, kind string, got map[string]verdict.Measure, want map[string]float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s measures = %v, want %v", kind, got, want)
	}
	for name, w := range want {
		g, ok := got[name]
		if !ok || g.Value == nil || *g.Value != w {
			t.Errorf("%s %s = %v (present %v), want %v", kind, name, deref(g.Value), ok, w)
		}
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
