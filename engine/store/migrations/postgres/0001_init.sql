-- 0001: runs, their verdicts and the evidence they read (PostgreSQL).
--
-- The same tables and columns as the SQLite schema. as_of keeps the
-- run's as-of time as the report wrote it; as_of_ns is the same instant
-- in Unix nanoseconds (UTC) for ordering and ranges (timestamptz would
-- drop the nanoseconds). recorded_at is the recording machine's clock:
-- metadata, never read back into a verdict or a trend. JSON columns are
-- json, not jsonb, so a verdict is kept byte for byte.
CREATE TABLE runs (
    id              TEXT    NOT NULL PRIMARY KEY,
    as_of           TEXT    NOT NULL,
    as_of_ns        BIGINT  NOT NULL,
    schema_version  TEXT    NOT NULL,
    assay_version   TEXT    NOT NULL,
    measures_digest TEXT    NOT NULL,
    evidence_digest TEXT    NOT NULL,
    verdict_count   INTEGER NOT NULL,
    evidence_count  INTEGER NOT NULL,
    summary         JSON    NOT NULL,
    notices         JSON    NOT NULL,
    recorded_at     TEXT    NOT NULL
);

CREATE INDEX runs_as_of ON runs (as_of_ns);

CREATE TABLE verdicts (
    run_id   TEXT             NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq      INTEGER          NOT NULL,
    measure  TEXT             NOT NULL,
    as_of_ns BIGINT           NOT NULL,
    status   TEXT             NOT NULL,
    value    DOUBLE PRECISION,
    unit     TEXT             NOT NULL,
    target   DOUBLE PRECISION,
    better   TEXT             NOT NULL,
    verdict  JSON             NOT NULL,
    PRIMARY KEY (run_id, measure)
);

-- Covers history queries, so they never read the verdict JSON.
CREATE INDEX verdicts_history ON verdicts (measure, as_of_ns) INCLUDE (run_id, status, value, unit, target);

CREATE TABLE evidence (
    run_id     TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    source     TEXT    NOT NULL,
    file       TEXT    NOT NULL,
    sha256     TEXT    NOT NULL,
    media_type TEXT    NOT NULL,
    size       BIGINT  NOT NULL,
    records    INTEGER NOT NULL,
    PRIMARY KEY (run_id, source, file, sha256)
);

CREATE INDEX evidence_sha256 ON evidence (sha256);
