-- Case settings an analyst edits (status, severity, discovery and containment times, the breach
-- facts the regulatory clocks count from, the regimes that apply). One row per key; the value is
-- text (times UTC ISO-8601, booleans true/false, lists comma-separated).
CREATE TABLE case_setting (
    key    VARCHAR PRIMARY KEY,
    value  VARCHAR NOT NULL,
    set_by VARCHAR NOT NULL,
    set_at VARCHAR NOT NULL
);
