package tansa.exposure.scan;

import org.apache.commons.compress.PasswordRequiredException;
import tansa.exposure.detect.Detectors;
import tansa.exposure.detect.HitSink;
import tansa.exposure.detect.TextScanner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Walks the roots, opens archives and mail, extracts text and runs the detectors; reports every
 * file and member to the listener. Evidence is only ever opened for reading; symbolic links are
 * not followed (whatever they point to inside the roots is reached directly). One bad file is
 * reported and the walk goes on. Single-threaded; {@link ParallelScan} runs several side by side.
 */
public final class Scanner implements AutoCloseable {
    private final Detectors detectors;
    private final ScanLimits limits;
    private final ScanListener listener;
    private final Members members;
    private final Archives archives;
    private final TextScanner plain;
    private TikaExtractor tika;
    /** Reads, hashes and decodes UTF-8 plain text, beside its scanning or on the scanning thread. */
    private final Utf8Reader reader;
    private String currentPath;

    /** A scanner that reads plain text on a thread of its own beside its scanning. */
    public Scanner(Detectors detectors, ScanLimits limits, ScanListener listener) throws IOException {
        this(detectors, limits, listener, true);
    }

    /**
     * @param readBeside whether UTF-8 plain text is read, hashed and decoded on a second thread
     *                   while this one scans, or on this thread alone
     */
    public Scanner(Detectors detectors, ScanLimits limits, ScanListener listener, boolean readBeside) throws IOException {
        this.detectors = detectors;
        this.limits = limits;
        this.listener = listener;
        this.members = new Members(limits);
        this.archives = new Archives(members);
        this.plain = detectors.newScanner(hit -> listener.finding(currentPath, hit));
        this.reader = new Utf8Reader(readBeside);
    }

    /**
     * Scans every root (file or directory) in order, skipping top-level paths in {@code done}
     * (files a previous, interrupted run already reported).
     */
    public void scan(List<Path> roots, List<String> displayNames, Set<String> done) {
        new Walker(listener, this::scanFile).walk(roots, displayNames, done);
    }

    /** Scans one top-level file (with its members), shown as {@code display}. */
    void scanFile(String display, Path file, long size) {
        members.startTopLevel();
        process(new Item(display, file, file.getFileName() == null ? display : file.getFileName().toString(), 0, null, size));
    }

    /** A file or member to scan; {@code sha256} is known for members (hashed while copying). */
    private record Item(String path, Path file, String name, int depth, String sha256, long size) {
    }

    private void process(Item item) {
        try {
            processOrThrow(item);
        } catch (IOException e) {
            // The file could not be read: say why (permission denied, gone), not that it is damaged.
            record(item, item.sha256, "application/octet-stream", FileStatus.UNREADABLE, "cannot read: " + Problems.brief(e));
        } catch (RuntimeException e) {
            record(item, item.sha256, "application/octet-stream", FileStatus.CORRUPTED, "cannot read: " + Problems.brief(e));
        }
    }

