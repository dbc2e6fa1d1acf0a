package trend

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

var asOf = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

const day = 24 * time.Hour

// daily returns one sample a day before asOf, the last value the day
// before asOf.
func daily(values ...float64) []Sample {
	out := make([]Sample, len(values))
	for i, v := range values {
		out[i] = Sample{AsOf: asOf.Add(-time.Duration(len(values)-i) * day), Value: v}
	}
	return out
}

func f(x float64) *float64 { return &x }

func TestDirections(t *testing.T) {
	cases := []struct {
		name    string
		better  string
		prev    float64
		current *float64
		want    string
	}{
		{"higher up", "higher", 80, f(90), Improving},
		{"higher down", "higher", 90, f(80), Worsening},
		{"higher same", "higher", 80, f(80), Steady},
		{"lower down", "lower", 12, f(3), Improving},
		{"lower up", "lower", 3, f(12), Worsening},
		{"lower same", "lower", 3, f(3), Steady},
		{"noise is steady", "higher", 80.1, f(80.1 + 1e-12), Steady},
		{"noise near zero", "lower", 0, f(5e-10), Steady},
		{"just above epsilon", "higher", 0, f(2e-9), Improving},
		{"relative epsilon", "higher", 1e6, f(1e6 + 1e-4), Steady},
		{"no current", "higher", 80, nil, None},
		{"NaN current", "higher", 80, f(math.NaN()), None},
		{"unknown better moves", "", 1, f(2), None},
		{"unknown better steady", "", 1, f(1), Steady},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr := Compute(daily(tc.prev), tc.current, tc.better, 7*day, asOf)
			if tr.Direction != tc.want {
				t.Errorf("direction = %q, want %q (delta %v)", tr.Direction, tc.want, deref(tr.Delta))
			}
			if tc.want == None && tc.better != "" && tr.Delta != nil {
				t.Errorf("delta = %v, want none", *tr.Delta)
			}
		})
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestComputeFields(t *testing.T) {
	// 10 daily values; the window of 7 days holds the last 7.
	s := daily(0, 0, 0, 10, 20, 30, 40, 50, 60, 70)
	tr := Compute(s, f(75), "higher", 7*day, asOf)
	if tr.Previous == nil || *tr.Previous != 70 {
		t.Fatalf("previous = %v, want 70", deref(tr.Previous))
	}
	if tr.PreviousAsOf != "2026-11-30T00:00:00Z" {
		t.Errorf("previous as of = %q", tr.PreviousAsOf)
	}
	if tr.Delta == nil || *tr.Delta != 5 || tr.Direction != Improving {
		t.Errorf("delta = %v %q, want 5 improving", deref(tr.Delta), tr.Direction)
	}
	if tr.Points != 7 || tr.WindowMean == nil || *tr.WindowMean != 40 {
		t.Errorf("points %d mean %v, want 7 and 40", tr.Points, deref(tr.WindowMean))
	}
	if tr.Window != "7d" {
		t.Errorf("window = %q, want 7d", tr.Window)
	}
}

func TestWhichSamplesCount(t *testing.T) {
	s := []Sample{
		{AsOf: asOf.Add(-7 * day), Value: 10},                // window start: counts
		{AsOf: asOf.Add(-7*day - time.Nanosecond), Value: 1}, // just outside the window
		{AsOf: asOf.Add(-day), Value: 30},
		{AsOf: asOf.Add(-2 * day), Value: math.NaN()}, // not finite
		{AsOf: asOf.Add(-3 * day), Value: math.Inf(1)},
		{AsOf: asOf, Value: 1000},          // the run itself
		{AsOf: asOf.Add(day), Value: 2000}, // the future
	}
	tr := Compute(s, f(30), "lower", 7*day, asOf)
	if tr.Points != 2 || *tr.WindowMean != 20 {
		t.Errorf("points %d mean %v, want 2 and 20", tr.Points, deref(tr.WindowMean))
	}
	if *tr.Previous != 30 || tr.Direction != Steady {
		t.Errorf("previous %v %q, want 30 steady", *tr.Previous, tr.Direction)
	}
}

