-- Results the scoping commands stored in the case (tansa investigate stores its scope and graph
-- here): one JSON document per name, replaced when computed again. Statements end with ';' at a line's end.
CREATE TABLE case_artifact (
    name       VARCHAR PRIMARY KEY,
    data       VARCHAR NOT NULL,
    created_by VARCHAR NOT NULL,
    created_at VARCHAR NOT NULL
);
