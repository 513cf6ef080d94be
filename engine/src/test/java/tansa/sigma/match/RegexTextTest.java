package tansa.sigma.match;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JDK twin of a pattern finds exactly what re2j finds. */
class RegexTextTest {
    private static final String[] ATOMS = {"a", "b", "`", "\\.", "[ab]", "[^a]", ".", "(a|b)", "\\w", "\\d", "\\s", "$", "^",
        "ab", "(ab)", "(?:ba)", "a\\.b"};
    private static final String[] QUANT = {"", "", "?", "*", "+", "{0,2}", "+?", "*?"};

    @Property(tries = 3000)
    void jdkTwinAgreesWithRe2j(@ForAll long seed) {
        Random r = new Random(seed);
        StringBuilder re = new StringBuilder(r.nextInt(4) == 0 ? "(?i)" : "");
        for (int i = 0, n = 1 + r.nextInt(5); i < n; i++) {
            if (i > 0 && r.nextInt(8) == 0) {
                re.append('|');
            }
            String atom = ATOMS[r.nextInt(ATOMS.length)];
            re.append(atom);
            if (!atom.equals("$") && !atom.equals("^")) {
                re.append(QUANT[r.nextInt(QUANT.length)]);
            }
        }
        com.google.re2j.Pattern re2;
        try {
            re2 = com.google.re2j.Pattern.compile(re.toString());
        } catch (com.google.re2j.PatternSyntaxException e) {
            return;
        }
        RegexText t = new RegexText(re2);
        for (int k = 0; k < 40; k++) {
            StringBuilder s = new StringBuilder();
            for (int i = 0, n = r.nextInt(10); i < n; i++) {
                s.append("aAb`. 1\n".charAt(r.nextInt(8)));
            }
            String text = s.toString();
            assertEquals(re2.matcher(text).find(), t.find(text), "seed " + seed + ": /" + re + "/ on '" + text + "'");
        }
    }

    @Test
    void searchesStartOnlyWhereTheLeadingLiteralOccurs() {
        assertEquals("cmd", RegexText.leadingLiteral("cmd.{0,5}(?:/c|/r).+powershell.+(?:\\$?\\{?input\\}?|noexit).+\""));
        assertEquals("set", RegexText.leadingLiteral("(?i)(set).*&&\\s?set.*(environment|invoke|\\$\\{?input).*&&.*\""));
        assertEquals("${", RegexText.leadingLiteral("\\$\\{`?e`?n`?v"));
        assertEquals("ec", RegexText.leadingLiteral("ech?o"), "an optional character ends the literal before it");
        assertEquals("ab", RegexText.leadingLiteral("ab+c"), "a repeated character ends it after its first occurrence");
        assertEquals(null, RegexText.leadingLiteral("ab|cd"));
        assertEquals(null, RegexText.leadingLiteral("(set|get)x"));
        assertEquals(null, RegexText.leadingLiteral("(ab)?c"));
        assertEquals(null, RegexText.leadingLiteral("\\wab"));
        RegexText t = new RegexText(com.google.re2j.Pattern.compile("(?i)(set).*&&\\s?set"));
        assertEquals(true, t.find("x = 1; SET a=1 && set b"));
        assertEquals(false, t.find("x = 1; SET a=1 && get b"));
    }

    @Test
    void searchesStartOnlyBeforeTheAnchorCharacter() {
        assertEquals('`', RegexText.anchorAfterLeadingAtom("\\w`(\\w+|-|.)`[\\w+|\\s]", 0));
        assertEquals('.', RegexText.anchorAfterLeadingAtom("[a-z]\\.exe", 0));
        assertEquals(0, RegexText.anchorAfterLeadingAtom("\\w+`", 0));
        assertEquals('"', RegexText.anchorAfterLeadingAtom("\"(\\{\\d\\}){2,}\"\\s*-f", 0));
        assertEquals(0, RegexText.anchorOffset("\"(\\{\\d\\}){2,}\"\\s*-f"));
        assertEquals(0, RegexText.anchorAfterLeadingAtom("\"?x", 0));
        assertEquals(0, RegexText.anchorAfterLeadingAtom("\\w`?x", 0));
        assertEquals(0, RegexText.anchorAfterLeadingAtom("\\wa|b", 0));
        assertEquals(0, RegexText.anchorAfterLeadingAtom("\\wa", java.util.regex.Pattern.CASE_INSENSITIVE));
        assertEquals('$', RegexText.anchorAfterLeadingAtom("(?i)\\$\\{`?e`?n`?v\\}", 0), "inline flags match nothing");
        assertEquals(0, RegexText.anchorOffset("(?i)\\$\\{`?e"));
        assertEquals(0, RegexText.anchorAfterLeadingAtom("(?i)env", 0), "a letter under (?i) has two cases");
        assertEquals(0, RegexText.anchorAfterLeadingAtom("(?x)\\$ a", 0));
        RegexText env = new RegexText(com.google.re2j.Pattern.compile("(?i)\\$\\{`?e`?n`?v`?:`?p`?a`?t`?h`?\\}"));
        assertEquals(true, env.find("$x = ${E`NV:pA`TH}"));
        assertEquals(false, env.find("${env:pat} $env:path"));
        RegexText t = new RegexText(com.google.re2j.Pattern.compile("\\w+`(\\w+|-|.)`[\\w+|\\s]"));
        assertEquals(true, t.find("x = 'po`w`ershell'"));
        assertEquals(true, t.find("a`b`c"));
        assertEquals(false, t.find("`b`c a` b` "));
        assertEquals(false, t.find("a`bc-d`!"));
    }

    @Test
    void leadingRepeatsAreTrimmedForSearch() {
        assertEquals("\\w`(\\w+|-|.)`", RegexText.trimLeadingRepeat("\\w+`(\\w+|-|.)`"));
        assertEquals("(?i)abc", RegexText.trimLeadingRepeat("(?i).*abc"));
        assertEquals("a|b+", RegexText.trimLeadingRepeat("a|b+"));
        assertEquals(".++x", RegexText.trimLeadingRepeat(".++x"));
    }
}
