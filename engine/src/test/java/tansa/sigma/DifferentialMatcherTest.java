package tansa.sigma;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import tansa.event.Event;
import tansa.sigma.logsource.LogSourceMapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded differential test: random detections (field tests with modifiers, wildcards, escapes,
 * keywords, null, exists, numbers, regexes; random conditions) are written as YAML, compiled by
 * tansa, and run over random events; every verdict must equal that of the naive reference
 * interpreter below, which evaluates the generated structure directly (values become
 * java.util.regex patterns, conditions are walked recursively). A failure prints the seed.
 */
class DifferentialMatcherTest {
    private static final String[] FIELDS = {"A", "B", "C"};
    private static final String ALPHABET = "abAB-/\u2013 .1";

    /** One generated field test: field (null for keywords), modifiers and values. */
    record Test(String field, List<String> mods, List<Object> values) {
    }

    /** One generated search identifier: a map of tests (AND), or a list of keyword strings. */
    record SearchId(String name, List<Test> tests) {
    }

    /** Rules per try: more than the prefilter threshold, so the Aho-Corasick path is exercised too. */
    private static final int RULES = SourceIndex.PREFILTER_MIN + 4;

    @Property(tries = 100)
    void compiledMatcherAgreesWithReferenceInterpreter(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        List<List<SearchId>> rules = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        StringBuilder yaml = new StringBuilder();
        for (int q = 0; q < RULES; q++) {
            List<SearchId> searches = new ArrayList<>();
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                searches.add(search(r, (i % 2 == 0 ? "sel" : "filter") + i));
            }
            String condition = condition(r, searches, 2);
            rules.add(searches);
            conditions.add(condition);
            yaml.append(q == 0 ? "" : "---\n").append(yaml(searches, condition, id(q)));
        }
        Path dir = Files.createTempDirectory("tansa-diff");
        Path file = dir.resolve("rule.yml");
        Files.writeString(file, yaml);
        RuleSet rs = RuleSet.load(List.of(file), LogSourceMapping.defaults(), null);
        assertTrue(rs.report().failed().isEmpty(), () -> "seed " + seed + ": rule failed to load " + rs.report().failed() + "\n" + yaml);
        for (int k = 0; k < 20; k++) {
            Map<String, Object> event = event(r);
            List<Detection> got = new ArrayList<>();
            Hunter h = new Hunter(rs, got::add);
            Event e = Events.flat("2024-01-01T00:00:00Z", event);
            h.prepare(e);
            h.accept(e);
            for (int q = 0; q < RULES; q++) {
                String id = id(q);
                boolean expected = evalCondition(conditions.get(q), rules.get(q), event);
                boolean actual = got.stream().anyMatch(d -> d.rule().id().equals(id));
                int qq = q;
                assertEquals(expected, actual, () -> "seed " + seed + "\nevent " + event + "\n"
                        + yaml(rules.get(qq), conditions.get(qq), id));
            }
        }
        deleteQuietly(file, dir);
    }

    private static String id(int q) {
        return String.format(Locale.ROOT, "00000000-0000-0000-0000-%012d", q);
    }

    private static void deleteQuietly(Path file, Path dir) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- generation -------------------------------------------------------------------------

    private static String word(Random r, int max, boolean wildcards) {
        StringBuilder sb = new StringBuilder();
        int len = r.nextInt(max + 1);
        for (int i = 0; i < len; i++) {
            int p = r.nextInt(20);
            if (wildcards && p == 0) {
                sb.append('*');
            } else if (wildcards && p == 1) {
                sb.append('?');
            } else if (wildcards && p == 2) {
                sb.append('\\').append("*?\\".charAt(r.nextInt(3)));
            } else {
                sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
        }
        return sb.toString();
    }

    private static SearchId search(Random r, String name) {
        List<Test> tests = new ArrayList<>();
        if (r.nextInt(6) == 0) {
            List<Object> kws = new ArrayList<>();
            for (int i = 0, m = 1 + r.nextInt(2); i < m; i++) {
                kws.add(word(r, 3, false).replace("\\", ""));
            }
            tests.add(new Test(null, List.of(), kws));
            return new SearchId(name, tests);
        }
        int first = r.nextInt(FIELDS.length);
        for (int i = 0, m = 1 + r.nextInt(2); i < m; i++) {
            String field = FIELDS[(first + i) % FIELDS.length]; // distinct keys in one map
            int kind = r.nextInt(10);
            List<String> mods = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            if (kind == 0) {
                values.add(null);
            } else if (kind == 1) {
                mods.add("exists");
                values.add(r.nextBoolean());
            } else if (kind == 2) {
                mods.add(new String[] {"lt", "lte", "gt", "gte"}[r.nextInt(4)]);
                values.add(r.nextInt(5));
            } else if (kind == 3) {
                mods.add("re");
                if (r.nextBoolean()) {
                    mods.add("i");
                }
                values.add(new String[] {"^a", "b$", "a.b", "[ab]-", "(a|b)1", "a+", "^$"}[r.nextInt(7)]);
            } else {
                String pos = new String[] {null, "contains", "startswith", "endswith"}[r.nextInt(4)];
                if (pos != null) {
                    mods.add(pos);
                }
                if (r.nextInt(4) == 0) {
                    mods.add("windash");
                }
                if (r.nextInt(5) == 0) {
                    mods.add("cased");
                }
                int m2 = 1 + r.nextInt(3);
                for (int j = 0; j < m2; j++) {
                    values.add(r.nextInt(8) == 0 ? (Object) r.nextInt(3) : word(r, 3, true));
                }
                if (m2 > 1 && r.nextInt(3) == 0) {
                    mods.add("all");
                }
            }
            tests.add(new Test(field, mods, values));
        }
        return new SearchId(name, tests);
    }

    private static String condition(Random r, List<SearchId> s, int depth) {
        int p = r.nextInt(depth <= 0 ? 3 : 7);
        switch (p) {
            case 0:
            case 1:
                return s.get(r.nextInt(s.size())).name();
            case 2:
                return (r.nextBoolean() ? "1 of " : "all of ") + (r.nextBoolean() ? "them" : r.nextBoolean() ? "sel*" : "*");
            case 3:
                return "not " + condition(r, s, depth - 1);
            case 4:
                return "(" + condition(r, s, depth - 1) + " and " + condition(r, s, depth - 1) + ")";
            default:
                return "(" + condition(r, s, depth - 1) + " or " + condition(r, s, depth - 1) + ")";
        }
    }

    private static Map<String, Object> event(Random r) {
        Map<String, Object> e = new LinkedHashMap<>();
        for (String f : FIELDS) {
            int p = r.nextInt(6);
            if (p == 0) {
                continue;
            }
            e.put(f, p == 1 ? (Object) r.nextInt(5) : word(r, 5, false));
        }
        return e;
    }

    private static String yaml(List<SearchId> searches, String condition, String id) {
        StringBuilder sb = new StringBuilder("title: differential\nid: " + id + "\n"
                + "logsource: {product: test}\ndetection:\n");
        for (SearchId s : searches) {
            sb.append("    ").append(s.name()).append(":\n");
            for (Test t : s.tests()) {
                if (t.field() == null) {
                    for (Object v : t.values()) {
                        sb.append("        - ").append(scalar(v)).append('\n');
                    }
                    continue;
                }
                sb.append("        ").append(t.field());
                for (String m : t.mods()) {
                    sb.append('|').append(m);
                }
                sb.append(":\n");
                for (Object v : t.values()) {
                    sb.append("            - ").append(scalar(v)).append('\n');
                }
            }
        }
        sb.append("    condition: ").append(condition).append('\n');
        return sb.toString();
    }

    private static String scalar(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "'" + ((String) v).replace("'", "''") + "'";
        }
        return String.valueOf(v);
    }

    // ---- reference interpreter ---------------------------------------------------------------

    private static boolean evalCondition(String cond, List<SearchId> s, Map<String, Object> e) {
        return new Object() {
            final String[] tok = cond.replace("(", " ( ").replace(")", " ) ").trim().split("\\s+");
            int pos;

            boolean or() {
                boolean v = and();
                while (pos < tok.length && tok[pos].equals("or")) {
                    pos++;
                    boolean w = and();
                    v = v || w;
                }
                return v;
            }

            boolean and() {
                boolean v = not();
                while (pos < tok.length && tok[pos].equals("and")) {
                    pos++;
                    boolean w = not();
                    v = v && w;
                }
                return v;
            }

            boolean not() {
                if (tok[pos].equals("not")) {
                    pos++;
                    return !not();
                }
                if (tok[pos].equals("(")) {
                    pos++;
                    boolean v = or();
                    pos++;
                    return v;
                }
                if (tok[pos].equals("1") || tok[pos].equals("all")) {
                    boolean all = tok[pos].equals("all");
                    String pat = tok[pos + 2];
                    pos += 3;
                    boolean acc = all;
                    for (SearchId x : s) {
                        boolean take = pat.equals("them") || Pattern.matches(pat.replace("*", ".*"), x.name());
                        if (take) {
                            boolean v = evalSearch(x, e);
                            acc = all ? acc && v : acc || v;
                        }
                    }
                    return acc;
                }
                String name = tok[pos++];
                return evalSearch(s.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(), e);
            }
        }.or();
    }

    private static boolean evalSearch(SearchId s, Map<String, Object> e) {
        for (Test t : s.tests()) {
            if (!evalTest(t, e)) {
                return false;
            }
        }
        return true;
    }

    private static boolean evalTest(Test t, Map<String, Object> e) {
        if (t.field() == null) {
            for (Object kw : t.values()) {
                Pattern p = Pattern.compile(".*" + Pattern.quote(((String) kw).toLowerCase(Locale.ROOT)) + ".*", Pattern.DOTALL);
                for (Object v : e.values()) {
                    if (v != null && p.matcher(String.valueOf(v).toLowerCase(Locale.ROOT)).matches()) {
                        return true;
                    }
                }
            }
            return false;
        }
        Object v = e.get(t.field());
        List<String> mods = t.mods();
        if (t.values().size() == 1 && t.values().get(0) == null) {
            return v == null;
        }
        if (mods.contains("exists")) {
            return e.containsKey(t.field()) == (Boolean) t.values().get(0);
        }
        if (v == null) {
            return false;
        }
        String text = String.valueOf(v);
        boolean all = mods.contains("all");
        boolean any = false;
        boolean every = true;
        for (Object want : t.values()) {
            boolean ok = evalValue(mods, want, v, text);
            any |= ok;
            every &= ok;
        }
        return all ? every : any;
    }

    private static boolean evalValue(List<String> mods, Object want, Object v, String text) {
        for (String cmp : List.of("lt", "lte", "gt", "gte")) {
            if (mods.contains(cmp)) {
                double x;
                try {
                    x = Double.parseDouble(text);
                } catch (NumberFormatException ex) {
                    return false;
                }
                double w = ((Number) want).doubleValue();
                return cmp.equals("lt") ? x < w : cmp.equals("lte") ? x <= w : cmp.equals("gt") ? x > w : x >= w;
            }
        }
        if (mods.contains("re")) {
            int flags = mods.contains("i") ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
            return Pattern.compile((String) want, flags).matcher(text).find();
        }
        if (want instanceof Integer && mods.stream().allMatch(m -> m.equals("all"))) {
            return text.equals(String.valueOf(want));
        }
        String w = want instanceof String ? (String) want : String.valueOf(want);
        StringBuilder re = new StringBuilder();
        if (mods.contains("contains") || mods.contains("endswith")) {
            re.append(".*");
        }
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (want instanceof String && c == '\\' && i + 1 < w.length() && "*?\\".indexOf(w.charAt(i + 1)) >= 0) {
                re.append(Pattern.quote(String.valueOf(w.charAt(++i))));
            } else if (want instanceof String && c == '*') {
                re.append(".*");
            } else if (want instanceof String && c == '?') {
                re.append('.');
            } else if (mods.contains("windash") && "-/\u2013\u2014\u2015".indexOf(c) >= 0) {
                re.append("[-/\u2013\u2014\u2015]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (mods.contains("contains") || mods.contains("startswith")) {
            re.append(".*");
        }
        int flags = Pattern.DOTALL | (mods.contains("cased") ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return Pattern.compile(re.toString(), flags).matcher(text).matches();
    }
}
