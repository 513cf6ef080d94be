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
        return decode(b, off, byteLength, new byte[byteLength >>> 1]);
    }

    /** As {@link #decode(byte[], int, int)}, with a scratch buffer of at least byteLength/2 bytes. */
    static String decode(byte[] b, int off, int byteLength, byte[] scratch) {
        int n = byteLength >>> 1;
        byte[] latin = scratch;
        int high = 0;
        for (int i = 0, p = off; i < n; i++, p += 2) {
            latin[i] = b[p];
            high |= b[p + 1];
        }
        if (high == 0) {
            return new String(latin, 0, n, StandardCharsets.ISO_8859_1);
        }
        char[] c = new char[n];
        for (int i = 0, p = off; i < n; i++, p += 2) {
            c[i] = (char) ((b[p] & 0xff) | (b[p + 1] & 0xff) << 8);
        }
        return new String(c);
    }
}
