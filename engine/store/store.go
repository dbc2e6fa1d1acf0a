package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/assay-dev/assay/engine/trend"
	"github.com/assay-dev/assay/engine/verdict"
)

// Store is the history of runs. Implementations are safe for concurrent
// use by several goroutines, and SQLite files by several processes.
type Store interface {
	// Record stores a run whole, in one transaction, or not at all.
	// Recording a run whose ID is already stored is a no-op.
	Record(ctx context.Context, rep *verdict.Report) error

	// History returns one measure's verdicts, oldest first (ties in
	// as-of time by run ID), filtered by q. An unknown measure has no
	// history, which is not an error.
	History(ctx context.Context, measure string, q Query) ([]Point, error)

	// Measurements returns the measurements (see Query.Measured, which
	// it implies) of the measures named, or of all when measures is
	// nil, oldest first, keyed by measure; Limit keeps each measure's
	// latest. With Query{Before: asOf} it is what an evaluation as of
	// asOf takes as history (engine.EvalOptions.History).
	Measurements(ctx context.Context, measures []string, q Query) (map[string][]trend.Sample, error)

	// Runs returns the stored runs, oldest first, filtered by q (Since,
	// Before and Limit; Measured does not apply).
	Runs(ctx context.Context, q Query) ([]Run, error)

	// Report returns a stored run as its report, verdicts in their
	// original order; ErrNotFound when no run has that ID.
	Report(ctx context.Context, runID string) (*verdict.Report, error)

	// Measures returns the IDs of the measures with any history, sorted.
	Measures(ctx context.Context) ([]string, error)

	// Prune deletes, whole, every run whose as-of time is before
	// olderThan, and returns how many it deleted.
	Prune(ctx context.Context, olderThan time.Time) (int, error)

	// Close releases the store's connections.
	Close() error
}

// Query narrows History and Runs. The zero Query means everything.
type Query struct {
	Since  time.Time // as-of time at or after this; zero: no lower bound
	Before time.Time // as-of time strictly before this; zero: no upper bound
	Limit  int       // only the latest Limit (still oldest first); 0: no limit

	// Measured keeps only the points that are measurements, the ones
	// trends and CEL history count: a value and a status of pass, warn,
	// fail or waived. no_data and error verdicts have no value, and a
	// stale verdict's value comes from evidence already counted.
	Measured bool
}

// Point is one past verdict of a measure.
type Point struct {
	RunID  string         `json:"run_id"`
	AsOf   time.Time      `json:"as_of"`
	Status verdict.Status `json:"status"`
	Value  *float64       `json:"value"`
	Unit   string         `json:"unit,omitempty"`
	Target *float64       `json:"target,omitempty"`
}

// Run is a stored run without its verdicts. RecordedAt is when it was
// stored, by the recording machine's clock: metadata only, never an
// input to a verdict or a trend.
type Run struct {
	ID             string          `json:"id"`
	AsOf           time.Time       `json:"as_of"`
	AssayVersion   string          `json:"assay_version"`
	MeasuresDigest string          `json:"measures_digest"`
	EvidenceDigest string          `json:"evidence_digest"`
	Verdicts       int             `json:"verdicts"`
	Summary        verdict.Summary `json:"summary"`
	RecordedAt     time.Time       `json:"recorded_at"`
}

// ErrNotFound is returned by Report for a run ID that is not stored.
var ErrNotFound = errors.New("run not found")

// ErrSchemaTooNew is returned by Open when the store was migrated by a
// newer Assay than this one.
var ErrSchemaTooNew = errors.New("store schema is newer than this assay")

// DefaultPath is where the history lives when no store is configured:
// .assay/history.db, relative to the working directory.
//
// The history belongs to a project, not to a user: measure IDs such as
// VUL-01 are only unique within one catalogue, so two projects sharing
// a per-user file ($XDG_STATE_HOME/assay) would mix unrelated values
// into one trend. Kept beside the measures, the history moves with the
// project's workspace, a CI cache can save and restore it by path, and
// the .assay/ folder is already git-ignored. Use --store (or the store
// setting) for a shared file or PostgreSQL.
func DefaultPath() string {
	return filepath.Join(".assay", "history.db")
}

// Open opens, creating and migrating if needed, the store that dsn
// names:
//
//   - postgres://… or postgresql://… : PostgreSQL through pgx; any
//     libpq-style parameter works, search_path included;
//   - sqlite://PATH, sqlite:PATH or a plain PATH: a SQLite file,
//     created with its parent folders when missing;
//   - "": DefaultPath().
func Open(ctx context.Context, dsn string) (Store, error) {
	switch kind, target := parseDSN(dsn); kind {
	case "postgres":
		return openPostgres(ctx, target)
	case "sqlite":
		return openSQLite(ctx, target)
	default:
		return nil, fmt.Errorf("open store: unknown scheme %q: use a file path, sqlite://PATH or postgres://…", kind)
	}
}

// parseDSN splits dsn into a backend name and what the backend opens.
func parseDSN(dsn string) (kind, target string) {
	switch {
	case dsn == "":
		return "sqlite", DefaultPath()
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return "postgres", dsn
	case strings.HasPrefix(dsn, "sqlite://"):
		return "sqlite", strings.TrimPrefix(dsn, "sqlite://")
	case strings.HasPrefix(dsn, "sqlite:"):
		return "sqlite", strings.TrimPrefix(dsn, "sqlite:")
	}
	if i := strings.Index(dsn, "://"); i > 0 && !strings.ContainsAny(dsn[:i], `/\`) {
		return dsn[:i], ""
	}
	return "sqlite", dsn
}
