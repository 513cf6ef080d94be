package tansa.exposure.claims;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checks an attacker's leak claim against a scan. A listed SHA-256 decides: {@code confirmed} when
 * a scanned file has it (whatever its name), {@code hash_mismatch} when only a file of that name
 * was scanned, else {@code not_found}. Without one (or with an MD5 or SHA-1, which the scan does
 * not record: the claim then says so in its note), a listed file is {@code confirmed} by a scanned
 * file with the same name and a size the claim's size stands for, {@code size_mismatch} by name
 * only, or {@code not_found}; among files of the same name the one whose path shares the most
 * trailing components with the claim is taken. Each sample file is {@code identical} (same
 * SHA-256 as a scanned file), {@code modified} (a scanned file of that name, other content) or
 * {@code not_found}.
 */
public final class ClaimVerifier {
    /**
     * The verdict for one listed file; findings are counts per type in the matched file.
     *
     * @param matchedBy {@code sha256}, {@code path+size}, {@code name}, or null when nothing matched
     * @param note      why a listed hash was not used, or null
     */
    public record ClaimResult(Claim claim, String outcome, String matchedPath, String matchedBy, String note,
                              Map<String, Integer> findings) {
    }

    /** The verdict for one sample file. */
    public record SampleResult(String file, String outcome, String matchedPath) {
    }

    private final ScanIndex index;

    public ClaimVerifier(ScanIndex index) {
        this.index = index;
    }

    public ClaimResult verify(Claim c) {
        List<ScanIndex.Entry> named = index.named(ScanIndex.baseName(c.path()));
        String note = null;
        if (c.hash() != null && c.hashType().equals("sha256")) {
            ScanIndex.Entry same = index.withSha(c.hash());
            if (same != null) {
                return new ClaimResult(c, "confirmed", same.path(), "sha256", null, index.findingsOf(same.path()));
            }
            if (named.isEmpty()) {
                return new ClaimResult(c, "not_found", null, null, null, null);
            }
            ScanIndex.Entry closest = closest(named, c.path());
            return new ClaimResult(c, "hash_mismatch", closest.path(), "name", null, index.findingsOf(closest.path()));
        } else if (c.hash() != null) {
            note = "the list gives " + c.hashType().toUpperCase(Locale.ROOT) + " and the scan records SHA-256 only: matched by path and size";
        }
        if (named.isEmpty()) {
            return new ClaimResult(c, "not_found", null, null, note, null);
        }
        ScanIndex.Entry best = null;
        if (c.size() != null) {
            for (ScanIndex.Entry e : named) {
                if (e.size() >= c.size().min() && e.size() <= c.size().max()
                        && (best == null || suffix(e.path(), c.path()) > suffix(best.path(), c.path()))) {
                    best = e;
                }
            }
        }
        if (best != null) {
            return new ClaimResult(c, "confirmed", best.path(), "path+size", note, index.findingsOf(best.path()));
        }
        ScanIndex.Entry closest = closest(named, c.path());
        return new ClaimResult(c, "size_mismatch", closest.path(), "name", note, index.findingsOf(closest.path()));
    }

    private static ScanIndex.Entry closest(List<ScanIndex.Entry> named, String path) {
        ScanIndex.Entry closest = named.get(0);
        for (ScanIndex.Entry e : named) {
            if (suffix(e.path(), path) > suffix(closest.path(), path)) {
                closest = e;
            }
        }
        return closest;
    }

    /** How many trailing path components two paths share, ignoring case and separator style. */
    static int suffix(String a, String b) {
        String[] x = a.toLowerCase(Locale.ROOT).split("[/\\\\]|!/");
        String[] y = b.toLowerCase(Locale.ROOT).split("[/\\\\]");
        int n = 0;
        for (int i = x.length - 1, j = y.length - 1; i >= 0 && j >= 0 && x[i].equals(y[j]); i--, j--) {
            n++;
        }
        return n;
    }

    public List<SampleResult> samples(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        List<SampleResult> out = new ArrayList<>();
        for (Path f : files) {
            String rel = dir.relativize(f).toString().replace('\\', '/');
            String sha = sha256(f);
            ScanIndex.Entry same = index.withSha(sha);
            if (same != null) {
                out.add(new SampleResult(rel, "identical", same.path()));
                continue;
            }
            List<ScanIndex.Entry> named = index.named(ScanIndex.baseName(f.getFileName().toString()));
            out.add(named.isEmpty() ? new SampleResult(rel, "not_found", null) : new SampleResult(rel, "modified", named.get(0).path()));
        }
        return out;
    }

    private static String sha256(Path f) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(f)) {
                byte[] buf = new byte[1 << 16];
                int k;
                while ((k = in.read(buf)) > 0) {
                    md.update(buf, 0, k);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
