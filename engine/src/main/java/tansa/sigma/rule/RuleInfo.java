package tansa.sigma.rule;

import java.util.List;

/**
 * The metadata every Sigma document carries. {@code name} is the per-correlation reference
 * name (may be null); {@code file} names the rule file, {@code document} the 0-based index of
 * the YAML document inside it.
 */
public record RuleInfo(String id, String name, String title, String status, String level,
                       List<String> tags, String description, String file, int document) {
    public RuleInfo {
        tags = List.copyOf(tags);
    }

    /** The id, else the name, else file and document index: what reports and outputs show. */
    public String key() {
        if (id != null) {
            return id;
        }
        if (name != null) {
            return name;
        }
        return file + "#" + document;
    }
}
