package tansa.exposure.scan;

/**
 * One scanned file or archive member.
 *
 * @param path   the path as walked; members as {@code outer.zip!/inner/path}
 * @param sha256 lower-case hex, or null when the content could not be read
 * @param error  one line saying what was wrong, or null
 */
public record FileRecord(String path, String sha256, long size, String mime, FileStatus status, String error) {
    /** The mime type of a directory's record: one the walk could not go into (the freedesktop.org name). */
    public static final String DIRECTORY = "inode/directory";

    /** A top-level file, as opposed to an archive member or attachment. */
    public boolean topLevel() {
        return !path.contains("!/");
    }
}