func TestPreviousOutsideWindow(t *testing.T) {
	s := []Sample{{AsOf: asOf.Add(-90 * day), Value: 50}}
	tr := Compute(s, f(40), "higher", 30*day, asOf)
	if tr.Previous == nil || *tr.Previous != 50 || tr.Direction != Worsening {
		t.Errorf("previous %v %q, want 50 worsening", deref(tr.Previous), tr.Direction)
	}
	if tr.Points != 0 || tr.WindowMean != nil {
		t.Errorf("points %d mean %v, want 0 and none", tr.Points, deref(tr.WindowMean))
	}
}

func TestZeroWindowIsWholeHistory(t *testing.T) {
	s := []Sample{{AsOf: asOf.Add(-900 * day), Value: 1}, {AsOf: asOf.Add(-day), Value: 3}}
	tr := Compute(s, f(3), "higher", 0, asOf)
	if tr.Points != 2 || *tr.WindowMean != 2 || tr.Window != "" {
		t.Errorf("points %d mean %v window %q, want 2, 2 and empty", tr.Points, deref(tr.WindowMean), tr.Window)
	}
}

func TestNoHistory(t *testing.T) {
	tr := Compute(nil, f(3), "higher", 7*day, asOf)
	want := Trend{Direction: None, Window: "7d"}
	if tr != want {
		t.Errorf("trend = %+v, want %+v", tr, want)
	}
	b, _ := json.Marshal(tr)
	if string(b) != `{"previous":null,"delta":null,"direction":"none","points":0,"window_mean":null,"window":"7d"}` {
		t.Errorf("json = %s", b)
	}
}

func TestUnsortedInputAndTies(t *testing.T) {
	s := []Sample{
		{AsOf: asOf.Add(-day), Value: 7},
		{AsOf: asOf.Add(-3 * day), Value: 1},
		{AsOf: asOf.Add(-day), Value: 9}, // same time: the later one in input order is previous
	}
	tr := Compute(s, f(9), "higher", 0, asOf)
	if *tr.Previous != 9 || tr.Direction != Steady {
		t.Errorf("previous %v %q, want 9 steady", *tr.Previous, tr.Direction)
	}
}

func TestMeanStdDev(t *testing.T) {
	s := daily(2, 4, 4, 4, 5, 5, 7, 9)
	m, ok := Mean(s)
	if !ok || m != 5 {
		t.Errorf("mean = %v %v, want 5", m, ok)
	}
	sd, ok := StdDev(s)
	if want := math.Sqrt(32.0 / 7); !ok || math.Abs(sd-want) > 1e-12 {
		t.Errorf("stddev = %v %v, want %v", sd, ok, want)
	}
	if _, ok := Mean(nil); ok {
		t.Error("mean of nothing is ok")
	}
	if _, ok := StdDev(daily(1)); ok {
		t.Error("stddev of one sample is ok")
	}
	// The CEL use: is the value above the 12-month mean plus two
	// standard deviations?
	year := InWindow(s, asOf, 365*day)
	mean, _ := Mean(year)
	sd, _ = StdDev(year)
	if v := 10.0; !(v > mean+2*sd) {
		t.Errorf("10 should be above %v + 2×%v", mean, sd)
	}
	if got := Values(daily(1, 2)); len(got) != 2 || got[0] != 1 || got[1] != 2 {
		t.Errorf("values = %v", got)
	}
}

func TestFormatWindow(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "", -day: "", 7 * day: "7d", 36 * time.Hour: "36h", 90 * time.Minute: "90m",
		90 * time.Second: "1m30s",
	} {
		if got := FormatWindow(d); got != want {
			t.Errorf("FormatWindow(%v) = %q, want %q", d, got, want)
		}
	}
}
