package tansa.exposure.scan;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written decoder against the JDK's, on random valid and broken byte strings. */
class Utf8Test {
    private static String jdk(byte[] b) throws Exception {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(b)).toString();
    }

    private static String ours(byte[] b, int chunk) {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[chunk + 4];
        char[] out = new char[chunk + 8];
        int keep = 0;
        int pos = 0;
        while (true) {
            int n = Math.min(chunk, b.length - pos);
            System.arraycopy(b, pos, buf, keep, n);
            pos += n;
            int end = keep + n;
            boolean eof = pos == b.length;
            long r = Utf8.decode(buf, 0, end, out, eof);
            sb.append(out, 0, (int) (r >>> 32));
            keep = end - (int) r;
            System.arraycopy(buf, (int) r, buf, 0, keep);
            if (eof) {
                return sb.toString();
            }
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomInput() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("Utf8Test seed " + seed);
        Random r = new Random(seed);
        String sample = "ascii 秘密区分：秘 ０９０ 😀 é ";
        // Lines of English, in chunks of up to 400 bytes: long ASCII runs cut anywhere.
        String english = "The quarterly report was copied to the external archive server.\n".repeat(3) + "秘";
        // Long runs of Japanese, with the three-byte forms whose second byte has a narrower range:
        // leads E0 (U+0800) and ED (U+D7FF).
        String japanese = "確認したところ対応方針を調査中です。\u0800\uD7FF\uE000\uFFEE本件について";
        for (int round = 0; round < 6000; round++) {
            int kind = round % 3;
            String text = kind == 0 ? sample : kind == 1 ? english : japanese;
            byte[] valid = text.repeat(1 + r.nextInt(5)).getBytes(StandardCharsets.UTF_8);
            if (r.nextBoolean()) {
                valid[r.nextInt(valid.length)] = (byte) r.nextInt(256);
            }
            int chunk = kind == 0 ? 1 + r.nextInt(9) : 1 + r.nextInt(400);
            assertEquals(jdk(valid), ours(valid, chunk), "seed " + seed + " round " + round);
        }
    }

    private static boolean jdkStrict(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void findsMalformedInputWhereTheJdkStrictDecoderDoes() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        String text = "ascii 秘密区分：秘 ０９０ 😀 é \u0800\uD7FF\uE000\uFFEE\uDBFF\uDFFF";
        int invalid = 0;
        for (int round = 0; round < 20000; round++) {
            byte[] b = text.repeat(1 + r.nextInt(3)).getBytes(StandardCharsets.UTF_8);
            // Any byte at any place: overlong leads (C0, C1, E0 80, F0 80), surrogates (ED A0),
            // beyond U+10FFFF (F4 90, F5..FF), stray continuations, cut sequences.
            for (int k = r.nextInt(3); k > 0; k--) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            if (r.nextInt(4) == 0) {
                b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
            }
            boolean ok = jdkStrict(b);
            invalid += ok ? 0 : 1;
            assertEquals(ok, Utf8.malformedAt(b, 0, b.length, false) < 0, "seed " + seed + " round " + round);
        }
        assertTrue(invalid > 5000, "too few malformed cases: " + invalid);
    }

    @Test
    void aSampleMayEndInsideACharacter() {
        byte[] b = "秘密😀 a".getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= b.length; cut++) {
            assertEquals(-1, Utf8.malformedAt(b, 0, cut, true), "cut at " + cut);
        }
        assertEquals(3, Utf8.malformedAt(b, 0, 4, false)); // the 密 cut after its first byte
        byte[] stray = {'o', 'k', (byte) 0x80, (byte) 0xE7};
        assertEquals(2, Utf8.malformedAt(stray, 0, stray.length, true)); // a stray continuation is not a cut
    }
}
