package tansa.reader;

/**
 * Where readers report bad input: one call per problem, naming the resource, the byte offset (or
 * line, -1 when unknown) and what was expected. Reading goes on after a report.
 *
 * <p>Implementations must be thread-safe: chunks of one file are decoded on several threads.
 */
@FunctionalInterface
public interface Problems {
    void report(String resource, long offset, String message);

    /** Drops every report; for callers that count on the record stream alone. */
    Problems IGNORE = (resource, offset, message) -> { };
}
