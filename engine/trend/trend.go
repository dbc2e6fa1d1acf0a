// Package trend computes the trend of a measure's indicator from its
// past values: the previous value, the change since it, whether that
// change is an improvement, and the mean over the measure's analysis
// window (ISO/IEC 27004's analysis step, frequency.analyse in a
// measure).
//
// The package knows nothing of where past values come from: it takes
// plain samples, so the run-history store, CEL functions and tests all
// feed it the same way.
//
// # Which samples count
//
// Compute and the helpers count a sample only when its as-of time is
// strictly before the run's as-of time and its value is finite. Samples
// at or after the as-of time (a re-run of the same time, or history
// recorded later than a back-dated run) are ignored, so a run never
// sees itself or its future. Which statuses carry a value is the
// caller's rule; the store passes pass, warn, fail and waived verdicts
// that have a value, and leaves out no_data, error and stale ones.
//
// Nothing here reads the clock: the same samples and as-of time give
// the same trend.
package trend

import (
	"math"
	"sort"
	"strconv"
	"time"
)

// Sample is one past value of an indicator.
type Sample struct {
	AsOf  time.Time `json:"as_of"`
	Value float64   `json:"value"`
}

// The directions a trend can have.
const (
	Improving = "improving" // moved the way the indicator's better points
	Worsening = "worsening" // moved against it
	Steady    = "steady"    // moved by no more than Epsilon
	None      = "none"      // no previous value or no current value
)

// Epsilon is the relative tolerance under which a change is steady:
// |delta| <= Epsilon × max(1, |previous|, |current|). The floor of 1
// makes it an absolute 1e-9 for values near zero, so floating-point
// noise in a ratio (80.1 vs 80.10000000000001) is not a movement.
const Epsilon = 1e-9

// Trend is how an indicator moved up to a run.
//
// Previous is the latest counted sample before the run, however old;
// Delta is the current value minus Previous. Points and WindowMean are
// over the counted samples in the analysis window, the half-open
// interval [as-of − window, as-of): the current value is not part of
// them, so a value can be compared with the mean of its past. A zero
// window means the whole history given. Window is the window as text
// ("7d", "36h"), empty for the whole history.
type Trend struct {
	Previous     *float64 `json:"previous"`
	PreviousAsOf string   `json:"previous_as_of,omitempty"`
	Delta        *float64 `json:"delta"`
	Direction    string   `json:"direction"`
	Points       int      `json:"points"`
	WindowMean   *float64 `json:"window_mean"`
	Window       string   `json:"window,omitempty"`
}

// Compute returns the trend of an indicator whose value as of asOf is
// current (nil when the run has no value), from its past samples in any
// order. better is "higher" or "lower"; with anything else a change is
// steady or none, never improving or worsening.
func Compute(samples []Sample, current *float64, better string, window time.Duration, asOf time.Time) Trend {
	past := Past(samples, asOf)
	t := Trend{Direction: None, Window: FormatWindow(window)}
	if n := len(past); n > 0 {
		prev := past[n-1]
		t.Previous = ptr(prev.Value)
		t.PreviousAsOf = prev.AsOf.UTC().Format(time.RFC3339Nano)
	}
	if t.Previous != nil && current != nil && finite(*current) {
		t.Delta = ptr(*current - *t.Previous)
		t.Direction = direction(*t.Delta, *t.Previous, *current, better)
	}
	in := InWindow(past, asOf, window)
	t.Points = len(in)
	if m, ok := Mean(in); ok {
		t.WindowMean = ptr(m)
	}
	return t
}

// direction classifies a change of delta from prev to cur.
func direction(delta, prev, cur float64, better string) string {
	scale := math.Max(1, math.Max(math.Abs(prev), math.Abs(cur)))
	switch {
	case math.Abs(delta) <= Epsilon*scale:
		return Steady
	case better == "higher" && delta > 0, better == "lower" && delta < 0:
		return Improving
	case better == "higher", better == "lower":
		return Worsening
	}
	return None
}

// Past returns the samples that count as history of a run as of asOf:
// finite values strictly before asOf, oldest first. Samples with the
// same as-of time keep their order.
func Past(samples []Sample, asOf time.Time) []Sample {
	out := make([]Sample, 0, len(samples))
	for _, s := range samples {
		if s.AsOf.Before(asOf) && finite(s.Value) {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].AsOf.Before(out[j].AsOf) })
	return out
}

// InWindow returns the counted samples in [asOf − window, asOf), oldest
// first; a zero or negative window means every counted sample before
// asOf.
func InWindow(samples []Sample, asOf time.Time, window time.Duration) []Sample {
	past := Past(samples, asOf)
	if window <= 0 {
		return past
	}
	from := asOf.Add(-window)
	i := sort.Search(len(past), func(i int) bool { return !past[i].AsOf.Before(from) })
	return past[i:]
}

// Values returns the samples' values in order.
func Values(samples []Sample) []float64 {
	out := make([]float64, len(samples))
	for i, s := range samples {
		out[i] = s.Value
	}
	return out
}

// Mean returns the arithmetic mean of the samples' values; ok is false
// when there are none.
func Mean(samples []Sample) (mean float64, ok bool) {
	if len(samples) == 0 {
		return 0, false
	}
	var sum float64
	for _, s := range samples {
		sum += s.Value
	}
	return sum / float64(len(samples)), true
}

// StdDev returns the sample standard deviation (divisor n − 1) of the
// samples' values; ok is false with fewer than two samples.
func StdDev(samples []Sample) (sd float64, ok bool) {
	if len(samples) < 2 {
		return 0, false
	}
	mean, _ := Mean(samples)
	var ss float64
	for _, s := range samples {
		d := s.Value - mean
		ss += d * d
	}
	return math.Sqrt(ss / float64(len(samples)-1)), true
}

// FormatWindow writes a window as measure authors do: whole days as
// "7d", anything else as a Go duration without zero tails ("36h",
// "90m"); zero or negative as "".
func FormatWindow(d time.Duration) string {
	const day = 24 * time.Hour
	switch {
	case d <= 0:
		return ""
	case d%day == 0:
		return strconv.FormatInt(int64(d/day), 10) + "d"
	case d%time.Hour == 0:
		return strconv.FormatInt(int64(d/time.Hour), 10) + "h"
	case d%time.Minute == 0:
		return strconv.FormatInt(int64(d/time.Minute), 10) + "m"
	}
	return d.String()
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func ptr(x float64) *float64 { return &x }
