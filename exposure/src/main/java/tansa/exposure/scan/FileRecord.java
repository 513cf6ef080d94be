package tansa.exposure.scan;

/**
 * One scanned file or archive member.
 *
 * @param path   the path as walked; members as {@code outer.zip!/inner/path}
 * @param sha256 lower-case hex, or null when the content could not be read
 * @param error  one line saying what was wrong, or null
 */
public record FileRecord(String path, String sha256, long size, String mime, FileStatus status, String error) {
    /** A top-level file, as opposed to an archive member or attachment. */
    public boolean topLevel() {
        return !path.contains("!/");
    }
}
