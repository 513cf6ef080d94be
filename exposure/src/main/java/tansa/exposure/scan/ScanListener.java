package tansa.exposure.scan;

import tansa.exposure.detect.Hit;

/**
 * Receives a scan's results in order: the findings of a file, then its {@link FileRecord}; the
 * members of an archive (or attachments of a mail) come before the container's own record, so a
 * top-level file's record closes everything that belongs to it ({@code --resume} relies on that).
 * Called from one thread at a time.
 */
public interface ScanListener {
    void finding(String path, Hit hit);

    void file(FileRecord file);

    /** One line for the user about a file that could not be checked fully, or a skipped path. */
    void problem(String line);
}
