package engine_test

import (
	"testing"
	"time"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/trend"
	"github.com/assay-dev/assay/engine/verdict"
)

func day(d int) time.Time { return asOf.AddDate(0, 0, -d) }

// TestHistoryInCEL uses history in an analytical model: the measure
// warns when today's value is above the mean of its past plus two
// standard deviations.
func TestHistoryInCEL(t *testing.T) {
	body := `
  frequency {
    analyse = "7d"
  }
  base_measure "incidents" {
    expr = "size(evidence.s)"
  }
  indicator {
    expr   = "incidents"
    better = "lower"
  }
  decision {
    pass = "size(history) < 2 || value <= cel.bind(v, history.map(h, h.value), v.mean() + 2.0 * v.stddev())"
    warn = "history.exists(h, now - h.as_of <= days(7) && h.value >= value)"
  }`
	// Past values 2, 4, 3, 3 (days 10, 5, 3, 1 before as-of), and one
	// recorded after as-of that must not count. Mean 3, sample standard
	// deviation sqrt(((2-3)² + 1² + 0 + 0) / 3) = sqrt(2/3) ≈ 0.816, so
	// the bound is 3 + 1.633 = 4.633.
	history := map[string][]trend.Sample{"M-1": {
		{AsOf: day(10), Value: 2}, {AsOf: day(5), Value: 4}, {AsOf: day(3), Value: 3}, {AsOf: day(1), Value: 3},
		{AsOf: asOf.Add(time.Hour), Value: 99},
	}}
	tests := []struct {
		records string
		status  verdict.Status
	}{
		// 4 incidents: within the bound, pass.
		{`[1, 2, 3, 4]`, verdict.Pass},
		// 5 incidents: above 4.633; no value in the last 7 days is >= 5, so fail.
		{`[1, 2, 3, 4, 5]`, verdict.Fail},
	}
	for _, tc := range tests {
		rep := evaluate(t, fixture{"m.hcl": measureHCL("e.json", body), "e.json": tc.records}, engine.EvalOptions{History: history})
		v := only(t, rep)
		if v.Status != tc.status {
			t.Errorf("%s: status = %s (%s), want %s", tc.records, v.Status, v.Reason, tc.status)
		}
	}
}

func TestTrendInVerdict(t *testing.T) {
	body := func(better string) string {
		return `
  frequency {
    analyse = "7d"
  }
  base_measure "n" {
    expr = "size(evidence.s)"
  }
  indicator {
    expr   = "n"
    better = "` + better + `"
  }
  decision {
    pass = "true"
  }`
	}
	// Days 10 and 2 before as-of: 6 and 4. Today 5. Previous is 4 (day 2),
	// delta +1; only day 2 is inside the 7-day window, mean 4.
	history := map[string][]trend.Sample{"M-1": {{AsOf: day(10), Value: 6}, {AsOf: day(2), Value: 4}}}
	for better, dir := range map[string]string{"higher": trend.Improving, "lower": trend.Worsening} {
		rep := evaluate(t, fixture{"m.hcl": measureHCL("e.json", body(better)), "e.json": `[1, 2, 3, 4, 5]`}, engine.EvalOptions{History: history})
		tr := only(t, rep).Trend
		if tr == nil || *tr.Previous != 4 || *tr.Delta != 1 || tr.Direction != dir || tr.Points != 1 || *tr.WindowMean != 4 || tr.Window != "7d" {
			t.Errorf("better %s: trend = %+v, want previous 4, delta 1, %s, 1 point, mean 4 over 7d", better, tr, dir)
		}
	}
	// Without history there is no trend, and history is empty in CEL.
	rep := evaluate(t, fixture{"m.hcl": measureHCL("e.json", body("higher")), "e.json": `[1]`}, engine.EvalOptions{})
	if only(t, rep).Trend != nil {
		t.Errorf("trend without history = %+v, want none", only(t, rep).Trend)
	}
}
