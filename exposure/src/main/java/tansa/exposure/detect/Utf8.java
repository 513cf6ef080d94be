package tansa.exposure.detect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A UTF-8 decoder for the plain-text path: a tight loop for ASCII and the usual two- and
 * three-byte forms (the JDK decoder's per-character bookkeeping showed as a quarter of a scan's
 * time on Japanese text). Malformed bytes become U+FFFD one byte at a time, as the JDK's REPLACE
 * action does; overlong forms and surrogates are malformed (RFC 3629 §3).
 *
 * <p>{@link #decodeMarking} decodes into a {@link TextScanner}'s window and marks, on the way, the
 * characters at which a detection may start, so that the scanner's loop jumps from mark to mark
 * instead of looking up every character again (issue 16: decoding and that loop were together
 * over half of a single-threaded scan).
 */
public final class Utf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    /**
     * Decodes src[from, to) into dst from 0. Stops before an incomplete sequence at the end unless
     * {@code eof}. Returns the number of bytes consumed in the low 32 bits and chars produced in
     * the high 32 bits. dst must hold at least {@code to - from + 1} chars.
     */
    public static long decode(byte[] src, int from, int to, char[] dst, boolean eof) {
        return decode(src, from, to, dst, 0, eof);
    }

    /**
     * As {@link #decode(byte[], int, int, char[], boolean)}, into dst from {@code at}: dst must
     * hold at least {@code at + to - from + 1} chars.
     */
    public static long decode(byte[] src, int from, int to, char[] dst, int at, boolean eof) {
        int sp = from;
        int dp = at;
        while (sp < to) {
            int b = src[sp];
            if (b >= 0) {
                // A run of ASCII, eight bytes at a time: one load and one test instead of eight
                while (sp <= to - 8) {
                    long w = (long) LONGS.get(src, sp);
                    if ((w & HIGH_BITS) != 0) {
                        break;
                    }
                    inflate(w, dst, dp);
                    sp += 8;
                    dp += 8;
                }
                while (sp < to && (b = src[sp]) >= 0) {
                    dst[dp++] = (char) b;
                    sp++;
                }
                continue;
            }
            // A run of well-formed three-byte sequences (Japanese text), two at a time
            while (true) {
                if (sp <= to - 8) {
                    int two = pair((long) LONGS.get(src, sp));
                    if (two >= 0) {
                        dst[dp] = (char) two;
                        dst[dp + 1] = (char) (two >>> 16);
                        dp += 2;
                        sp += 6;
                        b = src[sp];
                        continue;
                    }
                }
                if ((b & 0xF0) != 0xE0 || sp + 2 >= to) {
                    break;
                }
                int cp = three(b, src[sp + 1], src[sp + 2]);
                if (cp < 0) {
                    break;
                }
                dst[dp++] = (char) cp;
                sp += 3;
                if (sp == to) {
                    break;
                }
                b = src[sp];
            }
            if (sp < to && b < 0) {
                long r = other(src, sp, to, dst, dp, eof);
                if (r < 0) {
                    break; // cut by the buffer: finish with the next bytes
                }
                sp += (int) r;
                dp += (int) (r >>> 32);
            }
        }
        return ((long) (dp - at) << 32) | (sp - from);
    }

    /**
     * As {@link #decode(byte[], int, int, char[], int, boolean)}, and sets in {@code marks} (a bit
     * a position of dst, word {@code p >>> 6}, bit {@code p & 63}; bits at and past {@code at}
     * clear before) the bit of every character at which a detection may start: each character of
     * {@link Triggers}, and perhaps others (ASCII eight at a time is marked as
     * {@link #maybeTriggers} says). marks must hold a word past dst's last.
     */
    static long decodeMarking(byte[] src, int from, int to, char[] dst, int at, boolean eof, long[] marks) {
        final long[] trig = Triggers.BITS;
        int sp = from;
        int dp = at;
        while (sp < to) {
            int b = src[sp];
            if (b >= 0) {
                while (sp <= to - 8) {
                    long w = (long) LONGS.get(src, sp);
                    if ((w & HIGH_BITS) != 0) {
                        break;
                    }
                    long maybe = maybeTriggers(w);
                    if (maybe != 0) {
                        long m = gather(maybe);
                        int s = dp & 63;
                        marks[dp >>> 6] |= m << s;
                        if (s > 56) {
                            marks[(dp >>> 6) + 1] |= m >>> (64 - s); // the bits that cross into the next word
                        }
                    }
                    inflate(w, dst, dp);
                    sp += 8;
                    dp += 8;
                }
                while (sp < to && (b = src[sp]) >= 0) {
                    dst[dp] = (char) b;
                    if ((trig[b >>> 6] & (1L << b)) != 0) {
                        marks[dp >>> 6] |= 1L << dp;
                    }
                    dp++;
                    sp++;
                }
                continue;
            }
            while (true) {
                if (sp <= to - 8) {
                    int two = pair((long) LONGS.get(src, sp));
                    if (two >= 0) {
                        char c0 = (char) two;
                        char c1 = (char) (two >>> 16);
                        dst[dp] = c0;
                        dst[dp + 1] = c1;
                        // a branch rather than an unconditional or: most characters are none, and
                        // a store in every turn made each wait for the previous one to the same word
                        long m = (trig[c0 >>> 6] >>> c0) & 1 | ((trig[c1 >>> 6] >>> c1) & 1) << 1;
                        if (m != 0) {
                            marks[dp >>> 6] |= m << dp;
                            if ((dp & 63) == 63) {
                                marks[(dp >>> 6) + 1] |= m >>> 1;
                            }
                        }
                        dp += 2;
                        sp += 6;
                        b = src[sp];
                        continue;
                    }
                }
                if ((b & 0xF0) != 0xE0 || sp + 2 >= to) {
                    break;
                }
                int cp = three(b, src[sp + 1], src[sp + 2]);
                if (cp < 0) {
                    break;
                }
                dst[dp] = (char) cp;
                if ((trig[cp >>> 6] & (1L << cp)) != 0) {
                    marks[dp >>> 6] |= 1L << dp;
                }
                dp++;
                sp += 3;
                if (sp == to) {
                    break;
                }
                b = src[sp];
            }
            if (sp < to && b < 0) {
                long r = other(src, sp, to, dst, dp, eof);
                if (r < 0) {
                    break;
                }
                sp += (int) r;
                int n = (int) (r >>> 32);
                for (int k = dp; k < dp + n; k++) {
                    char c = dst[k];
                    if ((trig[c >>> 6] & (1L << c)) != 0) {
                        marks[k >>> 6] |= 1L << k;
                    }
                }
                dp += n;
            }
        }
        return ((long) (dp - at) << 32) | (sp - from);
    }

    /**
     * The characters of two well-formed three-byte sequences in the low six bytes of w (the first
     * sequence lowest), the first in the low 16 bits of the result and the second in the high 16;
     * or -1 (neither is then decoded here).
     */
    private static int pair(long w) {
        // leads 1110xxxx at bytes 0 and 3, continuations 10xxxxxx at bytes 1, 2, 4 and 5
        if ((w & 0xC0C0F0C0C0F0L) != 0x8080E08080E0L) {
            return -1;
        }
        int c0 = (int) ((w & 0x0F) << 12 | (w >>> 2) & 0xFC0 | (w >>> 16) & 0x3F);
        long v = w >>> 24;
        int c1 = (int) ((v & 0x0F) << 12 | (v >>> 2) & 0xFC0 | (v >>> 16) & 0x3F);
        // overlong forms (under U+0800) and surrogates are left to the one-at-a-time path
        if (c0 < 0x800 || c1 < 0x800 || (c0 & 0xF800) == 0xD800 || (c1 & 0xF800) == 0xD800) {
            return -1;
        }
        return c0 | c1 << 16;
    }

    /**
     * The character of a well-formed three-byte sequence (b1 a lead E0..EF), or -1: a
     * continuation byte missing, an overlong form or a surrogate, left to {@link #other}.
     */
    private static int three(int b1, int b2, int b3) {
        if (((b2 & 0xC0) ^ 0x80 | (b3 & 0xC0) ^ 0x80) != 0) {
            return -1;
        }
        int cp = ((b1 & 0x0F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
        return cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF) ? cp : -1;
    }

    /** Eight ASCII bytes, w's lowest first, to dst[dp, dp + 8). */
    private static void inflate(long w, char[] dst, int dp) {
        dst[dp] = (char) (w & 0x7F);
        dst[dp + 1] = (char) ((w >>> 8) & 0x7F);
        dst[dp + 2] = (char) ((w >>> 16) & 0x7F);
        dst[dp + 3] = (char) ((w >>> 24) & 0x7F);
        dst[dp + 4] = (char) ((w >>> 32) & 0x7F);
        dst[dp + 5] = (char) ((w >>> 40) & 0x7F);
        dst[dp + 6] = (char) ((w >>> 48) & 0x7F);
        dst[dp + 7] = (char) (w >>> 56);
    }

    /**
     * For eight ASCII bytes, the top bit of each that may start a detection set (see
     * {@link #gather}): every byte but a space or one of a-z and {|}~ DEL other than x (prose is
     * mostly those; Triggers holds none of them, as Utf8Test checks). A byte-wise compare without branches: each byte is under 0x80, so adding at most 0x7F to it
     * never carries into the next, and its top bit tells the result.
     */
    static long maybeTriggers(long w) {
        long atLeastA = w + 0x1F1F1F1F1F1F1F1FL; // top bit: byte >= 'a' (0x61)
        long notX = (w ^ 0x7878787878787878L) + 0x7F7F7F7F7F7F7F7FL; // top bit: byte != 'x'
        long notSpace = (w ^ 0x2020202020202020L) + 0x7F7F7F7F7F7F7F7FL; // top bit: byte != ' '
        return ~((atLeastA & notX) | ~notSpace) & HIGH_BITS;
    }

    /**
     * The top bits of the eight bytes of w (the others clear) gathered into the lowest byte, byte
     * k's to bit k: the partial products of the multiplication are distinct bits, so nothing carries.
     */
    static long gather(long topBits) {
        return ((topBits >>> 7) * 0x0102040810204080L) >>> 56;
    }

    /**
     * A sequence the loops above do not decode at sp: a two- or four-byte form, or a malformed
     * one. Returns bytes consumed in the low 32 bits and chars written at dst[dp] in the high 32,
     * or -1 for a sequence cut by {@code to} short of {@code eof}.
     */
    private static long other(byte[] src, int sp, int to, char[] dst, int dp, boolean eof) {
        int lead = src[sp] & 0xFF;
        int form = form(lead);
        if (form == 0) {
            dst[dp] = '\uFFFD';
            return 1L << 32 | 1;
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
                return -1;
            }
            dst[dp] = '\uFFFD';
            return 1L << 32 | valid;
        }
        if (need == 3 && cp >= 0xD800 && cp <= 0xDFFF) {
            dst[dp] = '\uFFFD';
            return 1L << 32 | 3;
        }
        if (need == 4) {
            dst[dp] = Character.highSurrogate(cp);
            dst[dp + 1] = Character.lowSurrogate(cp);
            return 2L << 32 | 4;
        }
        dst[dp] = (char) cp;
        return 1L << 32 | need;
    }

    /**
     * Where the first malformed sequence of src[from, to) starts, as the JDK's strict decoder
     * would report it (overlong forms and surrogates included), or -1 if there is none. With
     * {@code cutOk} a sequence cut short by {@code to} is not malformed: a sample cut from a file.
     * Charset detection asks this of every file's first 64 KiB; the JDK decoder allocated and
     * filled a buffer of characters for it: 34 ms of a 1 GB scan of 234 files, against 21 ms here.
     */
    public static int malformedAt(byte[] src, int from, int to, boolean cutOk) {
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
