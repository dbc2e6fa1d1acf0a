package store

import (
	"context"
	"fmt"
	"time"

	"github.com/assay-dev/assay/engine/lang"
	"github.com/assay-dev/assay/engine/trend"
	"github.com/assay-dev/assay/engine/verdict"
)

// Samples turns points into trend samples, keeping only measurements: a
// value and a status of pass, warn, fail or waived (as Query.Measured).
func Samples(points []Point) []trend.Sample {
	out := make([]trend.Sample, 0, len(points))
	for _, p := range points {
		if measured(p) {
			out = append(out, trend.Sample{AsOf: p.AsOf, Value: *p.Value})
		}
	}
	return out
}

func measured(p Point) bool {
	switch p.Status {
	case verdict.Pass, verdict.Warn, verdict.Fail, verdict.Waived:
		return p.Value != nil
	}
	return false
}

// Previous returns a measure's latest measurement strictly before
// before, or nil when it has none.
func Previous(ctx context.Context, s Store, measure string, before time.Time) (*Point, error) {
	ps, err := s.History(ctx, measure, Query{Before: before, Limit: 1, Measured: true})
	if err != nil || len(ps) == 0 {
		return nil, err
	}
	return &ps[0], nil
}

// Trend computes the trend of v, a verdict of a run as of asOf, from
// the measurements stored before asOf: the previous one however old,
// and those in the measure's analysis window (frequency.analyse; the
// whole history when the measure has none). Its Window is the text the
// measure's author wrote.
func Trend(ctx context.Context, s Store, v *verdict.Verdict, asOf time.Time) (trend.Trend, error) {
	window, err := analysisWindow(v)
	if err != nil {
		return trend.Trend{}, err
	}
	q := Query{Before: asOf, Measured: true}
	if window > 0 {
		q.Since = asOf.Add(-window)
	}
	points, err := s.History(ctx, v.Measure, q)
	if err != nil {
		return trend.Trend{}, err
	}
	if len(points) == 0 { // the previous value may be older than the window
		prev, err := Previous(ctx, s, v.Measure, asOf)
		if err != nil {
			return trend.Trend{}, err
		}
		if prev != nil {
			points = []Point{*prev}
		}
	}
	t := trend.Compute(Samples(points), v.Value, v.Better, window, asOf)
	t.Window = v.Frequency.Analyse
	return t, nil
}

func analysisWindow(v *verdict.Verdict) (time.Duration, error) {
	if v.Frequency.Analyse == "" {
		return 0, nil
	}
	d, err := lang.ParseDuration(v.Frequency.Analyse)
	if err != nil {
		return 0, fmt.Errorf("trend of %s: analyse: %w", v.Measure, err)
	}
	return d, nil
}

// Trends computes the trend of every verdict of rep, keyed by measure,
// from the history before rep's as-of time. Call it before Record, or
// after: a run never counts in its own trend.
func Trends(ctx context.Context, s Store, rep *verdict.Report) (map[string]trend.Trend, error) {
	asOf, err := time.Parse(time.RFC3339Nano, rep.Run.AsOf)
	if err != nil {
		return nil, fmt.Errorf("trends: run as-of time: %w", err)
	}
	out := make(map[string]trend.Trend, len(rep.Verdicts))
	for i := range rep.Verdicts {
		v := &rep.Verdicts[i]
		t, err := Trend(ctx, s, v, asOf)
		if err != nil {
			return nil, fmt.Errorf("trends: %w", err)
		}
		out[v.Measure] = t
	}
	return out, nil
}
