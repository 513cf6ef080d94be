package tansa.casefile;

/** The store a case lives in: one embedded DuckDB file per case, or a PostgreSQL database holding many cases. */
public enum Dialect {
    DUCKDB, POSTGRESQL
}
