package tansa.exposure.scan;

import tansa.exposure.detect.TextScanner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Plain text without a parser: the charset is chosen from a sample (BOM, strict UTF-8, ISO-2022-JP
 * escapes, Shift_JIS vs EUC-JP byte ranges, UTF-16 zero bytes) and the whole stream is decoded in
 * 64 KiB pieces into the detectors, so a file of any size costs constant memory.
 */
final class PlainText {
    static final Charset SHIFT_JIS = Charset.forName("windows-31j");
    static final Charset EUC_JP = Charset.forName("EUC-JP");
    static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private PlainText() {
    }

    static Charset detect(byte[] b, int n) {
        if (Sniffer.starts(b, n, 0xEF, 0xBB, 0xBF)) {
            return StandardCharsets.UTF_8;
        }
        if (Sniffer.starts(b, n, 0xFF, 0xFE)) {
            return StandardCharsets.UTF_16LE;
        }
        if (Sniffer.starts(b, n, 0xFE, 0xFF)) {
            return StandardCharsets.UTF_16BE;
        }
        if (Sniffer.utf16(b, n)) {
            int zerosOdd = 0;
            for (int k = 1; k < Math.min(n, 4096); k += 2) {
                if (b[k] == 0) {
                    zerosOdd++;
                }
            }
            return zerosOdd > 0 ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
        }
        boolean high = false;
        for (int k = 0; k < n; k++) {
            if (b[k] == 0x1B && k + 2 < n && b[k + 1] == '$' && (b[k + 2] == 'B' || b[k + 2] == '@')) {
                return ISO_2022_JP;
            }
            if (b[k] < 0) {
                high = true;
            }
        }
        if (!high || Utf8.malformedAt(b, 0, n, n == Sniffer.SAMPLE) < 0) {
            return StandardCharsets.UTF_8;
        }
        boolean sjis = decodes(SHIFT_JIS, b, n);
        boolean euc = decodes(EUC_JP, b, n);
        if (sjis && euc) {
            // Both read: bytes 0x81-0x9F (but 0x8E/0x8F, EUC's single shifts) lead only Shift_JIS pairs.
            for (int k = 0; k < n; k++) {
                int c = b[k] & 0xFF;
                if (c >= 0x81 && c <= 0x9F && c != 0x8E && c != 0x8F) {
                    return SHIFT_JIS;
                }
            }
            return EUC_JP;
        }
        if (sjis) {
            return SHIFT_JIS;
        }
        if (euc) {
            return EUC_JP;
        }
        return WINDOWS_1252;
    }

    /** Strict decode of the sample; a multi-byte character cut at the end of the sample is allowed. */
    private static boolean decodes(Charset cs, byte[] b, int n) {
        CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int end = n;
        if (n == Sniffer.SAMPLE) {
            // Trim to the last line break so no character is cut.
            int k = n - 1;
            while (k > n - 4096 && k > 0 && b[k] != '\n') {
                k--;
            }
            end = k + 1;
        }
        try {
            d.decode(ByteBuffer.wrap(b, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Decodes the stream (any charset but UTF-8, which {@link #readUtf8} reads) into the scanner,
     * malformed bytes becoming U+FFFD, and feeds every byte to {@code digest} (may be null) on the
     * way: one read of the file for both.
     */
    static void read(InputStream in, Charset cs, TextScanner scanner, MessageDigest digest) throws IOException {
        CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        byte[] bytes = new byte[1 << 16];
        ByteBuffer bb = ByteBuffer.wrap(bytes);
        CharBuffer cb = CharBuffer.allocate(1 << 16);
        char[] chars = cb.array();
        bb.limit(0);
        boolean eof = false;
        while (!eof) {
            bb.compact();
            int n = in.read(bytes, bb.position(), bb.remaining());
            if (n < 0) {
                eof = true;
            } else {
                if (digest != null) {
                    update(digest, bytes, bb.position(), n);
                }
                bb.position(bb.position() + n);
            }
            bb.flip();
            CoderResult r;
            do {
                r = d.decode(bb, cb, eof);
                scanner.append(chars, 0, cb.position());
                cb.clear();
            } while (r.isOverflow());
        }
        while (d.flush(cb).isOverflow()) {
            scanner.append(chars, 0, cb.position());
            cb.clear();
        }
        scanner.append(chars, 0, cb.position());
        scanner.finish();
    }

    /**
     * Decodes UTF-8 text into the scanner: {@code reader} reads, hashes into {@code digest} (may be
     * null: the SHA-256 is known) and decodes, on its own thread while this one scans or inline.
     */
    static void readUtf8(InputStream in, TextScanner scanner, Utf8Reader reader, MessageDigest digest) throws IOException {
        reader.read(in, digest, scanner);
        scanner.finish();
    }

    /**
     * Hashes in 8 KiB slices: HotSpot's SHA-256 intrinsic applies only once C2 has compiled
     * MessageDigest.update, which takes some ten thousand calls; 64 KiB calls kept a scan of
     * 300 MB on the slower Java code (a third of the scan's time).
     */
    static void update(MessageDigest digest, byte[] b, int off, int len) {
        for (int k = 0; k < len; k += 8192) {
            digest.update(b, off + k, Math.min(8192, len - k));
        }
    }
}
