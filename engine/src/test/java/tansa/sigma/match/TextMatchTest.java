package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import tansa.event.EventFields;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A glob with only {@code *} wildcards, matched piece by piece on the lower-cased text, agrees with the character-by-character glob. */
class TextMatchTest {
    private static boolean matches(TextMatch m, String text) {
        JsonNode v = TextNode.valueOf(text);
        return m.matches(v, EventFields.of(Map.of("F", v)));
    }

    @Test
    void starGlobsMatchPiecesInOrder() {
        TextMatch m = TextMatch.of(GlobText.parse("*Compress-Archive -Path*-DestinationPath $env:TEMP*"), false, false);
        assertTrue(matches(m, "x; compress-archive -path C:\\a -DESTINATIONPATH $ENV:temp\\b.zip"));
        assertFalse(matches(m, "compress-archive -DestinationPath $env:TEMP -path x"));
        TextMatch anchored = TextMatch.of(GlobText.parse("ab*ba"), false, false);
        assertTrue(matches(anchored, "ABba"));
        assertFalse(matches(anchored, "aba"), "the pieces must not overlap");
        assertTrue(matches(TextMatch.of(GlobText.parse("a*b*"), true, false), "a-b-"));
        assertFalse(matches(TextMatch.of(GlobText.parse("a*b*"), true, false), "A-b-"), "cased");
    }

    @Property(tries = 3000)
    void agreesWithTheCharacterGlob(@ForAll long seed) {
        Random r = new Random(seed);
        StringBuilder g = new StringBuilder();
        for (int i = 0, n = 1 + r.nextInt(7); i < n; i++) {
            g.append("abA*\u212a".charAt(r.nextInt(5)));
        }
        if (g.indexOf("*") < 0 || g.indexOf("*") == g.length() - 1 && g.indexOf("*") == g.lastIndexOf("*")) {
            g.insert(r.nextInt(g.length() + 1), '*');
        }
        boolean cased = r.nextInt(4) == 0;
        TextMatch m = TextMatch.of(GlobText.parse(g.toString()), cased, false);
        for (int k = 0; k < 30; k++) {
            StringBuilder t = new StringBuilder();
            for (int i = 0, n = r.nextInt(10); i < n; i++) {
                t.append("abAkK\u212a".charAt(r.nextInt(6)));
            }
            String text = t.toString();
            assertEquals(m.matchesText(text), matches(m, text), "seed " + seed + ": " + g + " on '" + text + "' cased " + cased);
        }
    }
}
