package engine_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/gate"
	"github.com/assay-dev/assay/engine/verdict"
)

// waiverFixture has three measures over one evidence file: M-1 fails
// with two findings (resources a and b), M-2 passes and M-3 fails.
func waiverFixture(waivers string) fixture {
	measure := func(id, body string) string {
		return fmt.Sprintf(`
measure %q {
  title            = "t"
  information_need = "n"
  type             = "performance"
  evidence         = [source.s]
%s
}
`, id, body)
	}
	open := `
  policy "open" {
    rego  = "package w\nfindings contains {\"msg\": \"open\", \"resource\": r.name} if {\n some r in input.evidence.s\n r.open\n}"
    query = "data.w.findings"
  }
  base_measure "open" {
    expr = "size(policy.open)"
  }
  indicator {
    expr = "open"
  }
  decision {
    pass = "value == 0.0"
  }`
	passes := `
  base_measure "n" {
    expr = "size(evidence.s)"
  }
  indicator {
    expr = "n"
  }
  decision {
    pass = "value == 3.0"
  }`
	fails := strings.Replace(passes, "value == 3.0", "value == 0.0", 1)
	text := `source "s" {
  plugin = "file"
  config {
    paths = ["e.json"]
  }
}
` + measure("M-1", open) + measure("M-2", passes) + measure("M-3", fails) + waivers
	return fixture{"m.hcl": text, "e.json": `[{"name": "a", "open": true}, {"name": "b", "open": true}, {"name": "c", "open": false}]`}
}

func waiverHCL(id, measure, expires, extra string) string {
	return fmt.Sprintf(`
waiver %q {
  measure       = %q
  justification = "Replacement firewall ships in Q1"
  approved_by   = "CISO"
  expires       = %q
%s
}
`, id, measure, expires, extra)
}

func byMeasure(rep *verdict.Report) map[string]verdict.Verdict {
	out := map[string]verdict.Verdict{}
	for _, v := range rep.Verdicts {
		out[v.Measure] = v
	}
	return out
}

func TestWaivers(t *testing.T) {
	// asOf is 2026-12-01; 2027-06-30 is far off, 2026-12-10 within 30 days.
	tests := []struct {
		name       string
		waivers    string
		m1, m3     verdict.Status
		notice     string
		gatePassed bool
	}{
		{"none", "", verdict.Fail, verdict.Fail, "", false},
		{"current", waiverHCL("W-1", "M-1", "2027-06-30", ""), verdict.Waived, verdict.Fail, "", false},
		{"expired", waiverHCL("W-1", "M-1", "2026-11-30", ""), verdict.Fail, verdict.Fail, "waiver W-1 expired on 2026-11-30 and no longer applies", false},
		{"expiring", waiverHCL("W-1", "M-1", "2026-12-10", ""), verdict.Waived, verdict.Fail, "waiver W-1 expires on 2026-12-10, in 10 days", false},
		{"scoped to one of two findings", waiverHCL("W-1", "M-1", "2027-06-30", `  scope = "a"`), verdict.Fail, verdict.Fail, "", false},
		{"scoped to every finding", waiverHCL("W-1", "M-1", "2027-06-30", `  scope = "a"`) + waiverHCL("W-2", "M-1", "2027-03-31", `  scope = "b"`), verdict.Waived, verdict.Fail, "", false},
		{"compensating measure passes", waiverHCL("W-1", "M-1", "2027-06-30", `  compensating_measure = "M-2"`), verdict.Waived, verdict.Fail, "", false},
		{"compensating measure fails", waiverHCL("W-1", "M-1", "2027-06-30", `  compensating_measure = "M-3"`), verdict.Fail, verdict.Fail, "its compensating measure M-3 is fail", false},
		{"not needed", waiverHCL("W-1", "M-2", "2027-06-30", ""), verdict.Fail, verdict.Fail, "waiver W-1 is not needed: the measure passes", false},
		{"both failures waived", waiverHCL("W-1", "M-1", "2027-06-30", "") + waiverHCL("W-3", "M-3", "2027-06-30", ""), verdict.Waived, verdict.Waived, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := evaluate(t, waiverFixture(tc.waivers), engine.EvalOptions{Gate: gate.Policy{FailOn: verdict.Fail}})
			got := byMeasure(rep)
			if got["M-1"].Status != tc.m1 || got["M-3"].Status != tc.m3 || got["M-2"].Status != verdict.Pass {
				t.Fatalf("statuses M-1 %s, M-2 %s, M-3 %s; want %s, pass, %s", got["M-1"].Status, got["M-2"].Status, got["M-3"].Status, tc.m1, tc.m3)
			}
			var notices []string
			for _, n := range rep.Notices {
				notices = append(notices, n.Message)
			}
			if tc.notice != "" && !strings.Contains(strings.Join(notices, "\n"), tc.notice) {
				t.Errorf("notices = %q, want one with %q", notices, tc.notice)
			}
			if tc.notice == "" && len(notices) > 0 {
				t.Errorf("notices = %q, want none", notices)
			}
			if rep.Gate.Passed != tc.gatePassed {
				t.Errorf("gate passed = %v, want %v (%+v)", rep.Gate.Passed, tc.gatePassed, rep.Gate.Blocking)
			}
		})
	}
}

