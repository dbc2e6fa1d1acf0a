package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// dialect is what differs between the SQL backends. Queries are
// written once, with ? placeholders.
type dialect struct {
	name          string
	dollar        bool   // placeholders are $1, $2… instead of ?
	migrationLock string // run first in the migration transaction
	afterPrune    string // run after a prune that deleted runs
}

// sqlStore is the Store of both backends, over database/sql.
type sqlStore struct {
	db *sql.DB
	d  dialect
}

// q rewrites a query's placeholders for the dialect.
func (s *sqlStore) q(query string) string {
	if !s.d.dollar {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// inTx runs fn in a transaction and commits it when fn returns nil. In
// SQLite every transaction begins IMMEDIATE, taking the write lock
// first, so writers queue on busy_timeout instead of failing on
// upgrade.
func (s *sqlStore) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Close closes the database.
func (s *sqlStore) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close %s store: %w", s.d.name, err)
	}
	return nil
}

// where builds a WHERE clause from conditions and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// span adds q's time range on column col.
func (w *where) span(col string, q Query) {
	if !q.Since.IsZero() {
		w.add(col+" >= ?", unixNano(q.Since))
	}
	if !q.Before.IsZero() {
		w.add(col+" < ?", unixNano(q.Before))
	}
}

// Bounds of the times a store holds: as_of_ns is int64 nanoseconds.
var (
	minTime = time.Unix(0, math.MinInt64).UTC()
	maxTime = time.Unix(0, math.MaxInt64).UTC()
)

// unixNano is t in Unix nanoseconds, clamped to what int64 holds (about
// 1678 to 2262), so that a zero or far time bound means "everything" or
// "nothing" instead of an arbitrary overflowed instant.
func unixNano(t time.Time) int64 {
	switch {
	case t.Before(minTime):
		return math.MinInt64
	case t.After(maxTime):
		return math.MaxInt64
	}
	return t.UnixNano()
}

// limit returns q's LIMIT clause.
func limit(q Query) string {
	if q.Limit <= 0 {
		return ""
	}
	return " LIMIT " + strconv.Itoa(q.Limit)
}

// incomplete returns the IDs of runs whose stored verdicts or evidence
// do not match the counts on their run row; a store that keeps its
// promise never has any.
func (s *sqlStore) incomplete(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.id FROM runs r
WHERE r.verdict_count <> (SELECT count(*) FROM verdicts v WHERE v.run_id = r.id)
   OR r.evidence_count <> (SELECT count(*) FROM evidence e WHERE e.run_id = r.id)
ORDER BY r.id`)
	if err != nil {
		return nil, fmt.Errorf("check runs: %w", err)
	}
	return scanStrings(rows)
}

func scanStrings(rows *sql.Rows) ([]string, error) {
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// errDuplicate rolls back the recording of a run that is already
// stored.
var errDuplicate = errors.New("run already stored")
