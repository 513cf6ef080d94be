-- Schema version 2 (issue 12 items 1, 3 and 7): chain-of-custody fields, attached exposure results
-- (tansa scan / claims verify JSONL) and the hash-chained audit log. Plain SQL that DuckDB and
-- PostgreSQL both run. Statements end with ';' at a line's end.

-- Custody: the machine the file was read on (the evidence's own computers are in evidence_host).
ALTER TABLE evidence ADD COLUMN ingest_host VARCHAR;

-- A JSONL result attached to the case (kind 'scan' or 'claims'), with its SHA-256 like evidence:
-- the same contents are attached once.
CREATE SEQUENCE attachment_ids START 1;
CREATE TABLE attachment (
    id          BIGINT PRIMARY KEY,
    kind        VARCHAR NOT NULL,
    path        VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    size        BIGINT NOT NULL,
    records     BIGINT NOT NULL,
    ingested_by VARCHAR NOT NULL,
    ingest_host VARCHAR,
    ingested_at VARCHAR NOT NULL,
    UNIQUE (kind, sha256)
);

-- 'tansa scan -f jsonl' records: kind file, finding, summary; data is the line as written.
CREATE TABLE scan_file (
    attachment_id BIGINT NOT NULL,
    seq           BIGINT NOT NULL,
    path          VARCHAR,
    size          BIGINT,
    sha256        VARCHAR,
    data          VARCHAR NOT NULL
);
CREATE TABLE scan_finding (
    attachment_id BIGINT NOT NULL,
    seq           BIGINT NOT NULL,
    path          VARCHAR,
    category      VARCHAR,
    finding_type  VARCHAR,
    data          VARCHAR NOT NULL
);
CREATE TABLE scan_summary (
    attachment_id BIGINT NOT NULL,
    seq           BIGINT NOT NULL,
    data          VARCHAR NOT NULL
);

-- 'tansa claims verify -f jsonl' records: kind claim, sample, summary.
CREATE TABLE claim (
    attachment_id BIGINT NOT NULL,
    seq           BIGINT NOT NULL,
    kind          VARCHAR NOT NULL,
    claimed_path  VARCHAR,
    outcome       VARCHAR,
    matched_path  VARCHAR,
    data          VARCHAR NOT NULL
);

-- The audit log: append-only, hash-chained. hash = SHA-256(prev_hash || '\n' || the entry's
-- canonical JSON); see Audit.java. audit_head counts the entries ever appended and keeps the
-- newest one's hash (its row is updated first by every append, which also serialises writers).
CREATE TABLE audit_log (
    seq       BIGINT NOT NULL,
    logged_at VARCHAR NOT NULL,
    actor     VARCHAR NOT NULL,
    action    VARCHAR NOT NULL,
    target    VARCHAR NOT NULL,
    before_json VARCHAR,
    after_json  VARCHAR,
    prev_hash VARCHAR NOT NULL,
    hash      VARCHAR NOT NULL
);
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY,
    entries   BIGINT NOT NULL,
    last_hash VARCHAR NOT NULL
);
INSERT INTO audit_head VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
