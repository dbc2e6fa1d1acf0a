package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/assay-dev/assay/engine/verdict"
)

// runRow is a report flattened into the rows Record writes.
type runRow struct {
	run      verdict.Run
	schema   string
	asOfNs   int64
	summary  string
	notices  string
	verdicts []verdictRow
	evidence []verdict.Evidence
}

type verdictRow struct {
	measure string
	status  string
	value   *float64
	unit    string
	target  *float64
	better  string
	json    string
}

// midRecord, when set by a test, is called inside the transaction with
// the number of verdict rows written so far, after each batch.
var midRecord func(written int)

// Record stores rep whole in one transaction; a run ID already stored
// makes it a no-op.
func (s *sqlStore) Record(ctx context.Context, rep *verdict.Report) error {
	r, err := flatten(rep)
	if err != nil {
		return fmt.Errorf("record run: %w", err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error { return s.insert(ctx, tx, r) })
	if err != nil && !errors.Is(err, errDuplicate) {
		return fmt.Errorf("record run %s: %w", r.run.ID, err)
	}
	return nil
}

// flatten checks rep and turns it into rows.
func flatten(rep *verdict.Report) (*runRow, error) {
	if rep == nil || rep.Run.ID == "" {
		return nil, errors.New("report has no run ID")
	}
	asOf, err := time.Parse(time.RFC3339Nano, rep.Run.AsOf)
	if err != nil {
		return nil, fmt.Errorf("run %s: as-of time: %w", rep.Run.ID, err)
	}
	if asOf.Before(minTime) || asOf.After(maxTime) {
		return nil, fmt.Errorf("run %s: as-of time %s is outside 1678–2262", rep.Run.ID, rep.Run.AsOf)
	}
	r := &runRow{run: rep.Run, schema: rep.SchemaVersion, asOfNs: asOf.UnixNano()}
	if r.summary, err = marshal(rep.Summary); err != nil {
		return nil, err
	}
	notices := rep.Notices
	if notices == nil {
		notices = []verdict.Notice{}
	}
	if r.notices, err = marshal(notices); err != nil {
		return nil, err
	}
	for i := range rep.Verdicts {
		if err := r.addVerdict(&rep.Verdicts[i]); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func (r *runRow) addVerdict(v *verdict.Verdict) error {
	if v.Measure == "" {
		return fmt.Errorf("run %s: a verdict has no measure", r.run.ID)
	}
	js, err := marshal(v)
	if err != nil {
		return fmt.Errorf("verdict %s: %w", v.Measure, err)
	}
	r.verdicts = append(r.verdicts, verdictRow{
		measure: v.Measure, status: string(v.Status), value: v.Value,
		unit: v.Unit, target: v.Target, better: v.Better, json: js,
	})
	for _, e := range v.Evidence {
		r.addEvidence(e)
	}
	return nil
}

// addEvidence keeps each file once a run, however many measures read it.
func (r *runRow) addEvidence(e verdict.Evidence) {
	for _, have := range r.evidence {
		if have.Source == e.Source && have.File == e.File && have.SHA256 == e.SHA256 {
			return
		}
	}
	r.evidence = append(r.evidence, e)
}

func marshal(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode: %w", err)
	}
	return string(b), nil
}

const insertRun = `INSERT INTO runs (id, as_of, as_of_ns, schema_version, assay_version,
    measures_digest, evidence_digest, verdict_count, evidence_count, summary, notices, recorded_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING`

const (
	insertVerdicts = "INSERT INTO verdicts (run_id, seq, measure, as_of_ns, status, value, unit, target, better, verdict) VALUES "
	insertEvidence = "INSERT INTO evidence (run_id, source, file, sha256, media_type, size, records) VALUES "
)

// batchRows bounds the rows of one multi-row INSERT, well under both
// backends' limits on parameters a statement.
const batchRows = 100

// insert writes r inside tx; errDuplicate when the run is stored.
func (s *sqlStore) insert(ctx context.Context, tx *sql.Tx, r *runRow) error {
	res, err := tx.ExecContext(ctx, s.q(insertRun), r.run.ID, r.run.AsOf, r.asOfNs, r.schema,
		r.run.AssayVersion, r.run.MeasuresDigest, r.run.EvidenceDigest,
		len(r.verdicts), len(r.evidence), r.summary, r.notices,
		time.Now().UTC().Format(time.RFC3339Nano)) // recorded_at: metadata only
	if err != nil {
		return fmt.Errorf("insert run: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("insert run: %w", err)
	} else if n == 0 {
		return errDuplicate
	}
	if err := s.insertRows(ctx, tx, insertVerdicts, r.verdictArgs(), midRecord); err != nil {
		return fmt.Errorf("insert verdicts: %w", err)
	}
	if err := s.insertRows(ctx, tx, insertEvidence, r.evidenceArgs(), nil); err != nil {
		return fmt.Errorf("insert evidence: %w", err)
	}
	return nil
}

func (r *runRow) verdictArgs() [][]any {
	out := make([][]any, len(r.verdicts))
	for i, v := range r.verdicts {
		out[i] = []any{r.run.ID, i, v.measure, r.asOfNs, v.status,
			nullFloat(v.value), v.unit, nullFloat(v.target), v.better, v.json}
	}
	return out
}

func (r *runRow) evidenceArgs() [][]any {
	out := make([][]any, len(r.evidence))
	for i, e := range r.evidence {
		out[i] = []any{r.run.ID, e.Source, e.File, e.SHA256, e.MediaType, e.Size, e.Records}
	}
	return out
}

// insertRows writes rows with multi-row INSERTs of at most batchRows
// rows each, a round trip a batch rather than a row; after, when set,
// is told how many rows are written after each batch.
func (s *sqlStore) insertRows(ctx context.Context, tx *sql.Tx, head string, rows [][]any, after func(int)) error {
	for start := 0; start < len(rows); start += batchRows {
		batch := rows[start:min(start+batchRows, len(rows))]
		query, args := multiRow(head, batch)
		if _, err := tx.ExecContext(ctx, s.q(query), args...); err != nil {
			return err
		}
		if after != nil {
			after(start + len(batch))
		}
	}
	return nil
}

// multiRow appends a (?, …) group a row to head and flattens the
// arguments.
func multiRow(head string, rows [][]any) (string, []any) {
	group := "(?" + strings.Repeat(", ?", len(rows[0])-1) + ")"
	var b strings.Builder
	b.WriteString(head)
	args := make([]any, 0, len(rows)*len(rows[0]))
	for i, row := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(group)
		args = append(args, row...)
	}
	return b.String(), args
}

func nullFloat(p *float64) sql.NullFloat64 {
	if p == nil {
		return sql.NullFloat64{}
	}
	return sql.NullFloat64{Float64: *p, Valid: true}
}
