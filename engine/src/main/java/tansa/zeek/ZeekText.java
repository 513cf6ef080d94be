package tansa.zeek;

/**
 * Zeek's string values as its JSON writer prints them, from the TSV form's escaped bytes.
 *
 * <p>The TSV writer escapes a backslash as {@code \\} and any other byte it will not write raw
 * (the separators, control bytes, bytes that are not UTF-8) as {@code \xHH}. The JSON writer
 * writes printable ASCII, valid UTF-8 and the controls JSON can escape ({@code \b \f \n \r \t})
 * as characters, and every other byte as the four characters {@code \xHH} (see Zeek's
 * {@code util::json_escape_utf8}): so TSV {@code \x0a} is a line feed in JSON, while TSV
 * {@code \x00} stays the text {@code \x00}. Decoding the TSV escapes and re-encoding the bytes
 * that way gives the JSON form's string exactly.
 *
 * <p>Not thread-safe: one instance per reader, its buffers reused from value to value.
 */
final class ZeekText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private byte[] bytes = new byte[256];
    private final StringBuilder out = new StringBuilder(256);

    /** The value of the escaped bytes {@code b[from, to)}. */
    String decode(byte[] b, int from, int to) {
        if (plain(b, from, to)) {
            return new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        if (bytes.length < to - from) {
            bytes = new byte[Math.max(to - from, bytes.length * 2)];
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '\\' && i + 1 < to) {
                if (b[i + 1] == '\\') {
                    bytes[n++] = '\\';
                    i++;
                    continue;
                }
                if (b[i + 1] == 'x' && i + 3 < to) {
                    int hi = hex(b[i + 2]);
                    int lo = hex(b[i + 3]);
                    if (hi >= 0 && lo >= 0) {
                        bytes[n++] = (byte) (hi << 4 | lo);
                        i += 3;
                        continue;
                    }
                }
            }
            bytes[n++] = c;
        }
        return render(bytes, n);
    }

    /** Printable ASCII with no backslash: the text is the bytes. */
    private static boolean plain(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c < 0x20 || c >= 0x7f || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private String render(byte[] b, int n) {
        out.setLength(0);
        int i = 0;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                out.append((char) c);
                i++;
                continue;
            }
            int len = c >= 0x80 ? utf8Length(b, i, n) : 0;
            if (len == 0) {
                out.append('\\').append('x').append(HEX[c >> 4]).append(HEX[c & 15]);
                i++;
                continue;
            }
            int cp = len == 2 ? (c & 0x1f) << 6 | b[i + 1] & 0x3f
                    : len == 3 ? (c & 0x0f) << 12 | (b[i + 1] & 0x3f) << 6 | b[i + 2] & 0x3f
                    : (c & 0x07) << 18 | (b[i + 1] & 0x3f) << 12 | (b[i + 2] & 0x3f) << 6 | b[i + 3] & 0x3f;
            out.appendCodePoint(cp);
            i += len;
        }
        return out.toString();
    }

    /** The length of the well-formed UTF-8 sequence at {@code i} (RFC 3629), or 0. */
    private static int utf8Length(byte[] b, int i, int n) {
        int c = b[i] & 0xff;
        int len;
        int min;
        if (c >= 0xc2 && c <= 0xdf) {
            len = 2;
            min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3;
            min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + len > n) {
            return 0;
        }
        int cp = c & (0x7f >> len);
        for (int k = 1; k < len; k++) {
            int t = b[i + k] & 0xff;
            if ((t & 0xc0) != 0x80) {
                return 0;
            }
            cp = cp << 6 | t & 0x3f;
        }
        if (cp < min || cp > 0x10ffff || cp >= 0xd800 && cp <= 0xdfff) {
            return 0;
        }
        return len;
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
