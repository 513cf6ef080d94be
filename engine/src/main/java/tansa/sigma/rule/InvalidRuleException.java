package tansa.sigma.rule;

/**
 * A rule that cannot be loaded: the caller reports it with its YAML path and goes on with the
 * other rules.
 */
public final class InvalidRuleException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public InvalidRuleException(String path, String message) {
        super(message);
        this.path = path;
    }

    public InvalidRuleException(String path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** Where in the document: {@code detection.selection.CommandLine|contains}. */
    public String path() {
        return path;
    }
}
