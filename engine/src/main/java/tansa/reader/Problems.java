package tansa.reader;

/**
 * Where readers report bad input: one call per problem, naming the resource, the byte offset (or
 * line, -1 when unknown) and what was expected. Reading goes on after a report.
 *
 * <p>{@link #report} is for input that was skipped (a record, a chunk, a file): the run's exit
 * code says so. {@link #note} is for damage that was worked around without losing data (a dirty
 * header, a stale checksum over records that still pass every structural check).
 *
 * <p>Implementations must be thread-safe: chunks of one file are decoded on several threads.
 */
@FunctionalInterface
public interface Problems {
    void report(String resource, long offset, String message);

    /** Damage worked around without data loss; defaults to a report. */
    default void note(String resource, long offset, String message) {
        report(resource, offset, message);
    }

    /** Drops every report; for callers that count on the record stream alone. */
    Problems IGNORE = (resource, offset, message) -> { };
}
