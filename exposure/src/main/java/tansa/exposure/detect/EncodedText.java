package tansa.exposure.detect;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Decodes the text that a file holds in encoded form, for the detectors to read: JSON string
 * escapes ({@code \u79d8}, and {@code \n \t \" \\ \/} in a JSON segment), XML/HTML character
 * references and the common named entities ({@code &#x79D8; &#31192; &amp; &lt;}), URL
 * percent-encoding ({@code %E7%A7%98}, UTF-8, else Shift_JIS), quoted-printable ({@code =E7=A7=98}
 * and soft line breaks) and RFC 2047 encoded words ({@code =?UTF-8?B?...?=}, {@code ?Q?}).
 *
 * <p>Each decoded character remembers where its escape started in the source, so a finding in the
 * decoded text is reported at its place in the file. Buffers are reused; not thread-safe (one per
 * {@link TextScanner}).
 */
final class EncodedText {
    /** Backslash escapes other than {@code \\u} are decoded (the segment is JSON). */
    static final int JSON = 1;
    /** Quoted-printable {@code =XX} and soft line breaks are decoded (the segment is QP). */
    static final int QP = 2;

    private static final Map<String, Character> ENTITIES = Map.ofEntries(
            Map.entry("amp", '&'), Map.entry("lt", '<'), Map.entry("gt", '>'), Map.entry("quot", '"'), Map.entry("apos", '\''),
            Map.entry("nbsp", '\u00A0'), Map.entry("copy", '\u00A9'), Map.entry("reg", '\u00AE'), Map.entry("yen", '\u00A5'),
            Map.entry("ndash", '\u2013'), Map.entry("mdash", '\u2014'), Map.entry("middot", '\u00B7'), Map.entry("sect", '\u00A7'),
            Map.entry("laquo", '\u00AB'), Map.entry("raquo", '\u00BB'), Map.entry("hellip", '\u2026'), Map.entry("bull", '\u2022'));
    private static final Charset SHIFT_JIS = Charset.forName("windows-31j");

    char[] out = new char[1024];
    int[] map = new int[1024];
    int n;
    private byte[] bytes = new byte[256];
    private int[] byteAt = new int[256];

    void reset() {
        n = 0;
    }

    static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f';
    }

    private static int hex(char c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }

    private void put(char c, int src) {
        if (n == out.length) {
            out = Arrays.copyOf(out, n * 2);
            map = Arrays.copyOf(map, n * 2);
        }
        out[n] = c;
        map[n] = src;
        n++;
    }

    /** Appends the decoded form of b[from, to). */
    void decode(char[] b, int from, int to, int flags) {
        int k = from;
        while (k < to) {
            char c = b[k];
            int e = -1;
            if (c == '\\' && k + 1 < to) {
                e = backslash(b, k, to, flags);
            } else if (c == '&') {
                e = entity(b, k, to);
            } else if (c == '%' && k + 2 < to && isHex(b[k + 1]) && isHex(b[k + 2])) {
                e = bytes(b, k, to, '%', flags);
            } else if (c == '=' && k + 1 < to) {
                if (b[k + 1] == '?') {
                    e = encodedWord(b, k, to);
                } else if ((flags & QP) != 0) {
                    e = quotedPrintable(b, k, to, flags);
                }
            }
            if (e > k) {
                k = e;
            } else {
                put(c, k);
                k++;
            }
        }
    }

    private int backslash(char[] b, int k, int to, int flags) {
        char e = b[k + 1];
        if (e == 'u') {
            if (k + 5 < to && isHex(b[k + 2]) && isHex(b[k + 3]) && isHex(b[k + 4]) && isHex(b[k + 5])) {
                put((char) (hex(b[k + 2]) << 12 | hex(b[k + 3]) << 8 | hex(b[k + 4]) << 4 | hex(b[k + 5])), k);
                return k + 6;
            }
            return -1;
        }
        if ((flags & JSON) == 0) {
            return -1;
        }
        char d;
        switch (e) {
            case 'n': d = '\n'; break;
            case 't': d = '\t'; break;
            case 'r': d = '\r'; break;
            case '"': d = '"'; break;
            case '\\': d = '\\'; break;
            case '/': d = '/'; break;
            default: return -1;
        }
        put(d, k);
        return k + 2;
    }

    /** End of the character reference or entity at k, or -1: {@code &#NNN; &#xHH; &name;}. */
    static int entityEnd(char[] b, int k, int to) {
        int lim = Math.min(to, k + 12);
        int q = k + 1;
        if (q < lim && b[q] == '#') {
            q++;
            boolean hexRef = q < lim && (b[q] | 0x20) == 'x';
            if (hexRef) {
                q++;
            }
            int digits = q;
            while (q < lim && (hexRef ? isHex(b[q]) : b[q] >= '0' && b[q] <= '9')) {
                q++;
            }
            return q > digits && q < lim && b[q] == ';' ? q + 1 : -1;
        }
        int name = q;
        while (q < lim && (b[q] >= 'a' && b[q] <= 'z' || b[q] >= 'A' && b[q] <= 'Z')) {
            q++;
        }
        if (q == name || q >= lim || b[q] != ';' || !ENTITIES.containsKey(new String(b, name, q - name))) {
            return -1;
        }
        return q + 1;
    }

    private int entity(char[] b, int k, int to) {
        int e = entityEnd(b, k, to);
        if (e < 0) {
            return -1;
        }
        if (b[k + 1] == '#') {
            boolean hexRef = (b[k + 2] | 0x20) == 'x';
            int cp = 0;
            for (int q = k + (hexRef ? 3 : 2); q < e - 1; q++) {
                cp = hexRef ? cp * 16 + hex(b[q]) : cp * 10 + (b[q] - '0');
                if (cp > Character.MAX_CODE_POINT) {
                    return -1;
                }
            }
            if (Character.isBmpCodePoint(cp)) {
                put((char) cp, k);
            } else {
                put(Character.highSurrogate(cp), k);
                put(Character.lowSurrogate(cp), k);
            }
            return e;
        }
        put(ENTITIES.get(new String(b, k + 1, e - k - 2)), k);
        return e;
    }

    private void addByte(int v, int src, int count) {
        if (count == bytes.length) {
            bytes = Arrays.copyOf(bytes, count * 2);
            byteAt = Arrays.copyOf(byteAt, count * 2);
        }
        bytes[count] = (byte) v;
        byteAt[count] = src;
    }

    /** A run of {@code %XX} (or {@code =XX} with soft breaks in QP) as UTF-8, else Shift_JIS. */
    private int bytes(char[] b, int k, int to, char mark, int flags) {
        int count = 0;
        int q = k;
        while (q + 2 < to && b[q] == mark) {
            if (mark == '=' && (b[q + 1] == '\n' || b[q + 1] == '\r')) {
                q += b[q + 1] == '\r' && q + 2 < to && b[q + 2] == '\n' ? 3 : 2;
                continue;
            }
            if (!isHex(b[q + 1]) || !isHex(b[q + 2])) {
                break;
            }
            addByte(hex(b[q + 1]) << 4 | hex(b[q + 2]), q, count++);
            q += 3;
        }
        if (count == 0) {
            return -1;
        }
        if (!utf8(count)) {
            String s = new String(bytes, 0, count, SHIFT_JIS);
            for (int c = 0; c < s.length(); c++) {
                put(s.charAt(c), k);
            }
        }
        return q;
    }

    /** Decodes bytes[0, count) as UTF-8 with each character mapped to its first byte; false if malformed. */
    private boolean utf8(int count) {
        int start = n;
        int p = 0;
        while (p < count) {
            int b0 = bytes[p] & 0xFF;
            int len = b0 < 0x80 ? 1 : b0 >= 0xC2 && b0 < 0xE0 ? 2 : b0 >= 0xE0 && b0 < 0xF0 ? 3 : b0 >= 0xF0 && b0 < 0xF5 ? 4 : 0;
            if (len == 0 || p + len > count) {
                n = start;
                return false;
            }
            int cp = len == 1 ? b0 : b0 & (0xFF >> (len + 1));
            for (int q = 1; q < len; q++) {
                int bq = bytes[p + q] & 0xFF;
                if ((bq & 0xC0) != 0x80) {
                    n = start;
                    return false;
                }
                cp = cp << 6 | (bq & 0x3F);
            }
            if (Character.isBmpCodePoint(cp)) {
                put((char) cp, byteAt[p]);
            } else {
                put(Character.highSurrogate(cp), byteAt[p]);
                put(Character.lowSurrogate(cp), byteAt[p]);
            }
            p += len;
        }
        return true;
    }

    private int quotedPrintable(char[] b, int k, int to, int flags) {
        if (k + 1 < to && (b[k + 1] == '\n' || b[k + 1] == '\r')) {
            return b[k + 1] == '\r' && k + 2 < to && b[k + 2] == '\n' ? k + 3 : k + 2; // soft line break
        }
        return k + 2 < to && isHex(b[k + 1]) && isHex(b[k + 2]) ? bytes(b, k, to, '=', flags) : -1;
    }

    /** End of an RFC 2047 encoded word at k ({@code =?charset?B|Q?text?=}), decoding it; -1 if none. */
    private int encodedWord(char[] b, int k, int to) {
        int lim = Math.min(to, k + 256);
        int q1 = indexOf(b, '?', k + 2, lim);
        if (q1 < 0 || q1 + 2 >= lim || b[q1 + 2] != '?') {
            return -1;
        }
        char enc = (char) (b[q1 + 1] | 0x20);
        int textStart = q1 + 3;
        int q2 = textStart;
        while (q2 + 1 < lim && !(b[q2] == '?' && b[q2 + 1] == '=')) {
            if (b[q2] <= ' ') {
                return -1;
            }
            q2++;
        }
        if (q2 + 1 >= lim || enc != 'b' && enc != 'q') {
            return -1;
        }
        Charset cs;
        try {
            String name = new String(b, k + 2, q1 - k - 2);
            int star = name.indexOf('*'); // RFC 2231 language suffix
            cs = Charset.forName(star >= 0 ? name.substring(0, star) : name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return -1;
        }
        byte[] raw;
        if (enc == 'b') {
            try {
                raw = Base64.getMimeDecoder().decode(new String(b, textStart, q2 - textStart).getBytes(StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                return -1;
            }
        } else {
            java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
            for (int q = textStart; q < q2; q++) {
                char c = b[q];
                if (c == '_') {
                    o.write(' ');
                } else if (c == '=' && q + 2 < q2 && isHex(b[q + 1]) && isHex(b[q + 2])) {
                    o.write(hex(b[q + 1]) << 4 | hex(b[q + 2]));
                    q += 2;
                } else {
                    o.write(c);
                }
            }
            raw = o.toByteArray();
        }
        String s = new String(raw, cs);
        for (int c = 0; c < s.length(); c++) {
            put(s.charAt(c), k);
        }
        int end = q2 + 2;
        // Blanks between two encoded words are not part of the text (RFC 2047 section 6.2).
        int w = end;
        while (w < to && (b[w] == ' ' || b[w] == '\t' || b[w] == '\r' || b[w] == '\n')) {
            w++;
        }
        return w + 1 < to && b[w] == '=' && b[w + 1] == '?' && w > end ? w : end;
    }

    private static int indexOf(char[] b, char c, int from, int to) {
        for (int k = from; k < to; k++) {
            if (b[k] == c) {
                return k;
            }
            if (b[k] <= ' ') {
                return -1;
            }
        }
        return -1;
    }
}
