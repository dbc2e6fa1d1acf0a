// Package gate decides whether a run lets a release through. Each
// verdict counts at the gate as pass, warn or fail (its counts_as), and
// its measure's enforcement says whether a failure blocks: advisory
// never blocks, soft blocks unless the run allows soft failures, hard
// always blocks.
package gate

import (
	"fmt"

	"github.com/assay-dev/assay/engine/verdict"
)

// Policy is how one run gates.
type Policy struct {
	FailOn    verdict.Status // verdict.Fail (the default) or verdict.Warn
	AllowSoft bool           // soft-enforced measures do not block
}

// ParseFailOn reads the --fail-on level.
func ParseFailOn(s string) (verdict.Status, error) {
	switch s {
	case "", "fail":
		return verdict.Fail, nil
	case "warn":
		return verdict.Warn, nil
	}
	return "", fmt.Errorf("--fail-on must be warn or fail, not %q", s)
}

// Enforcement levels of a measure.
const (
	Advisory = "advisory"
	Soft     = "soft"
	Hard     = "hard"
)

// Blocks reports whether v blocks the gate under p, and why.
func (p Policy) Blocks(v verdict.Verdict) (bool, string) {
	failing := false
	switch v.CountsAs {
	case verdict.Fail:
		failing = true
	case verdict.Warn:
		failing = p.FailOn == verdict.Warn
	}
	if !failing {
		return false, ""
	}
	why := fmt.Sprintf("%s is %s", v.Measure, v.Status)
	switch v.Enforcement {
	case Advisory:
		return false, ""
	case Soft:
		if p.AllowSoft {
			return false, ""
		}
		return true, why + " (soft; --allow-soft lets it through)"
	}
	return true, why
}

// Apply decides the gate for a report and records the result in it.
func (p Policy) Apply(r *verdict.Report) {
	failOn := p.FailOn
	if failOn == "" {
		failOn = verdict.Fail
	}
	g := verdict.Gate{FailOn: string(failOn), AllowSoft: p.AllowSoft, Passed: true, Blocking: []verdict.Blocker{}}
	for _, v := range r.Verdicts {
		if blocks, why := p.Blocks(v); blocks {
			g.Passed = false
			g.Blocking = append(g.Blocking, verdict.Blocker{Measure: v.Measure, Status: v.Status, Reason: why})
		}
	}
	r.Gate = g
}
