package engine_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/bundle"
	"github.com/assay-dev/assay/engine/verdict"
)

// TestStaleAtFixedAsOf evaluates a collection made at a known time at
// fixed as-of times: within max_age the verdict stands, past it the
// measure is stale and the gate fails, whatever the value.
func TestStaleAtFixedAsOf(t *testing.T) {
	text := strings.Replace(measureHCL("e.json", countMeasure("r.n == 1", 1)), `plugin = "file"`, "plugin  = \"file\"\n  max_age = \"24h\"", 1)
	set, diags := compileDir(t, fixture{"m.hcl": text, "e.json": "[]"}.write(t))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	collected := time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)
	c := &bundle.Collection{Sources: []bundle.Source{{
		Name: "s", Plugin: "file", CollectedAt: collected,
		Files: []bundle.File{{Name: "e.json", MediaType: "application/json", Data: []byte(`[{"n": 1}]`)}},
	}}}
	ev, err := set.Load(c, engine.LoadOptions{CheckFreshness: true})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		asOf   time.Time
		status verdict.Status
		reason string
	}{
		// 18 hours after collection: within 24h.
		{time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), verdict.Pass, ""},
		// Exactly 24 hours: not older than max_age.
		{collected.Add(24 * time.Hour), verdict.Pass, ""},
		// 30 hours: stale, though the count still passes.
		{time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC), verdict.Stale,
			"source s was collected at 2026-11-30T06:00:00Z, 30h0m0s before the as-of time, more than its max_age of 24h"},
	}
	for _, tc := range tests {
		rep, err := set.Evaluate(context.Background(), ev, engine.EvalOptions{AsOf: tc.asOf})
		if err != nil {
			t.Fatal(err)
		}
		v := only(t, rep)
		if v.Status != tc.status || v.Reason != tc.reason {
			t.Errorf("as of %s: %s %q, want %s %q", tc.asOf, v.Status, v.Reason, tc.status, tc.reason)
		}
		if v.Value == nil || *v.Value != 1 {
			t.Errorf("as of %s: value %v, want 1 (kept when stale)", tc.asOf, v.Value)
		}
		if tc.status == verdict.Stale && (rep.Gate.Passed || v.CountsAs != verdict.Fail) {
			t.Errorf("stale verdict counts as %s and the gate passed = %v; want fail, false", v.CountsAs, rep.Gate.Passed)
		}
		if got := v.Evidence[0].CollectedAt; got != "2026-11-30T06:00:00Z" {
			t.Errorf("evidence collected_at = %q, want 2026-11-30T06:00:00Z", got)
		}
	}
}