// TestWaivedKeepsValue checks what a waived verdict records: the raw
// value, the original status and the waiver's terms.
func TestWaivedKeepsValue(t *testing.T) {
	rep := evaluate(t, waiverFixture(waiverHCL("W-1", "M-1", "2027-06-30", "")), engine.EvalOptions{})
	v := byMeasure(rep)["M-1"]
	if v.Value == nil || *v.Value != 2 || v.CountsAs != verdict.Pass {
		t.Errorf("value %v counts_as %s, want 2 and pass", v.Value, v.CountsAs)
	}
	w := v.Waiver
	if w == nil || w.ID != "W-1" || w.OriginalStatus != verdict.Fail || w.ApprovedBy != "CISO" || w.Expires != "2027-06-30" || w.Location.Line == 0 {
		t.Errorf("waiver = %+v, want W-1 over fail, approved by CISO, expiring 2027-06-30, with its line", w)
	}
	if rep.Summary.Waived != 1 || rep.Summary.Fail != 1 {
		t.Errorf("summary = %+v, want 1 waived and 1 fail", rep.Summary)
	}
	scoped := evaluate(t, waiverFixture(waiverHCL("W-1", "M-1", "2027-06-30", `  scope = "a"`)), engine.EvalOptions{})
	fs := byMeasure(scoped)["M-1"].Findings
	if len(fs) != 2 || !fs[0].Waived || fs[1].Waived {
		t.Errorf("scoped findings = %+v, want a waived and b not", fs)
	}
}

func TestWaiverLoadErrors(t *testing.T) {
	tests := []struct {
		name, waiver, summary string
	}{
		{"unknown measure", waiverHCL("W-1", "M-9", "2027-06-30", ""), "Waiver for unknown measure"},
		{"unknown compensating measure", waiverHCL("W-1", "M-1", "2027-06-30", `  compensating_measure = "M-8"`), "Waiver for unknown measure"},
		{"bad expiry", waiverHCL("W-1", "M-1", "next spring", ""), "Invalid expiry"},
		{"duplicate", waiverHCL("W-1", "M-1", "2027-06-30", "") + waiverHCL("W-1", "M-3", "2027-06-30", ""), "Duplicate waiver"},
		{"missing approver", strings.Replace(waiverHCL("W-1", "M-1", "2027-06-30", ""), `approved_by   = "CISO"`, "", 1), "Missing required argument"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := compileDir(t, waiverFixture(tc.waiver).write(t))
			if !diags.HasErrors() || diags[0].Summary != tc.summary || diags[0].Subject == nil {
				t.Errorf("Compile = %v, want %q with a position", diags, tc.summary)
			}
		})
	}
}

// TestOnNoData checks that a measure can let no_data pass the gate.
func TestOnNoData(t *testing.T) {
	body := `
  on_no_data  = "pass"
  enforcement = "soft"
  base_measure "n" {
    expr = "size(evidence.s)"
  }
  indicator {
    expr = "n"
  }
  decision {
    pass = "true"
  }`
	rep := evaluate(t, fixture{"m.hcl": measureHCL("e.json", body), "e.json": `[]`}, engine.EvalOptions{})
	v := only(t, rep)
	if v.Status != verdict.NoData || v.CountsAs != verdict.Pass || v.Enforcement != "soft" || !rep.Gate.Passed {
		t.Errorf("status %s counts_as %s enforcement %s gate %v; want no_data counted as pass, soft, gate passed", v.Status, v.CountsAs, v.Enforcement, rep.Gate.Passed)
	}
}
