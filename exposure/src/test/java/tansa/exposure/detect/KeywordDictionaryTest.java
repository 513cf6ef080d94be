package tansa.exposure.detect;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Aho–Corasick matcher against a naive search, on random dictionaries and texts. */
class KeywordDictionaryTest {
    private static final String ALPHABET = "abAB 1アイカ漢字-";

    private static String random(Random r, int min, int max) {
        StringBuilder sb = new StringBuilder();
        int n = min + r.nextInt(max - min + 1);
        for (int k = 0; k < n; k++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Every occurrence by brute force, with the same boundary rules the matcher documents. */
    private static TreeSet<String> naive(List<String> terms, String text) {
        TreeSet<String> out = new TreeSet<>();
        String t = KeywordDictionary.fold(text);
        for (String term : terms) {
            String f = KeywordDictionary.fold(term);
            for (int i = 0; i + f.length() <= t.length(); i++) {
                if (!t.startsWith(f, i)) {
                    continue;
                }
                // an all-capitals term matches only in capitals (issue 16)
                if (KeywordDictionary.isAcronym(term) && !text.startsWith(term, i)) {
                    continue;
                }
                char before = i > 0 ? text.charAt(i - 1) : 0;
                char after = i + f.length() < text.length() ? text.charAt(i + f.length()) : 0;
                char first = term.charAt(0);
                char last = term.charAt(term.length() - 1);
                boolean ok = !(Chars.isWordChar(first) && Chars.isWordChar(before)) && !(Chars.isWordChar(last) && Chars.isWordChar(after))
                        && !(Chars.isKatakana(first) && Chars.isKatakana(before)) && !(Chars.isKatakana(last) && Chars.isKatakana(after));
                if (ok) {
                    out.add(i + ":" + term);
                }
            }
        }
        return out;
    }

    @Test
    void findsWhatANaiveSearchFinds() {
        long seed = new Random().nextLong();
        System.out.println("KeywordDictionaryTest seed " + seed);
        Random r = new Random(seed);
        for (int round = 0; round < 300; round++) {
            List<String> terms = new ArrayList<>();
            for (int k = 0, n = 1 + r.nextInt(6); k < n; k++) {
                String t = random(r, 1, 4).strip();
                if (!t.isEmpty() && !terms.contains(t)) {
                    terms.add(t);
                }
            }
            if (terms.isEmpty()) {
                continue;
            }
            String text = random(r, 0, 300);
            KeywordDictionary dict = KeywordDictionary.of(terms);
            TreeSet<String> got = new TreeSet<>();
            TextScanner s = new Detectors(dict).newScanner(h -> {
                if (h.type() == FindingType.KEYWORD) {
                    got.add(h.offset() + ":" + h.term());
                }
            });
            s.append(text);
            s.finish();
            assertEquals(naive(dict.terms(), text), got, "seed " + seed + " round " + round + " terms " + terms + " text '" + text + "'");
        }
    }

    private static List<String> hits(KeywordDictionary dict, String text) {
        List<String> got = new ArrayList<>();
        TextScanner s = new Detectors(dict).newScanner(h -> got.add(h.value() + (h.label() == null ? "" : "/" + h.label())));
        s.append(text);
        s.finish();
        return got;
    }

    @Test
    void anAcronymMatchesInCapitalsAsAWholeWordUnlessTheEntrySaysOtherwise(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        KeywordDictionary plain = KeywordDictionary.of(List.of("SLIM", "Project Falcon"));
        assertEquals(List.of("SLIM", "ＳＬＩＭ", "SLIM", "project falcon"),
                hits(plain, "SLIM review; a slim chance; Slim Jim; SLIMMER; ＳＬＩＭ計画 and SLIMプロジェクト, project falcon"));
        java.nio.file.Path file = tmp.resolve("terms.txt");
        java.nio.file.Files.writeString(file, String.join("\n",
                "# project names",
                "SLIM | nocase, category=project",
                "Falcon | case",
                "鷹 | word",
                "NOVA | category=codename",
                ""));
        KeywordDictionary dict = KeywordDictionary.load(file);
        assertEquals(List.of("slim/project", "Falcon", "鷹", "NOVA/codename"),
                hits(dict, "a slim chance for falcon and Falcon; 鷹 と 鷹山; NOVA nova"));
        java.nio.file.Files.writeString(file, "SLIM | loud\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> KeywordDictionary.load(file));
        assertEquals(file + ":1: unknown dictionary option 'loud' (known: case, nocase, word, anywhere, category=NAME)", e.getMessage());
    }
}
