-- 0001: runs, their verdicts and the evidence they read (SQLite).
--
-- as_of keeps the run's as-of time as the report wrote it; as_of_ns is
-- the same instant in Unix nanoseconds (UTC) for ordering and ranges.
-- recorded_at is the recording machine's clock: metadata, never read
-- back into a verdict or a trend. verdict_count and evidence_count let
-- a check prove that no run is partial.
CREATE TABLE runs (
    id              TEXT    NOT NULL PRIMARY KEY,
    as_of           TEXT    NOT NULL,
    as_of_ns        INTEGER NOT NULL,
    schema_version  TEXT    NOT NULL,
    assay_version   TEXT    NOT NULL,
    measures_digest TEXT    NOT NULL,
    evidence_digest TEXT    NOT NULL,
    verdict_count   INTEGER NOT NULL,
    evidence_count  INTEGER NOT NULL,
    summary         TEXT    NOT NULL, -- JSON
    notices         TEXT    NOT NULL, -- JSON
    recorded_at     TEXT    NOT NULL
) STRICT;

CREATE INDEX runs_as_of ON runs (as_of_ns);

-- One row a verdict; verdict holds the whole verdict JSON, the other
-- columns what history and trends read without parsing it.
CREATE TABLE verdicts (
    run_id   TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    measure  TEXT    NOT NULL,
    as_of_ns INTEGER NOT NULL,
    status   TEXT    NOT NULL,
    value    REAL,
    unit     TEXT    NOT NULL,
    target   REAL,
    better   TEXT    NOT NULL,
    verdict  TEXT    NOT NULL, -- JSON
    PRIMARY KEY (run_id, measure)
) STRICT;

-- Covers history queries, so they never read the verdict JSON.
CREATE INDEX verdicts_history ON verdicts (measure, as_of_ns, run_id, status, value, unit, target);

-- The evidence files a run read, once each.
CREATE TABLE evidence (
    run_id     TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    source     TEXT    NOT NULL,
    file       TEXT    NOT NULL,
    sha256     TEXT    NOT NULL,
    media_type TEXT    NOT NULL,
    size       INTEGER NOT NULL,
    records    INTEGER NOT NULL,
    PRIMARY KEY (run_id, source, file, sha256)
) STRICT;

CREATE INDEX evidence_sha256 ON evidence (sha256);
