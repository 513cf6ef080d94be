package tansa.sigma.match;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The automaton reports exactly the literals a naive case-folded search finds: long literals,
 * literals that are suffixes of others (dictionary links), non-ASCII text and literals, and
 * characters that fold into ASCII (the Kelvin sign is read as {@code k}, {@code İ} as {@code i}).
 */
class AhoCorasickTest {
    private static final String ALPHABET = "abcikAB:.\\ \u00e9\u00c9\u0416\u212a\u0130";

    private static String random(Random r, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    @org.junit.jupiter.api.Test
    void aLiteralListedTwiceIsReportedByItsLastIndexAndPrefixesShareStates() {
        AhoCorasick ac = new AhoCorasick(List.of("abc", "ab", "zz", "abc", "", "b"));
        TreeSet<Integer> got = new TreeSet<>();
        ac.searchFolded("xABCx", got::add);
        assertEquals(new TreeSet<>(List.of(1, 3, 4, 5)), got);
        TreeSet<Integer> none = new TreeSet<>();
        new AhoCorasick(List.of()).searchFolded("anything", none::add);
        assertEquals(new TreeSet<>(), none);
    }

    /**
     * Literals over every printable ASCII character: some 70 classes and thousands of states, so a
     * reporting state's number is recovered from its row (a multiplication by the reciprocal of the
     * class count, not a division) for rows far apart; checked against a naive search.
     */
    @Property(tries = 20)
    void findsLiteralsOverEveryAsciiCharacterAsANaiveSearchDoes(@ForAll long seed) {
        Random r = new Random(seed);
        List<String> literals = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0, n = 2 + r.nextInt(14); j < n; j++) {
                sb.append((char) (' ' + r.nextInt(95)));
            }
            String l = sb.toString().toLowerCase(Locale.ROOT);
            if (!literals.contains(l)) {
                literals.add(l);
            }
        }
        AhoCorasick ac = new AhoCorasick(literals);
        for (int k = 0; k < 50; k++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0, n = r.nextInt(600); j < n; j++) {
                sb.append((char) (' ' + r.nextInt(95)));
            }
            String l = literals.get(r.nextInt(literals.size())).toUpperCase(Locale.ROOT);
            int at = r.nextInt(sb.length() + 1);
            String text = sb.substring(0, at) + l + sb.substring(at);
            String folded = text.toLowerCase(Locale.ROOT);
            TreeSet<Integer> want = new TreeSet<>();
            for (int i = 0; i < literals.size(); i++) {
                if (folded.contains(literals.get(i))) {
                    want.add(i);
                }
            }
            TreeSet<Integer> got = new TreeSet<>();
            ac.searchFolded(text, got::add);
            assertEquals(want, got, "seed " + seed + " text " + text);
        }
    }

    @Property(tries = 2000)
    void reportsEveryLiteralANaiveSearchFinds(@ForAll long seed) {
        Random r = new Random(seed);
        List<String> literals = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(40); i < n; i++) {
            String l = random(r, 1 + r.nextInt(r.nextBoolean() ? 3 : 12)).toLowerCase(Locale.ROOT);
            if (!literals.contains(l)) {
                literals.add(l);
            }
        }
        AhoCorasick ac = new AhoCorasick(literals);
        for (int k = 0; k < 20; k++) {
            String text = random(r, r.nextInt(4) == 0 ? 256 + r.nextInt(600) : r.nextInt(80)); // long texts: two cursors
            if (r.nextBoolean()) {
                String l = literals.get(r.nextInt(literals.size())).toUpperCase(Locale.ROOT);
                int at = r.nextInt(text.length() + 1);
                text = text.substring(0, at) + l + text.substring(at);
            }
            StringBuilder folded = new StringBuilder();
            for (char c : text.toCharArray()) {
                folded.append(Character.toLowerCase(c));
            }
            TreeSet<Integer> want = new TreeSet<>();
            for (int i = 0; i < literals.size(); i++) {
                if (folded.indexOf(literals.get(i)) >= 0) {
                    want.add(i);
                }
            }
            TreeSet<Integer> got = new TreeSet<>();
            ac.searchFolded(text, got::add);
            if (r.nextBoolean()) {
                // the literal planted exactly across the middle, where the two cursors meet
                int mid = text.length() / 2;
                String l = literals.get(r.nextInt(literals.size()));
                int at = Math.max(0, mid - r.nextInt(l.length() + 1));
                if (at + l.length() <= text.length()) {
                    String t2 = text.substring(0, at) + l + text.substring(at + l.length());
                    StringBuilder f2 = new StringBuilder();
                    for (char c : t2.toCharArray()) {
                        f2.append(Character.toLowerCase(c));
                    }
                    TreeSet<Integer> w2 = new TreeSet<>();
                    for (int i = 0; i < literals.size(); i++) {
                        if (f2.indexOf(literals.get(i)) >= 0) {
                            w2.add(i);
                        }
                    }
                    TreeSet<Integer> g2 = new TreeSet<>();
                    ac.searchFolded(t2, g2::add);
                    assertEquals(w2, g2, "seed " + seed + " text " + t2 + " literals " + literals);
                }
            }
            assertEquals(want, got, "seed " + seed + " text " + text + " literals " + literals);
            assertEquals(!want.isEmpty(), ac.anyInFolded(text), "seed " + seed + " text " + text);
        }
    }
}
