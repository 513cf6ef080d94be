package tansa.sigma.rule;

/** A rule's {@code logsource}: product, category, service (each may be null). */
public record LogSource(String product, String category, String service) {
}
