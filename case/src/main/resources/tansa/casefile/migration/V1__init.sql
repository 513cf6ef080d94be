-- The case store, schema version 1. Plain SQL that DuckDB and PostgreSQL both run (no DuckDB-only
-- types): times of the record are TIMESTAMP in UTC, times of custody are UTC ISO-8601 text, JSON is
-- text (PostgreSQL will take JSONB in its own migration). Statements end with ';' at a line's end.

CREATE TABLE case_info (
    name       VARCHAR NOT NULL,
    created_at VARCHAR NOT NULL,
    created_by VARCHAR NOT NULL
);

CREATE SEQUENCE evidence_ids START 1;

-- Every file an ingest was given or found, by absolute path, committed with its events: a row here
-- means the file is in the case whole (format UNKNOWN: received but not evidence, no events).
-- The same contents at two paths are two rows: both were received, both are evidence.
CREATE TABLE evidence (
    id          BIGINT PRIMARY KEY,
    path        VARCHAR NOT NULL UNIQUE,
    root        VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    size        BIGINT NOT NULL,
    format      VARCHAR NOT NULL,
    events      BIGINT NOT NULL,
    detections  BIGINT NOT NULL,
    problems    BIGINT NOT NULL,
    ingested_by VARCHAR NOT NULL,
    ingested_at VARCHAR NOT NULL
);

-- The computer names seen in each file's events: the source hosts.
CREATE TABLE evidence_host (
    evidence_id BIGINT NOT NULL,
    computer    VARCHAR NOT NULL
);

-- The directories given to ingest: 'evidence verify' looks there for files the case does not hold.
CREATE TABLE evidence_root (
    path     VARCHAR PRIMARY KEY,
    added_at VARCHAR NOT NULL
);

-- One row per event, in file then record order (seq); data is the event as 'tansa dump' prints it.
CREATE TABLE event (
    evidence_id BIGINT NOT NULL,
    seq         BIGINT NOT NULL,
    ts          TIMESTAMP,
    computer    VARCHAR,
    channel     VARCHAR,
    event_id    INTEGER,
    record_id   BIGINT,
    provider    VARCHAR,
    source      VARCHAR NOT NULL,
    data        VARCHAR NOT NULL
);

-- One row per detection; data is the 'hunt --format jsonl' line.
CREATE TABLE detection (
    evidence_id BIGINT NOT NULL,
    seq         BIGINT NOT NULL,
    ts          TIMESTAMP,
    rule_id     VARCHAR,
    rule_title  VARCHAR,
    level       VARCHAR,
    computer    VARCHAR,
    channel     VARCHAR,
    event_id    VARCHAR,
    record_id   BIGINT,
    source      VARCHAR,
    data        VARCHAR NOT NULL
);