    private void processOrThrow(Item item) throws IOException {
        if (item.size == 0) {
            record(item, HexFormat.of().formatHex(Members.sha256().digest()), "application/octet-stream", FileStatus.EMPTY, null);
            return;
        }
        byte[] sample = new byte[Sniffer.SAMPLE];
        int n;
        try (InputStream in = open(item.file)) {
            n = in.readNBytes(sample, 0, sample.length);
        }
        Sniffer.Sniff sn = Sniffer.sniff(sample, n);
        String ext = Sniffer.extension(item.name);
        if (Sniffer.ransomExtension(item.name)) {
            record(item, hash(item), "application/octet-stream", FileStatus.ENCRYPTED,
                    "ransomware extension ." + ext + " (entropy " + fmt(sn.entropy()) + " bits/byte); content not checked");
            return;
        }
        switch (sn.kind()) {
            case ZIP:
                if (Archives.isDocumentZip(item.file)) {
                    document(item, sn);
                } else {
                    archive(item, sn, v -> archives.zip(item.file, v));
                }
                return;
            case TAR:
                archive(item, sn, v -> archives.tar(item.file, Archives.Kind.NONE, v));
                return;
            case GZIP:
            case BZIP2: {
                Archives.Kind k = sn.kind() == Sniffer.Kind.GZIP ? Archives.Kind.GZIP : Archives.Kind.BZIP2;
                String lower = item.name.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz") || lower.endsWith(".tar.bz2") || lower.endsWith(".tbz2")) {
                    archive(item, sn, v -> archives.tar(item.file, k, v));
                } else {
                    archive(item, sn, v -> archives.single(item.file, item.name, k, v));
                }
                return;
            }
            case SEVEN_Z:
                archive(item, sn, v -> archives.sevenZ(item.file, v));
                return;
            default:
                break;
        }
        if (looksEncrypted(item, sn, n)) {
            String why = Sniffer.signedExtension(item.name)
                    ? "content does not carry the ." + ext + " signature and looks encrypted (entropy " + fmt(sn.entropy()) + " bits/byte)"
                    : "no known file signature and entropy " + fmt(sn.entropy()) + " bits/byte: encrypted or ransomware-encrypted";
            record(item, hash(item), "application/octet-stream", FileStatus.ENCRYPTED, why);
            return;
        }
        if (sn.kind() == Sniffer.Kind.TEXT && (ext.equals("mbox") || ext.equals("mbx") || startsLikeMbox(sample, n))) {
            archive(item, new Sniffer.Sniff(Sniffer.Kind.TEXT, "application/mbox", sn.entropy(), false), v -> archives.mbox(item.file, v));
            return;
        }
        switch (sn.kind()) {
            case TEXT:
                if (ext.equals("html") || ext.equals("htm") || ext.equals("eml") || ext.equals("mbox") || ext.equals("rtf")
                        || ext.equals("msg") || startsLikeMail(sample, n)) {
                    document(item, sn);
                } else {
                    text(item, PlainText.detect(sample, n));
                }
                return;
            case MEDIA:
            case EXECUTABLE:
                record(item, hash(item), sn.mime(), FileStatus.NO_TEXT, null);
                return;
            default:
                document(item, sn);
        }
    }

    private static boolean startsLikeMbox(byte[] b, int n) {
        String head = new String(b, 0, Math.min(n, 1024), java.nio.charset.StandardCharsets.ISO_8859_1);
        return head.startsWith("From ") && head.contains("\nFrom:") | head.contains("\nDate:") | head.contains("\nSubject:");
    }

    private static boolean startsLikeMail(byte[] b, int n) {
        String head = new String(b, 0, Math.min(n, 2048), java.nio.charset.StandardCharsets.ISO_8859_1);
        return head.startsWith("From ") || head.startsWith("Received:") || head.startsWith("Return-Path:")
                || head.startsWith("MIME-Version:") && head.contains("\nContent-Type:") && (head.contains("\nFrom:") || head.contains("\nTo:"));
    }

    private boolean looksEncrypted(Item item, Sniffer.Sniff sn, int n) {
        boolean known = sn.kind() != Sniffer.Kind.UNKNOWN && sn.kind() != Sniffer.Kind.TEXT;
        if (Sniffer.signedExtension(item.name) && !matchesExtension(sn.kind(), Sniffer.extension(item.name))) {
            return sn.entropy() >= Math.min(7.0, Sniffer.encryptedThreshold(n));
        }
        return !known && sn.kind() != Sniffer.Kind.TEXT && sn.entropy() >= Sniffer.encryptedThreshold(n);
    }

    private static boolean matchesExtension(Sniffer.Kind k, String ext) {
        switch (ext) {
            case "docx": case "xlsx": case "pptx": case "odt": case "ods": case "odp": case "zip":
                return k == Sniffer.Kind.ZIP;
            case "pdf":
                return k == Sniffer.Kind.PDF;
            case "doc": case "xls": case "ppt": case "msg":
                return k == Sniffer.Kind.OLE2;
            case "png": case "jpg": case "jpeg": case "gif":
                return k == Sniffer.Kind.MEDIA;
            case "7z":
                return k == Sniffer.Kind.SEVEN_Z;
            case "gz": case "tgz":
                return k == Sniffer.Kind.GZIP;
            case "rtf":
                return k == Sniffer.Kind.RTF;
            default:
                return true;
        }
    }

    private interface ArchiveWalk {
        void run(Archives.Visitor v) throws IOException;
    }

    private Archives.Visitor v(Item parent) {
        return v(parent, new int[2]);
    }

    /**
     * @param counts members seen and members that were password-protected, counted here so that an
     *               archive whose every member is encrypted is itself {@code password_protected}
     */
    private Archives.Visitor v(Item parent, int[] counts) {
        return a -> {
            String path = parent.path + "!/" + a.name();
            counts[0]++;
            if (a.status() == FileStatus.PASSWORD_PROTECTED) {
                counts[1]++;
            }
            if (a.status() != null) {
                listener.file(new FileRecord(path, a.sha256(), a.size(), "application/octet-stream", a.status(), a.error()));
                problem(path, a.status(), a.error());
                return;
            }
            try {
                process(new Item(path, a.file(), a.name(), parent.depth + 1, a.sha256(), a.size()));
            } finally {
                members.delete(a.file());
            }
        };
    }

    private void archive(Item item, Sniffer.Sniff sn, ArchiveWalk walk) throws IOException {
        String sha = hash(item);
        if (item.depth >= limits.maxDepth()) {
            record(item, sha, sn.mime(), FileStatus.TOO_LARGE, "archive nested deeper than --max-depth " + limits.maxDepth());
            return;
        }
        int[] counts = new int[2];
        try {
            walk.run(v(item, counts));
        } catch (PasswordRequiredException e) {
            record(item, sha, sn.mime(), FileStatus.PASSWORD_PROTECTED, "archive is password-protected");
            return;
        } catch (IOException | RuntimeException e) {
            record(item, sha, sn.mime(), FileStatus.CORRUPTED, "cannot read archive: " + Problems.brief(e));
            return;
        }
        if (counts[0] > 0 && counts[1] == counts[0]) {
            record(item, sha, sn.mime(), FileStatus.PASSWORD_PROTECTED,
                    "archive is password-protected: all " + counts[0] + " members are encrypted");
            return;
        }
        record(item, sha, sn.mime(), FileStatus.PARSED, null);
    }

    private void text(Item item, Charset cs) throws IOException {
        currentPath = item.path;
        plain.reset();
        String sha = item.sha256;
        try (InputStream in = open(item.file)) {
            MessageDigest md = sha == null ? Members.sha256() : null;
            if (cs.equals(StandardCharsets.UTF_8)) {
                PlainText.readUtf8(in, plain, reader, md);
            } else {
                PlainText.read(in, cs, plain, md);
            }
            if (md != null) {
                sha = HexFormat.of().formatHex(md.digest());
            }
        }
        record(item, sha, textMime(Sniffer.extension(item.name)), FileStatus.PARSED, null);
    }

    private static String textMime(String ext) {
        switch (ext) {
            case "csv":
                return "text/csv";
            case "sql":
                return "application/sql";
            case "json":
                return "application/json";
            case "xml":
                return "application/xml";
            default:
                return "text/plain";
        }
    }

    private void document(Item item, Sniffer.Sniff sn) throws IOException {
        String sha = hash(item);
        TikaExtractor t = tika();
        String mime = t.detect(item.file, item.name);
        if (mime.startsWith("image/") || mime.startsWith("audio/") || mime.startsWith("video/")) {
            record(item, sha, mime, FileStatus.NO_TEXT, null);
            return;
        }
        if (item.size > limits.maxParseBytes()) {
            record(item, sha, mime, FileStatus.TOO_LARGE, "document larger than --max-file-size " + limits.maxParseBytes() + " bytes; not parsed");
            return;
        }
        final String path = item.path;
        HitSink direct = hit -> listener.finding(path, hit);
        Gate gate = new Gate(direct);
        TextScanner ts = detectors.newScanner(gate);
        TikaExtractor.Result r = t.extract(item.file, item.name, mime, ts, gate);
        for (Attachment a : r.attachments()) {
            v(item).member(a);
        }
        String m = r.mime() == null ? mime : r.mime();
        if (r.status() == FileStatus.NO_TEXT && "application/octet-stream".equals(m)) {
            record(item, sha, m, FileStatus.NO_TEXT, null);
            return;
        }
        record(item, sha, m, r.status(), r.error());
    }

    private TikaExtractor tika() {
        if (tika == null) {
            tika = new TikaExtractor(limits.timeout(), members);
        }
        return tika;
    }

    private String hash(Item item) throws IOException {
        if (item.sha256 != null) {
            return item.sha256;
        }
        MessageDigest md = Members.sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = open(item.file)) {
            int k;
            while ((k = in.read(buf)) > 0) {
                PlainText.update(md, buf, 0, k);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static InputStream open(Path p) throws IOException {
        return Files.newInputStream(p, StandardOpenOption.READ);
    }

    private void record(Item item, String sha, String mime, FileStatus status, String error) {
        listener.file(new FileRecord(item.path, sha, item.size, mime, status, error));
        problem(item.path, status, error);
    }

    private void problem(String path, FileStatus status, String error) {
        if (!status.checked()) {
            listener.problem(path + ": " + status.id() + (error == null ? "" : ": " + error));
        }
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    @Override
    public void close() {
        if (tika != null) {
            tika.close();
        }
        reader.close();
        members.close();
    }
}
