package tansa.sigma;

/**
 * A rule that failed to load, or loaded but cannot run: the file, the rule id (null when the
 * document has none or could not be read), the YAML path and the reason.
 */
public record RuleProblem(String file, String id, String path, String reason) {
    /** One line for a terminal: {@code file: id: path: reason}. */
    public String line() {
        StringBuilder sb = new StringBuilder(file);
        if (id != null) {
            sb.append(": ").append(id);
        }
        if (path != null && !path.isEmpty()) {
            sb.append(": ").append(path);
        }
        return sb.append(": ").append(reason).toString();
    }
}
