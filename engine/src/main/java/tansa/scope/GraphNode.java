package tansa.scope;

import java.time.Instant;
import java.util.List;

/**
 * A node of the movement graph: a {@code host} (its {@code names} as the logs spell them and the
 * {@code addresses} its own events show as its own), an {@code address} not known to belong to
 * a host (with the host names other machines' events gave it in {@code names}), or an
 * {@code account} (its spellings in {@code names}, its domains in {@code domains}).
 */
public record GraphNode(String id, String kind, String label, List<String> names, List<String> addresses, List<String> domains,
                        Instant first, Instant last) {
    public GraphNode {
        names = List.copyOf(names);
        addresses = List.copyOf(addresses);
        domains = List.copyOf(domains);
    }
}
