package tansa.exposure.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Copies archive members and attachments to private temporary files (never into the evidence, and
 * under generated names, so {@code ../} in a member name cannot escape), hashing while copying and
 * enforcing the expansion limits. Thread-safe: a mail parser's worker thread copies too.
 */
final class Members implements AutoCloseable {
    private final Path dir;
    private final ScanLimits limits;
    private final AtomicLong counter = new AtomicLong();
    /** Bytes expanded for the current top-level file; reset per top-level file. */
    private final AtomicLong expanded = new AtomicLong();

    Members(ScanLimits limits) throws IOException {
        this.limits = limits;
        this.dir = Files.createTempDirectory("tansa-scan-");
    }

    void startTopLevel() {
        expanded.set(0);
    }

    /**
     * Copies one member. The copy stops, and the member is reported too_large, past --max-expanded
     * for the whole top-level file or past --max-ratio times its compressed size.
     *
     * @param compressedSize the member's stored size, or -1 when unknown (no ratio check)
     */
    Attachment copy(String name, InputStream in, long compressedSize) throws IOException {
        Path tmp = dir.resolve("m" + counter.incrementAndGet());
        MessageDigest sha = sha256();
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(tmp)) {
            int k;
            while ((k = in.read(buf)) > 0) {
                n += k;
                if (expanded.addAndGet(k) > limits.maxExpanded()) {
                    return tooLarge(name, tmp, n, "archive expands beyond --max-expanded " + limits.maxExpanded() + " bytes");
                }
                if (compressedSize >= 0 && n > (1 << 20) && n > limits.maxRatio() * Math.max(compressedSize, 1)) {
                    return tooLarge(name, tmp, n, "member expands more than --max-ratio " + limits.maxRatio() + " times its compressed size (zip bomb?)");
                }
                sha.update(buf, 0, k);
                out.write(buf, 0, k);
            }
        } catch (IOException e) {
            delete(tmp);
            throw e;
        }
        return new Attachment(name, tmp, n, HexFormat.of().formatHex(sha.digest()), null, null);
    }

    private Attachment tooLarge(String name, Path tmp, long n, String why) {
        delete(tmp);
        return new Attachment(name, null, n, null, FileStatus.TOO_LARGE, why);
    }

    void delete(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // A temporary file left behind is removed with the directory at close.
        }
    }

    /**
     * Makes MessageDigest.update hot before the scan needs it, so that C2 compiles it with the
     * SHA-256 intrinsic early: under load the JIT otherwise left it in C1 code, on the JDK's Java
     * SHA-256 (VarHandle-based, about 180 MB/s against 1 GB/s), a third of a plain-text scan.
     * Costs a few milliseconds once.
     */
    static void warmUpSha256() {
        MessageDigest md = sha256();
        byte[] block = new byte[8192];
        for (int k = 0; k < 20_000; k++) {
            // mostly one block, now and then a full slice, as the scan does (a profile that saw
            // only one shape got the compiled code thrown away at the first other)
            md.update(block, k & 7, k % 128 == 0 ? block.length - 8 : 64 + (k & 63));
        }
        md.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(this::delete);
        } catch (IOException ignored) {
            // best effort: the directory is in the system's temporary folder
        }
    }
}
