package tansa.exposure.scan;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Walks the roots in a fixed order (each directory's names sorted), handing every regular file on
 * with the path it is shown under. Symbolic links are not followed, except a root given as one;
 * a link inside the roots is reported and skipped when it points outside them, and skipped
 * silently otherwise (what it points to is reached directly). A path that cannot be walked (its
 * attributes or listing unreadable, a listing too large for the heap) is recorded as a file record
 * with the mime type {@code inode/directory} or none and a status that is not checked, so the
 * coverage figures say that something was not scanned; it goes to the listener, as problems do.
 */
final class Walker {
    /** Receives the files of a walk, in walk order. */
    interface FileSink {
        void file(String display, Path file, long size);
    }

    private final ScanListener listener;
    private final FileSink sink;
    private final List<Path> realRoots = new ArrayList<>();

    Walker(ScanListener listener, FileSink sink) {
        this.listener = listener;
        this.sink = sink;
    }

    /** Walks every root in order, skipping files whose shown path is in {@code done}. */
    void walk(List<Path> roots, List<String> displayNames, Set<String> done) {
        for (Path r : roots) {
            try {
                realRoots.add(r.toRealPath());
            } catch (IOException e) {
                // reported below when the root is walked
            }
        }
        for (int k = 0; k < roots.size(); k++) {
            Path root = roots.get(k);
            String display = displayNames.get(k);
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                listener.problem(display + ": no such file or directory");
                continue;
            }
            walk(root, display, done, true);
        }
    }

    private void walk(Path p, String display, Set<String> done, boolean isRoot) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                Path target;
                try {
                    target = p.toRealPath();
                } catch (IOException e) {
                    listener.problem(display + ": skipped broken symbolic link");
                    return;
                }
                if (!isRoot) {
                    if (!insideRoots(target)) {
                        listener.problem(display + ": skipped symbolic link pointing outside the scanned roots");
                    }
                    return;
                }
                a = Files.readAttributes(target, BasicFileAttributes.class);
                p = target;
            }
        } catch (IOException e) {
            notWalked(display, null, FileStatus.UNREADABLE, "cannot read attributes: " + Problems.brief(e), done);
            return;
        }
        if (a.isDirectory()) {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                for (Path c : ds) {
                    names.add(c.getFileName().toString());
                }
                names.sort(null);
            } catch (IOException | RuntimeException e) {
                notWalked(display, FileRecord.DIRECTORY, FileStatus.UNREADABLE, "cannot list directory: " + Problems.brief(e), done);
                return;
            } catch (OutOfMemoryError e) {
                // The sorted listing is the one thing a walk holds that grows with a directory's
                // size; the names are dropped here, so the rest of the scan has its memory back.
                int read = names.size();
                names = null; // before the message is built: that needs memory too
                notWalked(display, FileRecord.DIRECTORY, FileStatus.TOO_LARGE, "directory not scanned: its listing (" + read + " entries read) does not fit in the "
                        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB heap; scan it again with a larger -Xmx (TANSA_JAVA_OPTS)", done);
                return;
            }
            for (String n : names) {
                walk(p.resolve(n), display.endsWith("/") ? display + n : display + "/" + n, done, false);
            }
        } else if (a.isRegularFile() && !done.contains(display)) {
            sink.file(display, p, a.size());
        } else if (a.isOther()) {
            // Reading a FIFO would block the scan forever, and a device has no end.
            listener.problem(display + ": not a regular file (a FIFO, device or socket); skipped");
        }
    }

    /** A path the walk could not go into: a record (unless a resumed scan has it) and a problem line. */
    private void notWalked(String display, String mime, FileStatus status, String why, Set<String> done) {
        if (done.contains(display)) {
            return;
        }
        listener.file(new FileRecord(display, null, 0, mime, status, why));
        listener.problem(display + ": " + status.id() + ": " + why);
    }

    private boolean insideRoots(Path target) {
        for (Path r : realRoots) {
            if (target.startsWith(r)) {
                return true;
            }
        }
        return false;
    }
}
