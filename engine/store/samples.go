package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

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

// Measurements reads the measurements of many measures in one query.
func (s *sqlStore) Measurements(ctx context.Context, measures []string, q Query) (map[string][]trend.Sample, error) {
	out := map[string][]trend.Sample{}
	if measures != nil && len(measures) == 0 {
		return out, nil
	}
	query, args := measurementsQuery(measures, q)
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("read measurements: %w", err)
	}
	if err := scanSamples(rows, out); err != nil {
		return nil, fmt.Errorf("read measurements: %w", err)
	}
	return out, nil
}

// measurementsQuery selects the measurements q allows, oldest first
// within each measure; with a limit, a window function keeps each
// measure's latest q.Limit.
func measurementsQuery(measures []string, q Query) (string, []any) {
	var w where
	w.add("value IS NOT NULL AND status IN " + measuredStatuses)
	w.span("as_of_ns", q)
	if len(measures) > 0 {
		w.add("measure IN (?"+strings.Repeat(", ?", len(measures)-1)+")", anys(measures)...)
	}
	if q.Limit <= 0 {
		return "SELECT measure, as_of_ns, value FROM verdicts" + w.String() +
			" ORDER BY measure, as_of_ns, run_id", w.args
	}
	inner := "SELECT measure, as_of_ns, run_id, value, ROW_NUMBER() OVER " +
		"(PARTITION BY measure ORDER BY as_of_ns DESC, run_id DESC) AS n FROM verdicts" + w.String()
	return "SELECT measure, as_of_ns, value FROM (" + inner + ") latest WHERE n <= ?" +
		" ORDER BY measure, as_of_ns, run_id", append(w.args, q.Limit)
}

func scanSamples(rows *sql.Rows, out map[string][]trend.Sample) error {
	defer rows.Close()
	for rows.Next() {
		var measure string
		var ns int64
		var value float64
		if err := rows.Scan(&measure, &ns, &value); err != nil {
			return err
		}
		out[measure] = append(out[measure], trend.Sample{AsOf: fromNs(ns), Value: value})
	}
	return rows.Err()
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
