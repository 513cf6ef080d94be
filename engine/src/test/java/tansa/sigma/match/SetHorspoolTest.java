package tansa.sigma.match;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Set-Horspool agrees with a naive case-folded substring search (and with the Aho-Corasick automaton). */
class SetHorspoolTest {
    private static final String SMALL = "abAB:.\u00e9\u00c9\u0416x";
    /** Letters, digits and characters whose low seven bits collide with them (\u00e9/i, \u0469/i). */
    private static final String WIDE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:.\\ -\u00e9\u00c9\u0469\u0416";

    private static String random(Random r, int len) {
        return random(r, len, SMALL);
    }

    private static String random(Random r, int len, String alphabet) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Whether a needle occurs in the text lower-cased one character at a time. */
    private static boolean naive(List<String> needles, String text) {
        StringBuilder folded = new StringBuilder();
        for (char c : text.toCharArray()) {
            folded.append(Character.toLowerCase(c));
        }
        return needles.stream().anyMatch(n -> folded.indexOf(n) >= 0);
    }

    @Property(tries = 3000)
    void findsExactlyWhatANaiveSearchFinds(@ForAll long seed) {
        Random r = new Random(seed);
        List<String> needles = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
            needles.add(random(r, 4 + r.nextInt(4)).toLowerCase(Locale.ROOT));
        }
        SetHorspool sh = new SetHorspool(needles);
        AhoCorasick ac = new AhoCorasick(needles);
        for (int k = 0; k < 30; k++) {
            String text = random(r, r.nextInt(40));
            if (r.nextInt(3) == 0) {
                String nd = needles.get(r.nextInt(needles.size())).toUpperCase(Locale.ROOT);
                int at = r.nextInt(text.length() + 1);
                text = text.substring(0, at) + nd + text.substring(at);
            }
            boolean naive = naive(needles, text);
            assertEquals(naive, sh.anyInFolded(text), "seed " + seed + " text " + text + " needles " + needles);
            assertEquals(naive, ac.anyInFolded(text), "seed " + seed + " text " + text + " needles " + needles);
        }
    }

    @Property(tries = 1000)
    void manyNeedlesOverAWideAlphabetAgreeWithANaiveSearch(@ForAll long seed) {
        Random r = new Random(seed);
        List<String> needles = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(25); i < n; i++) {
            needles.add(random(r, 4 + r.nextInt(10), WIDE).toLowerCase(Locale.ROOT));
        }
        SetHorspool sh = new SetHorspool(needles);
        for (int k = 0; k < 20; k++) {
            String text = random(r, r.nextInt(300), WIDE);
            for (int planted = r.nextInt(3); planted > 0; planted--) {
                String nd = needles.get(r.nextInt(needles.size()));
                nd = r.nextBoolean() ? nd.toUpperCase(Locale.ROOT) : nd;
                if (r.nextBoolean()) {
                    nd = nd.substring(0, nd.length() - 1); // a near miss
                }
                int at = r.nextInt(text.length() + 1);
                text = text.substring(0, at) + nd + text.substring(at);
            }
            boolean naive = naive(needles, text);
            assertEquals(naive, sh.anyInFolded(text), "seed " + seed + " text " + text + " needles " + needles);
        }
    }
}
