package tansa.reader;

/** What one read did: files read, events produced, problems reported. */
public record ReadSummary(int files, long events, long problems) {
}
