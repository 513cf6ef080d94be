package tansa.sigma.match;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The regex shortcuts agree with re2j (which decides every regex) on random text. */
class RegexShortcutTest {
    private static final String[] PATTERNS = {
            "\\+.*\\+.*\\+.*\\+",
            "(?i)cmd.*/c.*powershell",
            "(?s)a.*b.*c",
            "(?is)Get-.*-Path",
            "ab.*\\..*c",
            ".*x.*",
            "^[A-Za-z0-9]{16}$",
            "^[a-f0-9]{4,8}$",
            "(?i)^[a-c]{2,}$",
    };
    private static final String ALPHABET = "abcxABCX+-./ \n\u212Aks0123Kgetpah\u017F";

    @Test
    void agreesWithRe2jOnRandomText() {
        long seed = System.nanoTime();
        System.out.println("RegexShortcutTest seed " + seed);
        Random r = new Random(seed);
        for (String p : PATTERNS) {
            Pattern re = Pattern.compile(p);
            RegexShortcut s = RegexShortcut.of(re.pattern(), re.flags());
            assertNotNull(s, p);
            for (int i = 0; i < 20_000; i++) {
                StringBuilder sb = new StringBuilder();
                int n = r.nextInt(24);
                for (int k = 0; k < n; k++) {
                    sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                }
                String text = sb.toString();
                int got = s.find(text);
                if (got != RegexShortcut.UNDECIDED) {
                    assertEquals(re.matcher(text).find(), got == RegexShortcut.YES,
                            () -> "pattern " + p + " on " + text.replace("\n", "\\n") + " (seed " + seed + ")");
                }
            }
        }
    }

    @Test
    void leavesOtherShapesToTheRegexEngines() {
        assertNull(RegexShortcut.of("a.*\\w+", 0));
        assertNull(RegexShortcut.of("(a|b).*c", 0));
        assertNull(RegexShortcut.of("abc", 0));
        assertNull(RegexShortcut.of("a.*?b", 0));
        assertNull(RegexShortcut.of("^[^a]{3}$", 0));
        assertNull(RegexShortcut.of("(?m)a.*b", 0));
    }

    @Test
    void decidesLongValuesInLinearTime() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append(i % 3 == 0 ? '+' : 'x');
        }
        sb.setLength(sb.length() - 1);
        RegexShortcut s = RegexShortcut.of("\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+", 0);
        assertEquals(RegexShortcut.YES, s.find(sb.toString()));
        assertEquals(RegexShortcut.NO, s.find("+x+x+\n+x+"));
    }
}
