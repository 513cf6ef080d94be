package tansa.sigma.match;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A long class repeat at top level is a necessary condition: no value the regex finds a match in lacks the run. */
class ClassRunTest {
    private static final String SNAKE = "\\s[a-fA-F0-9]{64}\\s[a-fA-F0-9]{16}";

    @Test
    void snakesHashArgumentNeedsSixtyFourHexCharacters() {
        ClassRun r = ClassRun.of(SNAKE, false);
        assertNotNull(r);
        assertEquals(64, r.length());
        String hash = "0123456789abcdef".repeat(4);
        assertTrue(r.presentIn("jpsetup.exe " + hash + " 0123456789ABCDEF"));
        assertFalse(r.presentIn("C:\\Windows\\system32\\cmd.exe /c whoami " + hash.substring(1)));
    }

    @Test
    void repeatsInsideGroupsOrAlternativesOrTooShortGiveNothing() {
        assertNull(ClassRun.of("(?:[a-f]{64})?x", false));
        assertNull(ClassRun.of("[a-f]{64}|x", false));
        assertNull(ClassRun.of("[a-f]{4}", false));
        assertNull(ClassRun.of("[^a-f]{64}", false));
        assertEquals(12, ClassRun.of("\\\\[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{12}\\.txt$", false).length());
        assertEquals(10, ClassRun.of("\\d{10,}", false).length());
    }

    @Test
    void caseInsensitivePatternsCountBothCases() {
        assertTrue(ClassRun.of("(?i)[a-f]{8}", false).presentIn("ABCDEFAB"));
        assertTrue(ClassRun.of("[a-f]{8}", true).presentIn("ABCDEFAB"));
        assertFalse(ClassRun.of("[a-f]{8}", false).presentIn("ABCDEFAB"));
        assertTrue(ClassRun.of("[a-k]{8}", true).presentIn("abcdefg\u212a")); // the Kelvin sign folds to k
    }

    @Property(tries = 2000)
    void neverRejectsAValueTheRegexMatches(@ForAll long seed) {
        Random r = new Random(seed);
        String[] atoms = {"[a-c]{8}", "[ab]{9,}", "\\d{8}", "\\w{8,12}", "x", "[a-c]+", "(?:[a-c]{8})?", "\\s", "."};
        StringBuilder re = new StringBuilder(r.nextBoolean() ? "(?i)" : "");
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
            re.append(atoms[r.nextInt(atoms.length)]);
        }
        ClassRun run = ClassRun.of(re.toString(), false);
        Pattern p = Pattern.compile(re.toString(), Pattern.UNICODE_CASE);
        for (int k = 0; k < 50; k++) {
            StringBuilder s = new StringBuilder();
            for (int i = 0, n = r.nextInt(60); i < n; i++) {
                s.append("abcABC019x _\u212aaaaa".charAt(r.nextInt(17)));
            }
            if (run != null && p.matcher(s).find()) {
                assertTrue(run.presentIn(s.toString()), "seed " + seed + ": /" + re + "/ matched '" + s + "'");
            }
        }
    }
}
