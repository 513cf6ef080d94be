package tansa.casefile;

/**
 * One finding of {@link EvidenceVerifier}: a registered file that is {@code changed} (another
 * SHA-256 or size) or {@code missing}, or a {@code new} file in a directory that was ingested.
 * Hashes and sizes the case recorded ({@code expected*}) and found now ({@code actual*}); null or
 * -1 where there is none.
 */
public record EvidenceCheck(Status status, String path, String expectedSha256, String actualSha256, long expectedSize,
                            long actualSize) {
    public enum Status { CHANGED, MISSING, NEW }
}
