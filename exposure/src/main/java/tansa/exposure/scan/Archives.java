package tansa.exposure.scan;

import org.apache.commons.compress.PasswordRequiredException;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;

/**
 * Lists the members of zip, tar (plain, gzip, bzip2), gzip and 7z archives, copying each to a
 * temporary file for the scanner. Encrypted members are reported, not guessed at.
 */
final class Archives {
    /** Receives each member; the scanner processes it (recursively for nested archives). */
    interface Visitor {
        void member(Attachment member) throws IOException;
    }

    private final Members members;

    Archives(Members members) {
        this.members = members;
    }

    /** Whether a zip holds an office or OpenDocument document rather than a plain archive. */
    static boolean isDocumentZip(Path file) {
        try (ZipFile zf = ZipFile.builder().setPath(file).get()) {
            return zf.getEntry("[Content_Types].xml") != null || zf.getEntry("mimetype") != null
                    || zf.getEntry("META-INF/manifest.xml") != null && zf.getEntry("content.xml") != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    void zip(Path file, Visitor v) throws IOException {
        try (ZipFile zf = ZipFile.builder().setPath(file).get()) {
            Enumeration<ZipArchiveEntry> en = zf.getEntriesInPhysicalOrder();
            while (en.hasMoreElements()) {
                ZipArchiveEntry e = en.nextElement();
                if (e.isDirectory() || e.isUnixSymlink()) {
                    continue;
                }
                String name = e.getName();
                if (e.getGeneralPurposeBit().usesEncryption()) {
                    v.member(new Attachment(name, null, Math.max(e.getSize(), 0), null, FileStatus.PASSWORD_PROTECTED,
                            "zip member is encrypted (password-protected)"));
                    continue;
                }
                if (!zf.canReadEntryData(e)) {
                    v.member(new Attachment(name, null, Math.max(e.getSize(), 0), null, FileStatus.CORRUPTED,
                            "unsupported zip compression method " + e.getMethod()));
                    continue;
                }
                Attachment a;
                try (InputStream in = zf.getInputStream(e)) {
                    a = members.copy(name, in, e.getCompressedSize());
                } catch (IOException | RuntimeException ex) {
                    a = new Attachment(name, null, Math.max(e.getSize(), 0), null, FileStatus.CORRUPTED,
                            "cannot read zip member: " + Problems.brief(ex));
                }
                v.member(a);
            }
        }
    }

    void tar(Path file, Kind compression, Visitor v) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             InputStream un = decompress(raw, compression);
             TarArchiveInputStream tar = new TarArchiveInputStream(un)) {
            entries(tar, v);
        }
    }

    private static InputStream decompress(InputStream raw, Kind k) throws IOException {
        switch (k) {
            case GZIP:
                return new GzipCompressorInputStream(raw, true);
            case BZIP2:
                return new BZip2CompressorInputStream(raw, true);
            default:
                return raw;
        }
    }

    private void entries(ArchiveInputStream<?> in, Visitor v) throws IOException {
        ArchiveEntry e;
        while ((e = in.getNextEntry()) != null) {
            if (e.isDirectory()) {
                continue;
            }
            if (e instanceof org.apache.commons.compress.archivers.tar.TarArchiveEntry t && !t.isFile()) {
                continue;
            }
            Attachment a;
            try {
                a = members.copy(e.getName(), in, -1);
            } catch (IOException ex) {
                v.member(new Attachment(e.getName(), null, Math.max(e.getSize(), 0), null, FileStatus.CORRUPTED,
                        "cannot read tar member: " + Problems.brief(ex)));
                throw ex;
            }
            v.member(a);
        }
    }

    /** A compressed single file (x.gz, x.bz2): one member named without the suffix. */
    void single(Path file, String name, Kind compression, Visitor v) throws IOException {
        String inner = name;
        int slash = inner.lastIndexOf('/');
        inner = slash >= 0 ? inner.substring(slash + 1) : inner;
        String lower = inner.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz") || lower.endsWith(".bz2")) {
            inner = inner.substring(0, inner.lastIndexOf('.'));
        }
        long compressed = Files.size(file);
        Attachment a;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             InputStream un = decompress(raw, compression)) {
            a = members.copy(inner, un, compressed);
        }
        v.member(a);
    }

    void sevenZ(Path file, Visitor v) throws IOException {
        try (SevenZFile z = SevenZFile.builder().setPath(file).get()) {
            SevenZArchiveEntry e;
            while ((e = z.getNextEntry()) != null) {
                if (e.isDirectory() || !e.hasStream()) {
                    continue;
                }
                Attachment a;
                try (InputStream in = z.getInputStream(e)) {
                    a = members.copy(e.getName(), in, -1);
                } catch (PasswordRequiredException ex) {
                    a = new Attachment(e.getName(), null, e.getSize(), null, FileStatus.PASSWORD_PROTECTED, "7z member is encrypted (password-protected)");
                } catch (IOException ex) {
                    a = new Attachment(e.getName(), null, e.getSize(), null, FileStatus.CORRUPTED, "cannot read 7z member: " + Problems.brief(ex));
                }
                v.member(a);
            }
        }
    }

    /**
     * Splits an mbox (RFC 4155) into its messages, each a member {@code message-N.eml} that the
     * mail parser then reads with its own charset and attachments; ">From " lines are unescaped.
     * (Tika's MboxParser garbled UTF-8 bodies in our tests: some kana became U+FFFD.)
     */
    void mbox(Path file, Visitor v) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            java.io.ByteArrayOutputStream msg = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            int n = 0;
            boolean started = false;
            boolean previousBlank = true;
            int c;
            do {
                c = in.read();
                if (c >= 0) {
                    line.write(c);
                }
                if (c == '\n' || c < 0 && line.size() > 0) {
                    byte[] l = line.toByteArray();
                    line.reset();
                    boolean from = l.length >= 5 && l[0] == 'F' && l[1] == 'r' && l[2] == 'o' && l[3] == 'm' && l[4] == ' ';
                    if (from && (previousBlank || !started)) {
                        if (started) {
                            v.member(members.copy("message-" + (++n) + ".eml", new java.io.ByteArrayInputStream(msg.toByteArray()), -1));
                            msg.reset();
                        }
                        started = true;
                    } else if (started) {
                        int skip = l.length >= 6 && l[0] == '>' && isFrom(l, 1) ? 1 : 0;
                        msg.write(l, skip, l.length - skip);
                        if (msg.size() > MAX_MESSAGE) {
                            throw new IOException("message " + (n + 1) + " longer than " + MAX_MESSAGE + " bytes");
                        }
                    }
                    previousBlank = l.length == 1 || l.length == 2 && l[0] == '\r';
                }
            } while (c >= 0);
            if (started) {
                v.member(members.copy("message-" + (++n) + ".eml", new java.io.ByteArrayInputStream(msg.toByteArray()), -1));
            }
        }
    }

    private static final int MAX_MESSAGE = 256 << 20;

    private static boolean isFrom(byte[] l, int at) {
        int k = at;
        while (k < l.length && l[k] == '>') {
            k++;
        }
        return l.length >= k + 5 && l[k] == 'F' && l[k + 1] == 'r' && l[k + 2] == 'o' && l[k + 3] == 'm' && l[k + 4] == ' ';
    }

    enum Kind { NONE, GZIP, BZIP2 }
}
