package tansa.exposure.scan;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
