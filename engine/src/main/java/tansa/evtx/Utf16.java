package tansa.evtx;

import java.nio.charset.StandardCharsets;

/**
 * UTF-16LE to String. Most event text is Latin-1, which this builds from the low bytes directly
 * (the JDK's general decoder goes through a CharsetDecoder and was a top cost of decoding).
 * Unpaired surrogates are kept as they are, as the JDK decoder would replace them.
 */
final class Utf16 {
    private Utf16() {
    }

    static String decode(byte[] b, int off, int byteLength) {
        int n = byteLength >>> 1;
        byte high = 0;
        for (int i = 0; i < n; i++) {
            high |= b[off + 2 * i + 1];
        }
        if (high == 0) {
            byte[] latin = new byte[n];
            for (int i = 0; i < n; i++) {
                latin[i] = b[off + 2 * i];
            }
            return new String(latin, StandardCharsets.ISO_8859_1);
        }
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ((b[off + 2 * i] & 0xff) | (b[off + 2 * i + 1] & 0xff) << 8);
        }
        return new String(c);
    }
}
