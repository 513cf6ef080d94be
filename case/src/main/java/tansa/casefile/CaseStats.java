package tansa.casefile;

/**
 * What a case holds: evidence files (those that gave events or were evidence), events,
 * detections; attached exposure results (files attached, scanned files, findings, leak claims);
 * audit entries.
 */
public record CaseStats(String name, long evidence, long events, long detections, long attachments, long scanFiles,
                        long scanFindings, long claims, long auditEntries) {
}
