package tansa.exposure.detect;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding against the encoders that wrote the text, on random text with a printed seed. */
class EncodedTextTest {
    private static final String ALPHABET = "abcXYZ019 .,:-@/秘社外個人番号マイナンバー😀\u00e9";

    private static String random(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < n) {
            int k = r.nextInt(ALPHABET.length());
            char c = ALPHABET.charAt(k);
            if (Character.isHighSurrogate(c)) {
                sb.append(c).append(ALPHABET.charAt(k + 1));
            } else if (!Character.isLowSurrogate(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c > 0x7E ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    private static String refs(String s, Random r) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> sb.append(cp > 0x7E || cp == '@' ? (r.nextBoolean() ? "&#" + cp + ";" : "&#x" + Integer.toHexString(cp) + ";")
                : String.valueOf((char) cp)));
        return sb.toString();
    }

    private static String percent(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            sb.append(b < 0 || b == '@' || b == ' ' ? String.format(Locale.ROOT, "%%%02X", b & 0xFF) : String.valueOf((char) b));
        }
        return sb.toString();
    }

    private static String qp(String s) {
        StringBuilder sb = new StringBuilder();
        int col = 0;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            String piece = b < 0 || b == '=' ? String.format(Locale.ROOT, "=%02X", b & 0xFF) : String.valueOf((char) b);
            if (col + piece.length() > 75) {
                sb.append("=\r\n");
                col = 0;
            }
            sb.append(piece);
            col += piece.length();
        }
        return sb.toString();
    }

    /** RFC 2047: a long text as several encoded words of whole characters, separated by folding blanks. */
    private static String encodedWords(String s) {
        StringBuilder sb = new StringBuilder();
        int[] cps = s.codePoints().toArray();
        for (int from = 0; from < cps.length; from += 12) {
            String piece = new String(cps, from, Math.min(12, cps.length - from));
            if (from > 0) {
                sb.append(from % 24 == 0 ? "\r\n " : " ");
            }
            sb.append("=?UTF-8?B?").append(java.util.Base64.getEncoder().encodeToString(piece.getBytes(StandardCharsets.UTF_8))).append("?=");
        }
        return sb.toString();
    }

    private static String decode(String encoded, int flags, EncodedText e) {
        e.reset();
        char[] b = encoded.toCharArray();
        e.decode(b, 0, b.length, flags);
        for (int k = 1; k < e.n; k++) {
            assertTrue(e.map[k] >= e.map[k - 1] && e.map[k] < b.length, "positions in order and inside the source");
        }
        return new String(e.out, 0, e.n);
    }

    @Test
    void decodesWhatEachEncoderWrote() {
        long seed = new Random().nextLong();
        System.out.println("EncodedTextTest seed " + seed);
        Random r = new Random(seed);
        EncodedText e = new EncodedText();
        for (int round = 0; round < 500; round++) {
            String s = random(r, 1 + r.nextInt(200));
            String where = "seed " + seed + " round " + round + " text '" + s + "'";
            assertEquals(s, decode(json(s), EncodedText.JSON, e), where);
            assertEquals(s, decode(refs(s, r), 0, e), where);
            assertEquals(s, decode(percent(s), 0, e), where);
            assertEquals(s, decode(qp(s), EncodedText.QP, e), where);
            assertEquals(s, decode(encodedWords(s), 0, e), where);
        }
    }

    @Test
    void leavesWhatIsNoEscapeAsItIs() {
        EncodedText e = new EncodedText();
        String plain = "50% off & more; C:\\temp\\new a=BE b==2 &nosuch; &#; %G1 =?x \\u12";
        assertEquals(plain, decode(plain, 0, e));
        assertEquals("C:\\temp\n\"x\"", decode("C:\\\\temp\\n\\\"x\\\"", EncodedText.JSON, e));
        assertEquals("ab", decode("a=\r\nb", EncodedText.QP, e));
        assertEquals("日本 語", decode("=?UTF-8?B?5pel5pys?= =?UTF-8?B??= =?UTF-8?Q?_=E8=AA=9E?=", 0, e));
    }
}
