-- PostgreSQL only, applied with V6__query_columns.sql (DuckDB prunes by its zone maps instead, and an
-- ART index would slow its appender): the console fetches a page of detections by key and pages
-- in time order.
CREATE INDEX detection_key ON detection (evidence_id, seq);
CREATE INDEX detection_order ON detection (ts, evidence_id, seq);
