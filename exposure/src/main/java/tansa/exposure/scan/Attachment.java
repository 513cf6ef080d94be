package tansa.exposure.scan;

import java.nio.file.Path;

/** A mail attachment or archive member copied to a temporary file, with what was learnt while copying. */
record Attachment(String name, Path file, long size, String sha256, FileStatus status, String error) {
}
