package tansa.exposure.scan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A UTF-8 decoder for the plain-text path: a tight loop for ASCII and the usual two- and
 * three-byte forms (the JDK decoder's per-character bookkeeping showed as a quarter of a scan's
 * time on Japanese text). Malformed bytes become U+FFFD one byte at a time, as the JDK's REPLACE
 * action does; overlong forms and surrogates are malformed (RFC 3629 §3).
 */
final class Utf8 {
    /** Eight bytes of an array as one long, little-endian: byte k is bits 8k..8k+7. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Four bytes of an array as one int, little-endian. */
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private Utf8() {
    }

    /**
     * Decodes src[from, to) into dst from 0. Stops before an incomplete sequence at the end unless
     * {@code eof}. Returns the number of bytes consumed in the low 32 bits and chars produced in
     * the high 32 bits. dst must hold at least {@code to - from + 1} chars.
     */
    static long decode(byte[] src, int from, int to, char[] dst, boolean eof) {
        return decode(src, from, to, dst, 0, eof);
    }

    /**
     * As {@link #decode(byte[], int, int, char[], boolean)}, into dst from {@code at}: dst must
     * hold at least {@code at + to - from + 1} chars.
     */
    static long decode(byte[] src, int from, int to, char[] dst, int at, boolean eof) {
        int sp = from;
        int dp = at;
        while (sp < to) {
            int b = src[sp];
            if (b >= 0) {
                // An ASCII run: its end found eight bytes at a time, then copied by a counted loop
                // that C2 unrolls without a test of each byte (the byte-at-a-time loop could not
                // be unrolled: its exit depends on the data).
                int run = asciiEnd(src, sp + 1, to) - sp;
                for (int k = 0; k < run; k++) {
                    dst[dp + k] = (char) src[sp + k];
                }
                dp += run;
                sp += run;
                continue;
            }
            if ((b & 0xF0) == 0xE0 && sp + 4 <= to) {
                // Japanese text: a run of well-formed three-byte sequences, each tested and
                // decoded from one four-byte load (its lead in the low byte).
                int n = 0;
                int w;
                while (sp + 4 <= to && ((w = (int) INTS.get(src, sp)) & 0xC0C0F0) == 0x8080E0) {
                    int cp = (w & 0x0F) << 12 | (w >>> 2) & 0xFC0 | (w >>> 16) & 0x3F;
                    if (cp < 0x800 || (cp & 0xF800) == 0xD800) {
                        break; // overlong or a surrogate: malformed, below
                    }
                    dst[dp + n++] = (char) cp;
                    sp += 3;
                }
                if (n > 0) {
                    dp += n;
                    continue;
                }
            }
            if ((b & 0xF0) == 0xE0 && sp + 2 < to) {
                // A well-formed three-byte sequence at the end of the bytes.
                int b2 = src[sp + 1];
                int b3 = src[sp + 2];
                if ((b2 & 0xC0) == 0x80 && (b3 & 0xC0) == 0x80) {
                    int cp = ((b & 0x0F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
                    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
                        dst[dp++] = (char) cp;
                        sp += 3;
                        continue;
                    }
                }
            }
            int lead = b & 0xFF;
            int form = form(lead);
            if (form == 0) {
                dst[dp++] = '\uFFFD';
                sp++;
                continue;
            }
            // ED A0..BF encodes a surrogate: the JDK replaces the whole sequence, as here below.
            int need = form & 0xFF;
            int lo = (form >>> 8) & 0xFF;
            int hi = form >>> 16;
            // Count the valid continuation bytes: a broken sequence is replaced as one maximal
            // subpart (Unicode §3.9, as the JDK decoder does).
            int valid = 1;
            int cp = lead & (need == 2 ? 0x1F : need == 3 ? 0x0F : 0x07);
            while (valid < need && sp + valid < to) {
                int c = src[sp + valid] & 0xFF;
                if (valid == 1 ? c < lo || c > hi : c < 0x80 || c > 0xBF) {
                    break;
                }
                cp = (cp << 6) | (c & 0x3F);
                valid++;
            }
            if (valid < need) {
                if (sp + valid == to && !eof) {
                    break; // cut by the buffer: finish with the next bytes
                }
                dst[dp++] = '\uFFFD';
                sp += valid;
                continue;
            }
            if (need == 3 && cp >= 0xD800 && cp <= 0xDFFF) {
                dst[dp++] = '\uFFFD';
                sp += 3;
                continue;
            }
            if (need == 4) {
                dst[dp++] = Character.highSurrogate(cp);
                dst[dp++] = Character.lowSurrogate(cp);
            } else {
                dst[dp++] = (char) cp;
            }
            sp += need;
        }
        return ((long) (dp - at) << 32) | (sp - from);
    }

    /**
     * Where the run of ASCII bytes from {@code from} ends, at most {@code to} ({@code from <= to}).
     * The words are counted down rather than compared with {@code to - 8}: that loop's limit
     * check failed once in C2's compiled code, which threw it away and compiled the decoder again.
     */
    private static int asciiEnd(byte[] src, int from, int to) {
        int k = from;
        for (int words = (to - from) >>> 3; words > 0; words--) {
            long high = (long) LONGS.get(src, k) & 0x8080808080808080L;
            if (high != 0) {
                return k + (Long.numberOfTrailingZeros(high) >>> 3);
            }
            k += 8;
        }
        while (k < to && src[k] >= 0) {
            k++;
        }
        return k;
    }

    /**
     * Where the first malformed sequence of src[from, to) starts, as the JDK's strict decoder
     * would report it (overlong forms and surrogates included), or -1 if there is none. With
     * {@code cutOk} a sequence cut short by {@code to} is not malformed: a sample cut from a file.
     * Charset detection asks this of every file's first 64 KiB; the JDK decoder allocated and
     * filled a buffer of characters for it: 34 ms of a 1 GB scan of 234 files, against 21 ms here.
     */
    static int malformedAt(byte[] src, int from, int to, boolean cutOk) {
        int i = from;
        while (i < to) {
            int lead = src[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int form = form(lead);
            if (form == 0) {
                return i;
            }
            int need = form & 0xFF;
            int lo = (form >>> 8) & 0xFF;
            int hi = lead == 0xED ? 0x9F : form >>> 16; // not a surrogate
            for (int k = 1; k < need; k++) {
                if (i + k >= to) {
                    return cutOk ? -1 : i;
                }
                int c = src[i + k] & 0xFF;
                if (k == 1 ? c < lo || c > hi : c < 0x80 || c > 0xBF) {
                    return i;
                }
            }
            i += need;
        }
        return -1;
    }

    /**
     * The sequence a lead byte starts (RFC 3629 §4): its length in bits 0-7, the least and the
     * greatest second byte in bits 8-15 and 16-23 (overlong forms and code points past U+10FFFF
     * excluded; surrogates, ED A0..BF, left to the caller); 0 for a byte that leads none.
     */
    private static int form(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2 | 0x80 << 8 | 0xBF << 16;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3 | (lead == 0xE0 ? 0xA0 : 0x80) << 8 | 0xBF << 16;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 4 | (lead == 0xF0 ? 0x90 : 0x80) << 8 | (lead == 0xF4 ? 0x8F : 0xBF) << 16;
        }
        return 0;
    }
}
