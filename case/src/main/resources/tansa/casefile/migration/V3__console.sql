-- The web console's state (tansa serve): users and their role in this case, API tokens (only
-- their SHA-256 is kept), the case's status and severity, notes, tasks and the console's audit
-- entries. Plain SQL that DuckDB and PostgreSQL both run. Statements end with ';' at a line's end.

-- A user is a member of this case with one role: admin, lead, analyst or viewer. The password is
-- kept as an Argon2id PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash).
CREATE TABLE console_user (
    name          VARCHAR PRIMARY KEY,
    role          VARCHAR NOT NULL,
    password_hash VARCHAR NOT NULL,
    created_at    VARCHAR NOT NULL
);

-- An API token grants its user's role in this case; the token itself is shown once and never stored.
CREATE TABLE console_token (
    token_sha256 VARCHAR PRIMARY KEY,
    user_name    VARCHAR NOT NULL,
    created_at   VARCHAR NOT NULL
);

-- One row: where the investigation stands.
CREATE TABLE case_state (
    status     VARCHAR NOT NULL,
    severity   VARCHAR NOT NULL,
    updated_by VARCHAR NOT NULL,
    updated_at VARCHAR NOT NULL
);

CREATE SEQUENCE note_ids START 1;

-- Notes are Markdown as written; the console renders them with raw HTML escaped.
CREATE TABLE note (
    id         BIGINT PRIMARY KEY,
    author     VARCHAR NOT NULL,
    created_at VARCHAR NOT NULL,
    text       VARCHAR NOT NULL
);

CREATE SEQUENCE task_ids START 1;

CREATE TABLE task (
    id         BIGINT PRIMARY KEY,
    title      VARCHAR NOT NULL,
    status     VARCHAR NOT NULL,
    owner      VARCHAR,
    created_by VARCHAR NOT NULL,
    created_at VARCHAR NOT NULL,
    updated_at VARCHAR NOT NULL
);

CREATE SEQUENCE console_audit_ids START 1;

-- Every state-changing console action (who, what, when, before, after). Append-only by use; the
-- hash-chained audit log of issue 12 item 7 takes these entries once it lands.
CREATE TABLE console_audit (
    id       BIGINT PRIMARY KEY,
    done_at  VARCHAR NOT NULL,
    actor    VARCHAR NOT NULL,
    action   VARCHAR NOT NULL,
    target   VARCHAR NOT NULL,
    before_value VARCHAR,
    after_value  VARCHAR
);
