package tansa.report;

/**
 * One number of the report with where it comes from: the query over the case that gives it and
 * the console view that lists what it counts ({@code view} is a path under the console's case
 * page, e.g. {@code detections?level=high}; null when the console has no such view).
 */
public record Figure(String id, long value, String query, String view) {
}
