package gate

import (
	"testing"

	"github.com/assay-dev/assay/engine/verdict"
)

// TestBlocks covers every counts-as status × enforcement × flag.
func TestBlocks(t *testing.T) {
	statuses := []verdict.Status{verdict.Pass, verdict.Warn, verdict.Fail}
	enforcements := []string{Advisory, Soft, Hard}
	for _, counts := range statuses {
		for _, enf := range enforcements {
			for _, failOn := range []verdict.Status{verdict.Fail, verdict.Warn} {
				for _, allowSoft := range []bool{false, true} {
					p := Policy{FailOn: failOn, AllowSoft: allowSoft}
					v := verdict.Verdict{Measure: "M", Status: counts, CountsAs: counts, Enforcement: enf}
					got, _ := p.Blocks(v)
					want := expectBlocks(counts, enf, failOn, allowSoft)
					if got != want {
						t.Errorf("Blocks(counts_as %s, %s, fail-on %s, allow-soft %v) = %v, want %v",
							counts, enf, failOn, allowSoft, got, want)
					}
				}
			}
		}
	}
}

// expectBlocks states the rule independently of the code: a verdict
// fails when it counts as fail, or as warn under --fail-on warn; a
// failing verdict blocks when its measure is hard, or soft without
// --allow-soft; advisory never blocks.
func expectBlocks(counts verdict.Status, enf string, failOn verdict.Status, allowSoft bool) bool {
	failing := counts == verdict.Fail || (counts == verdict.Warn && failOn == verdict.Warn)
	if !failing {
		return false
	}
	return enf == Hard || (enf == Soft && !allowSoft)
}

func TestApply(t *testing.T) {
	r := &verdict.Report{Verdicts: []verdict.Verdict{
		{Measure: "A", Status: verdict.Pass, CountsAs: verdict.Pass, Enforcement: Hard},
		{Measure: "B", Status: verdict.NoData, CountsAs: verdict.Fail, Enforcement: Hard},
		{Measure: "C", Status: verdict.Fail, CountsAs: verdict.Fail, Enforcement: Soft},
		{Measure: "D", Status: verdict.Error, CountsAs: verdict.Pass, Enforcement: Hard},
		{Measure: "E", Status: verdict.Waived, CountsAs: verdict.Pass, Enforcement: Hard},
	}}
	Policy{FailOn: verdict.Fail}.Apply(r)
	if r.Gate.Passed || len(r.Gate.Blocking) != 2 || r.Gate.Blocking[0].Measure != "B" || r.Gate.Blocking[1].Measure != "C" {
		t.Errorf("Apply = %+v, want blocked by B and C", r.Gate)
	}
	Policy{FailOn: verdict.Fail, AllowSoft: true}.Apply(r)
	if r.Gate.Passed || len(r.Gate.Blocking) != 1 || r.Gate.Blocking[0].Measure != "B" {
		t.Errorf("Apply(allow soft) = %+v, want blocked by B only", r.Gate)
	}
	if r.Gate.FailOn != "fail" || !r.Gate.AllowSoft {
		t.Errorf("Apply records fail_on %q allow_soft %v, want fail true", r.Gate.FailOn, r.Gate.AllowSoft)
	}
}

func TestParseFailOn(t *testing.T) {
	for in, want := range map[string]verdict.Status{"": verdict.Fail, "fail": verdict.Fail, "warn": verdict.Warn} {
		if got, err := ParseFailOn(in); err != nil || got != want {
			t.Errorf("ParseFailOn(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseFailOn("error"); err == nil {
		t.Errorf("ParseFailOn(error) succeeded, want an error")
	}
}
