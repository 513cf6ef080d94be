package tansa.scope;

import java.time.Instant;
import java.util.List;

/**
 * An edge of the movement graph, from where a movement came from to where it landed, of one
 * {@code kind}, over {@code count} events between {@code first} and {@code last}; the accounts it
 * used, the logon types (for logons) and destination ports (for connections), and the earliest
 * {@link MovementGraph#MAX_EVIDENCE} events as evidence.
 */
public record GraphEdge(String source, String target, String kind, long count, Instant first, Instant last, List<String> accounts,
                        List<String> logonTypes, List<String> ports, List<Evidence> evidence) {
    public GraphEdge {
        accounts = List.copyOf(accounts);
        logonTypes = List.copyOf(logonTypes);
        ports = List.copyOf(ports);
        evidence = List.copyOf(evidence);
    }

    /** One event behind an edge: its file, record number, what it is ({@code Security 4624}) and when. */
    public record Evidence(String source, long recordId, String event, Instant time) {
    }
}
