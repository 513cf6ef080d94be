package tansa.casefile;

/** What a case holds: evidence files (those that gave events or were evidence), events, detections. */
public record CaseStats(String name, long evidence, long events, long detections) {
}
