package measures_test

import (
	"context"
	"testing"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/lang"
	"github.com/assay-dev/assay/engine/measuretest"
)

// TestMeasureTests runs the *_test.hcl files of the catalogue, as
// `assay test` does, and requires every test to pass and every measure
// to reach each of its decision branches.
func TestMeasureTests(t *testing.T) {
	ctx := context.Background()
	mod, diags := lang.Load([]string{"."})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	tests, _, diags := lang.LoadTests([]string{"."})
	diags = append(diags, mod.CheckTests(tests)...)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	set, diags := engine.Compile(ctx, mod, catalogueOptions())
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	results, err := measuretest.Run(ctx, set, tests, nil)
	if err != nil {
		t.Fatal(err)
	}
	// 124 tests were written for the 18 measures; fewer means a test
	// file stopped loading.
	if len(results) < 124 {
		t.Errorf("ran %d measure tests, want at least 124", len(results))
	}
	for _, r := range results {
		if !r.Passed {
			t.Errorf("%s (%s:%d): %v", r.Name, r.Test.File, r.Test.DeclRange.Start.Line, r.Failures)
		}
	}
	for _, c := range measuretest.BranchCoverage(mod, results) {
		if missing := c.Missing(); len(missing) > 0 {
			t.Errorf("%s: no test reaches %v", c.Measure, missing)
		}
	}
}
