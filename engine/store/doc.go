// Package store keeps the history of Assay runs, so that indicators
// have past values and trends (ISO/IEC 27004's analysis step).
//
// # Backends
//
// Open takes a DSN: a file path, sqlite://PATH or sqlite:PATH for an
// embedded SQLite file (modernc.org/sqlite, pure Go), postgres://… or
// postgresql://… for PostgreSQL (pgx). With no DSN the store is the
// SQLite file DefaultPath, .assay/history.db under the working
// directory; DefaultPath says why. Both backends share one
// implementation over database/sql and one test suite.
//
// # In a run
//
// An evaluation reads the history before its as-of time, which gives
// CEL its history and every verdict its trend (package trend), and the
// run is recorded afterwards:
//
//	st, err := store.Open(ctx, dsn) // "" is DefaultPath
//	hist, err := st.Measurements(ctx, nil, store.Query{Before: asOf})
//	rep, err := set.Evaluate(ctx, ev, engine.EvalOptions{AsOf: asOf, History: hist})
//	err = st.Record(ctx, rep) // unless --no-store
//
// assay history MEASURE reads st.History(ctx, id, store.Query{}) (its
// points marshal to JSON as they are); assay history prune
// --older-than 400d calls st.Prune(ctx, now.Add(-400*24*time.Hour)),
// and st.Runs(ctx, store.Query{Before: cutoff}) lists what a dry run
// would delete. Report rebuilds a stored run for a report writer.
//
// # Schema
//
// The same tables on both backends, created by numbered SQL files
// embedded in the binary (migrations/<backend>/NNNN_name.sql) and
// recorded in schema_migrations; Open applies the missing ones in one
// transaction, so a store opened by a newer Assay is refused
// (ErrSchemaTooNew) and a failed migration changes nothing.
//
//	runs      id, as_of (text as in the report), as_of_ns (Unix ns),
//	          schema_version, assay_version, measures_digest,
//	          evidence_digest, verdict_count, evidence_count, summary
//	          (JSON), notices (JSON), recorded_at (wall clock, metadata)
//	verdicts  run_id → runs, seq, measure, as_of_ns, status, value,
//	          unit, target, better, verdict (the whole verdict JSON)
//	evidence  run_id → runs, source, file, sha256, media_type, size,
//	          records: each evidence file a run read, once
//
// Every time that orders, filters or prunes is the run's as-of time,
// never the clock: history, trends and pruning are reproducible from
// the stored runs.
//
// # Nothing lost
//
// Record writes a run and all its rows in one transaction, so a run is
// stored whole or not at all, and a run ID already stored is skipped
// (run IDs derive from the run's inputs, so re-recording is a no-op).
// SQLite runs in WAL mode with synchronous=FULL and busy_timeout, and
// every transaction begins IMMEDIATE: concurrent assay processes on one
// file take turns instead of failing, and a process killed mid-write
// leaves uncommitted WAL frames that the next opener ignores. The run
// row carries its verdict and evidence counts, so a partial run would
// be visible; the tests kill real writer processes to show there is
// none.
package store
