// Package measuretest runs the tests written for measures: each test
// evaluates one measure on evidence it gives inline, at a fixed as-of
// time, and compares the verdict with what it expects. It also reports
// which decision branches each measure's tests reached, and runs the
// Rego tests of the policies.
package measuretest

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"time"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/lang"
	"github.com/assay-dev/assay/engine/verdict"
)

// Result is the outcome of one test.
type Result struct {
	Name     string // MEASURE/test name
	Test     *lang.Test
	Passed   bool
	Failures []string // what differed from the expectation
	Verdict  verdict.Verdict
	Duration time.Duration
}

// Run evaluates every test whose name matches filter (all when nil).
// err is non-nil only when a test cannot run at all, such as evidence
// files that cannot be read: a broken test, not a failing one.
func Run(ctx context.Context, set *engine.Set, tests []*lang.Test, filter *regexp.Regexp) ([]Result, error) {
	var out []Result
	for _, t := range tests {
		name := t.Measure + "/" + t.Name
		if filter != nil && !filter.MatchString(name) {
			continue
		}
		start := time.Now()
		v, err := runOne(ctx, set, t)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: test %q: %w", t.File, t.DeclRange.Start.Line, t.Name, err)
		}
		failures := compare(v, t.Expect)
		out = append(out, Result{Name: name, Test: t, Passed: len(failures) == 0, Failures: failures, Verdict: v, Duration: time.Since(start)})
	}
	return out, nil
}

func runOne(ctx context.Context, set *engine.Set, t *lang.Test) (verdict.Verdict, error) {
	inline := map[string]engine.InlineEvidence{}
	for _, te := range t.Evidence {
		inline[te.Source] = engine.InlineEvidence{Records: te.Records, Files: te.Files}
	}
	ev, err := set.EvidenceFrom(inline)
	if err != nil {
		return verdict.Verdict{}, err
	}
	params := map[string]map[string]any{}
	if len(t.Params) > 0 {
		params[t.Measure] = t.Params
	}
	rep, err := set.Evaluate(ctx, ev, engine.EvalOptions{AsOf: t.AsOf, Params: params, Measures: []string{t.Measure}, Concurrency: 1})
	if err != nil {
		return verdict.Verdict{}, err
	}
	return rep.Verdicts[0], nil
}

// defaultTolerance absorbs floating-point noise in expected values
// written as decimals.
const defaultTolerance = 1e-9

func compare(v verdict.Verdict, want lang.Expectation) []string {
	var out []string
	if string(v.Status) != want.Status {
		reason := ""
		if v.Reason != "" {
			reason = " (" + v.Reason + ")"
		}
		out = append(out, fmt.Sprintf("status = %s%s, want %s", v.Status, reason, want.Status))
	}
	if want.Value != nil {
		tol := math.Max(want.Tolerance, defaultTolerance)
		switch {
		case v.Value == nil:
			out = append(out, fmt.Sprintf("value = none, want %v", *want.Value))
		case math.Abs(*v.Value-*want.Value) > tol && want.Tolerance > 0:
			out = append(out, fmt.Sprintf("value = %v, want %v ± %v", *v.Value, *want.Value, want.Tolerance))
		case math.Abs(*v.Value-*want.Value) > tol:
			out = append(out, fmt.Sprintf("value = %v, want %v", *v.Value, *want.Value))
		}
	}
	if want.Findings != nil && len(v.Findings) != *want.Findings {
		out = append(out, fmt.Sprintf("findings = %d, want %d", len(v.Findings), *want.Findings))
	}
	return out
}

// Branches are the decision branches a measure can take.
var Branches = []verdict.Status{verdict.Pass, verdict.Warn, verdict.Fail, verdict.NoData}

// Coverage is, for one measure, which branches its tests reached.
type Coverage struct {
	Measure  string
	Possible []verdict.Status // warn only when the measure has a warn criterion
	Reached  map[verdict.Status]bool
}

// Missing lists the possible branches no test reached.
func (c Coverage) Missing() []verdict.Status {
	var out []verdict.Status
	for _, b := range c.Possible {
		if !c.Reached[b] {
			out = append(out, b)
		}
	}
	return out
}

// BranchCoverage reports, for every measure in mod, which decision branches
// the results reached, in measure order. Measures without tests are
// listed with nothing reached.
func BranchCoverage(mod *lang.Module, results []Result) []Coverage {
	reached := map[string]map[verdict.Status]bool{}
	for _, r := range results {
		if reached[r.Test.Measure] == nil {
			reached[r.Test.Measure] = map[verdict.Status]bool{}
		}
		reached[r.Test.Measure][r.Verdict.Status] = true
	}
	var out []Coverage
	for _, m := range mod.Measures {
		c := Coverage{Measure: m.ID, Reached: reached[m.ID]}
		if c.Reached == nil {
			c.Reached = map[verdict.Status]bool{}
		}
		for _, b := range Branches {
			if b == verdict.Warn && (m.Decision == nil || m.Decision.Warn == nil) {
				continue
			}
			c.Possible = append(c.Possible, b)
		}
		out = append(out, c)
	}
	return out
}
