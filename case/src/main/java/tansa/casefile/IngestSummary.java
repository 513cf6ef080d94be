package tansa.casefile;

/**
 * What one ingest run did: files committed to the case (evidence or not), files skipped because
 * the case already holds their contents, events and detections added, problems reported.
 */
public record IngestSummary(int files, int skipped, long events, long detections, long problems) {
}
