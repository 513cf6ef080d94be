package tansa.ioc;

import java.util.List;

/**
 * One indicator as loaded: its id (the STIX indicator id, the MISP attribute uuid, or
 * {@code ioc:TYPE:VALUE} for lists), the title a detection shows, its level (Sigma's words),
 * tags, the file it came from, and what to match.
 *
 * <p>{@code pattern} is a disjunction of conjunctions of observations ({@link Pattern}): a STIX
 * {@code [a] AND [b]} needs both observations, each in some event of the evidence; a single
 * comparison from a list is one conjunction of one observation.
 */
public record Indicator(String id, String title, String level, List<String> tags, String description, String file,
                        Pattern pattern) {
    public Indicator {
        tags = List.copyOf(tags);
    }
}
