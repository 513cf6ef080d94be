-- Schema version 7 (issue 12 item 4): the console's incidents (detections grouped under a title,
-- status, severity, owner and notes) and the state of each action of the stored containment plan
-- (case_artifact 'scope'). Plain SQL that DuckDB and PostgreSQL both run. Statements end with ';'
-- at a line's end. Every change to these tables is in the audit log (ChainAuditSink).

CREATE SEQUENCE incident_ids START 1;
CREATE TABLE incident (
    id         BIGINT PRIMARY KEY,
    title      VARCHAR NOT NULL,
    status     VARCHAR NOT NULL,
    severity   VARCHAR NOT NULL,
    owner      VARCHAR,
    notes      VARCHAR,
    created_by VARCHAR NOT NULL,
    created_at VARCHAR NOT NULL,
    updated_at VARCHAR NOT NULL
);

-- A detection is named by its evidence id and sequence number (the console's EVIDENCE-SEQ).
CREATE TABLE incident_detection (
    incident_id BIGINT NOT NULL,
    evidence_id BIGINT NOT NULL,
    seq         BIGINT NOT NULL,
    PRIMARY KEY (incident_id, evidence_id, seq)
);

-- One row per containment action someone has worked on; an action without a row is 'planned'.
-- action_key: the plan's group, action and target (isolate/isolate_host/DC01).
CREATE TABLE containment_action (
    action_key VARCHAR PRIMARY KEY,
    status     VARCHAR NOT NULL,
    owner      VARCHAR,
    updated_by VARCHAR NOT NULL,
    updated_at VARCHAR NOT NULL
);
