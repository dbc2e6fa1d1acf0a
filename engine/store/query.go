package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/assay-dev/assay/engine/verdict"
)

// measuredStatuses are the statuses whose value is a measurement; see
// Query.Measured.
const measuredStatuses = "('pass', 'warn', 'fail', 'waived')"

// History returns one measure's points, oldest first.
func (s *sqlStore) History(ctx context.Context, measure string, q Query) ([]Point, error) {
	var w where
	w.add("measure = ?", measure)
	w.span("as_of_ns", q)
	if q.Measured {
		w.add("value IS NOT NULL AND status IN " + measuredStatuses)
	}
	query := "SELECT run_id, as_of_ns, status, value, unit, target FROM verdicts" + w.String() +
		" ORDER BY as_of_ns DESC, run_id DESC" + limit(q)
	rows, err := s.db.QueryContext(ctx, s.q(query), w.args...)
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", measure, err)
	}
	points, err := scanPoints(rows)
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", measure, err)
	}
	slices.Reverse(points)
	return points, nil
}

func scanPoints(rows *sql.Rows) ([]Point, error) {
	defer rows.Close()
	var out []Point
	for rows.Next() {
		var p Point
		var ns int64
		var value, target sql.NullFloat64
		if err := rows.Scan(&p.RunID, &ns, &p.Status, &value, &p.Unit, &target); err != nil {
			return nil, err
		}
		p.AsOf = fromNs(ns)
		p.Value, p.Target = floatPtr(value), floatPtr(target)
		out = append(out, p)
	}
	return out, rows.Err()
}

// Runs returns the stored runs, oldest first.
func (s *sqlStore) Runs(ctx context.Context, q Query) ([]Run, error) {
	var w where
	w.span("as_of_ns", q)
	query := `SELECT id, as_of_ns, assay_version, measures_digest, evidence_digest,
    verdict_count, summary, recorded_at FROM runs` + w.String() +
		" ORDER BY as_of_ns DESC, id DESC" + limit(q)
	rows, err := s.db.QueryContext(ctx, s.q(query), w.args...)
	if err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	runs, err := scanRuns(rows)
	if err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	slices.Reverse(runs)
	return runs, nil
}

func scanRuns(rows *sql.Rows) ([]Run, error) {
	defer rows.Close()
	var out []Run
	for rows.Next() {
		var r Run
		var ns int64
		var summary, recorded string
		err := rows.Scan(&r.ID, &ns, &r.AssayVersion, &r.MeasuresDigest, &r.EvidenceDigest,
			&r.Verdicts, &summary, &recorded)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(summary), &r.Summary); err != nil {
			return nil, fmt.Errorf("run %s: summary: %w", r.ID, err)
		}
		r.AsOf = fromNs(ns)
		r.RecordedAt, _ = time.Parse(time.RFC3339Nano, recorded) // metadata: zero if unreadable
		out = append(out, r)
	}
	return out, rows.Err()
}

// Report rebuilds a stored run's report. One statement reads the run
// and its verdicts, so a concurrent prune cannot split them.
func (s *sqlStore) Report(ctx context.Context, runID string) (*verdict.Report, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT r.schema_version, r.as_of, r.assay_version,
    r.measures_digest, r.evidence_digest, r.summary, r.notices, v.verdict
FROM runs r LEFT JOIN verdicts v ON v.run_id = r.id
WHERE r.id = ? ORDER BY v.seq`), runID)
	if err != nil {
		return nil, fmt.Errorf("read run %s: %w", runID, err)
	}
	rep, err := scanReport(rows, runID)
	if err != nil {
		return nil, fmt.Errorf("read run %s: %w", runID, err)
	}
	return rep, nil
}

func scanReport(rows *sql.Rows, runID string) (*verdict.Report, error) {
	defer rows.Close()
	var rep *verdict.Report
	for rows.Next() {
		var summary, notices string
		var js sql.NullString
		r := verdict.Report{Run: verdict.Run{ID: runID}, Verdicts: []verdict.Verdict{}}
		err := rows.Scan(&r.SchemaVersion, &r.Run.AsOf, &r.Run.AssayVersion, &r.Run.MeasuresDigest,
			&r.Run.EvidenceDigest, &summary, &notices, &js)
		if err != nil {
			return nil, err
		}
		if rep == nil {
			if err := unmarshalRun(&r, summary, notices); err != nil {
				return nil, err
			}
			rep = &r
		}
		if js.Valid {
			var v verdict.Verdict
			if err := json.Unmarshal([]byte(js.String), &v); err != nil {
				return nil, fmt.Errorf("verdict: %w", err)
			}
			rep.Verdicts = append(rep.Verdicts, v)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if rep == nil {
		return nil, ErrNotFound
	}
	return rep, nil
}

func unmarshalRun(r *verdict.Report, summary, notices string) error {
	if err := json.Unmarshal([]byte(summary), &r.Summary); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	if err := json.Unmarshal([]byte(notices), &r.Notices); err != nil {
		return fmt.Errorf("notices: %w", err)
	}
	return nil
}

// Measures returns the measures with history, sorted.
func (s *sqlStore) Measures(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT DISTINCT measure FROM verdicts ORDER BY measure")
	if err != nil {
		return nil, fmt.Errorf("list measures: %w", err)
	}
	ms, err := scanStrings(rows)
	if err != nil {
		return nil, fmt.Errorf("list measures: %w", err)
	}
	return ms, nil
}

// Prune deletes the runs before olderThan; their verdicts and evidence
// go with them (ON DELETE CASCADE), in the same transaction.
func (s *sqlStore) Prune(ctx context.Context, olderThan time.Time) (int, error) {
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q("DELETE FROM runs WHERE as_of_ns < ?"), unixNano(olderThan))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("prune runs: %w", err)
	}
	if n > 0 && s.d.afterPrune != "" {
		if _, err := s.db.ExecContext(ctx, s.d.afterPrune); err != nil {
			return int(n), fmt.Errorf("prune runs: reclaim space: %w", err)
		}
	}
	return int(n), nil
}

func fromNs(ns int64) time.Time { return time.Unix(0, ns).UTC() }

func floatPtr(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	return &n.Float64
}
