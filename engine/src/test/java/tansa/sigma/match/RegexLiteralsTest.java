package tansa.sigma.match;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prefilter's regex literals are necessary: whenever a regex finds a match, one of them occurs. */
class RegexLiteralsTest {
    private static final String[] ATOMS = {"a", "b", "ab", "`", "\\.", "\\$", "[ab]", "[ab`]", "[\\.b ]", "[aAbB`]", ".", "(a|b)", "(ab)", "\\d", "\\w",
        "(?:ab|ba)", "(ab|b`)", "(?=a)", "(?!ab)", "(a(b|`)|ba)"};
    private static final String[] QUANT = {"", "", "", "?", "*", "+", "{0,2}", "{2}"};

    @Property(tries = 3000)
    void everyMatchContainsOneOfTheLiterals(@ForAll long seed) {
        Random r = new Random(seed);
        StringBuilder re = new StringBuilder(r.nextBoolean() ? "(?i)" : "");
        int branches = 1 + r.nextInt(2);
        for (int b = 0; b < branches; b++) {
            if (b > 0) {
                re.append('|');
            }
            for (int i = 0, n = 1 + r.nextInt(5); i < n; i++) {
                re.append(ATOMS[r.nextInt(ATOMS.length)]).append(QUANT[r.nextInt(QUANT.length)]);
            }
        }
        List<String> lits = RegexLiterals.required(re.toString());
        List<String> ordered = RegexLiterals.orderedRuns(re.toString());
        List<List<String>> sets = RegexLiterals.groupSets(re.toString());
        Pattern p = Pattern.compile(re.toString());
        for (int k = 0; k < 50; k++) {
            StringBuilder s = new StringBuilder();
            for (int i = 0, n = r.nextInt(8); i < n; i++) {
                s.append("aAbB`.$1 x".charAt(r.nextInt(10)));
            }
            String text = s.toString();
            if (p.matcher(text).find()) {
                String low = text.toLowerCase(Locale.ROOT);
                if (lits != null) {
                    assertTrue(lits.stream().anyMatch(low::contains), "seed " + seed + ": /" + re + "/ matched '" + text
                            + "' without any of " + lits);
                }
                if (sets != null) {
                    for (List<String> set : sets) {
                        assertTrue(set.stream().anyMatch(low::contains), "seed " + seed + ": /" + re + "/ matched '" + text
                                + "' without any of " + set);
                    }
                }
                if (ordered != null) {
                    int at = 0;
                    for (String run : ordered) {
                        int found = low.indexOf(run, at);
                        assertTrue(found >= 0, "seed " + seed + ": /" + re + "/ matched '" + text + "' without the runs " + ordered
                                + " in order");
                        at = found + run.length();
                    }
                }
            }
        }
    }

    @Test
    void literalsOfTypicalSigmaPatterns() {
        assertEquals(List.of("$pshome["), RegexLiterals.required("\\$PSHome\\[\\s*\\d{1,3}\\s*\\]\\s*\\+\\s*\\$PSHome\\["));
        assertEquals(List.of("`"), RegexLiterals.required("\\w+`(?:\\w+|-|.)`[\\w+|\\s]"));
        assertEquals(List.of(" -destination "), RegexLiterals.required("(Copy-Item|cpi) .{2,128} -Destination .{1,32}\\\\Windows"));
        assertEquals(List.of("ab", "cd"), RegexLiterals.required("ab|cd"));
        // a small class continues a run as its characters' alternation
        assertEquals(List.of(". ", ".\"", ".'"), RegexLiterals.required("\\\\[a-zA-Z0-9]{1,32}\\.[a-zA-Z0-9]{1,6}\\.[ \"']{1}"));
        assertEquals(List.of("x-a", "x_a"), RegexLiterals.required("x[\\-_]a\\d"));
        assertNull(RegexLiterals.required("[^ab]c"));
        assertNull(RegexLiterals.required("a|\\d+"));
        assertNull(RegexLiterals.required("(abc)"));
        assertEquals(List.of("+", "+", "+"), RegexLiterals.orderedRuns("\\+.*\\+.*\\+"));
        assertEquals(List.of("&&", "set", "&&", "\""), RegexLiterals.orderedRuns("(?i)(set).*&&\\s?set.*(environment|invoke).*&&.*\""));
        assertNull(RegexLiterals.orderedRuns("ab|cd"));
        assertEquals(List.of(List.of("get-item", "gci", "get-childitem"), List.of("currentcontrolset\\services", "currentversion\\run")),
                RegexLiterals.groupSets("(Get-Item|gci|Get-ChildItem).{1,64}-Path.{1,64}\\\\(currentcontrolset\\\\services|CurrentVersion\\\\Run)\\\\"));
        assertEquals(List.of(), RegexLiterals.groupSets("a(bc|de)?f(?=gh)(?:x|\\d)"));
    }
}
