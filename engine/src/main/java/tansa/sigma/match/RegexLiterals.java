package tansa.sigma.match;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds literals a regular expression cannot match without: for each top-level alternative,
 * the longest run of plain characters outside groups, classes and optional atoms. Deliberately
 * simple and conservative: anything it does not understand ends a run, and an alternative
 * without a run of at least {@link #MIN} characters (or one {@link #RARE} character) gives up
 * (null: no literal is required).
 */
final class RegexLiterals {
    static final int MIN = 2;
    /** Single characters rare enough in log text to be worth prefiltering on (PowerShell's escape, braces...). */
    static final String RARE = "`{}$%^~|#@!&;<>[]";

    private RegexLiterals() {
    }

    static List<String> required(String re) {
        List<String> branches = splitTopLevel(stripFlags(re));
        if (branches == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String b : branches) {
            List<String> lits = longestRunSet(b);
            if (lits == null) {
                return null;
            }
            for (String lit : lits) {
                if (lit.isEmpty() || (lit.length() < MIN && RARE.indexOf(lit.charAt(0)) < 0)) {
                    return null;
                }
                String low = lower(lit);
                if (!out.contains(low)) {
                    out.add(low);
                }
            }
        }
        return out;
    }

    /** A character class of at most this many plain characters counts as their alternation in a run. */
    static final int SMALL_CLASS = 4;
    /** A run with classes spells at most this many strings. */
    static final int MAX_SPELLINGS = 8;

    /**
     * Like the longest run, but a small character class such as {@code [ "']} continues a run as
     * the alternation of its characters: {@code \.[ "']} needs one of {@code ". "}, {@code ".""},
     * {@code ".'"} (Raspberry Robin's rule, whose only other literals are single dots and
     * backslashes). The spellings of the longest run (fewest spellings among equals); null when
     * the pattern is not understood.
     */
    private static List<String> longestRunSet(String re) {
        List<List<String>> runs = new ArrayList<>();
        List<String> run = fresh();
        int i = 0;
        int n = re.length();
        while (i < n) {
            char c = re.charAt(i);
            String chars; // the characters this atom may be, or null when it is not a literal
            int next;
            if (c == '\\') {
                if (i + 1 >= n) {
                    return null;
                }
                char e = re.charAt(i + 1);
                chars = Character.isLetterOrDigit(e) ? null : String.valueOf(e);
                next = i + 2;
            } else if (c == '(') {
                int j = closing(re, i);
                chars = null;
                next = j < 0 ? n + 1 : j + 1;
            } else if (c == '[') {
                int j = classEnd(re, i);
                if (j < 0) {
                    return null;
                }
                chars = smallClass(re.substring(i + 1, j));
                next = j + 1;
            } else if (".^$*+?{}|)".indexOf(c) >= 0) {
                chars = null;
                next = i + 1;
            } else {
                chars = String.valueOf(c);
                next = i + 1;
            }
            int quant = quantifier(re, next);
            if (quant < 0) {
                return null;
            }
            int qlen = quant >>> 1;
            boolean optional = (quant & 1) != 0;
            if (chars == null || (qlen > 0 && optional)) {
                runs.add(run); // not a literal, or one that may be absent: the run ends before it
                run = fresh();
            } else {
                if (run.size() * chars.length() > MAX_SPELLINGS) {
                    runs.add(run);
                    run = fresh();
                }
                List<String> longer = new ArrayList<>(run.size() * chars.length());
                for (String p : run) {
                    for (int k = 0; k < chars.length(); k++) {
                        longer.add(p + chars.charAt(k));
                    }
                }
                run = longer;
                if (qlen > 0) {
                    runs.add(run); // a repeat: its first occurrence is mandatory, what follows is not adjacent
                    run = fresh();
                }
            }
            i = next + qlen;
        }
        runs.add(run);
        List<String> best = null;
        for (List<String> r : runs) {
            int len = r.get(0).length();
            int bestLen = best == null ? -1 : best.get(0).length();
            if (len > bestLen || (len == bestLen && r.size() < best.size())) {
                best = r;
            }
        }
        return best;
    }

    private static List<String> fresh() {
        List<String> run = new ArrayList<>();
        run.add("");
        return run;
    }

    /** The index of the {@code ]} closing the class opened at {@code open}, or -1. */
    static int classEnd(String re, int open) {
        int j = open + 1;
        int n = re.length();
        if (j < n && re.charAt(j) == '^') {
            j++;
        }
        if (j < n && re.charAt(j) == ']') {
            j++;
        }
        while (j < n && re.charAt(j) != ']') {
            if (re.charAt(j) == '\\') {
                j++;
            }
            j++;
        }
        return j < n ? j : -1;
    }

    /**
     * The characters of a class body such as {@code  "'} or {@code \-_}: at most
     * {@link #SMALL_CLASS} plain characters, escaped punctuation allowed; null for anything else
     * (negation, ranges, nested classes, escapes such as {@code \d}).
     */
    private static String smallClass(String body) {
        if (body.isEmpty() || body.charAt(0) == '^') {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                if (i + 1 >= body.length() || Character.isLetterOrDigit(body.charAt(i + 1))) {
                    return null;
                }
                c = body.charAt(++i);
            } else if (c == '[' || (c == '-' && i > 0 && i < body.length() - 1)) {
                return null;
            }
            if (out.indexOf(String.valueOf(c)) < 0) {
                out.append(c);
            }
        }
        return out.length() <= SMALL_CLASS ? out.toString() : null;
    }

    /**
     * For a pattern without top-level alternation: its mandatory literal runs in order, lowered
     * per UTF-16 unit (a match contains each, in this order, without overlap); null otherwise.
     */
    static List<String> orderedRuns(String re) {
        List<String> branches = splitTopLevel(stripFlags(re));
        if (branches == null || branches.size() != 1) {
            return null;
        }
        List<String> runs = runs(branches.get(0));
        if (runs == null || runs.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String r : runs) {
            out.add(lower(r));
        }
        return out;
    }

    /**
     * For a pattern without top-level alternation: for each group it cannot match without
     * (not optional, not a lookaround), the literals of which a match contains one, one per
     * alternative of the group, lowered ({@code (Get-Item|gci)} gives {@code [get-item, gci]}).
     * Empty when there are none; null when the pattern is not understood.
     */
    static List<List<String>> groupSets(String re) {
        List<String> branches = splitTopLevel(stripFlags(re));
        if (branches == null || branches.size() != 1) {
            return null;
        }
        String b = branches.get(0);
        List<List<String>> out = new ArrayList<>();
        int n = b.length();
        boolean inClass = false;
        for (int i = 0; i < n; i++) {
            char c = b.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                int close = closing(b, i);
                if (close < 0) {
                    return null;
                }
                String body = b.substring(i + 1, close);
                boolean optional = false;
                if (close + 1 < n) {
                    char q = b.charAt(close + 1);
                    optional = q == '?' || q == '*' || (q == '{' && (b.startsWith("{0", close + 1) || b.startsWith("{,", close + 1)));
                }
                if (body.startsWith("?:")) {
                    body = body.substring(2);
                } else if (body.startsWith("?<") && !body.startsWith("?<=") && !body.startsWith("?<!")) {
                    int gt = body.indexOf('>');
                    body = gt < 0 ? "?" : body.substring(gt + 1);
                }
                if (!optional && !body.startsWith("?")) {
                    List<String> set = required(body);
                    if (set != null) {
                        out.add(set);
                    }
                }
                i = close;
            }
        }
        return out;
    }

    /**
     * The quantifier after an atom that ends before {@code next}: its length (with a lazy or
     * possessive mark) shifted left once, plus 1 when it allows zero repeats; 0 when there is none;
     * -1 when a '{' is not closed.
     */
    private static int quantifier(String re, int next) {
        int n = re.length();
        if (next >= n) {
            return 0;
        }
        char q = re.charAt(next);
        int qlen;
        boolean optional;
        if (q == '?' || q == '*' || q == '+') {
            qlen = 1;
            optional = q != '+';
        } else if (q == '{') {
            int close = re.indexOf('}', next);
            if (close < 0) {
                return -1;
            }
            qlen = close - next + 1;
            String inside = re.substring(next + 1, close);
            optional = inside.startsWith("0") || inside.startsWith(",");
        } else {
            return 0;
        }
        if (next + qlen < n && (re.charAt(next + qlen) == '?' || re.charAt(next + qlen) == '+')) {
            qlen++; // lazy or possessive
        }
        return qlen << 1 | (optional ? 1 : 0);
    }

    /** The index of the parenthesis closing the group opened at {@code open}, or -1. */
    static int closing(String re, int open) {
        int depth = 0;
        boolean inClass = false;
        for (int j = open; j < re.length(); j++) {
            char d = re.charAt(j);
            if (d == '\\') {
                j++;
            } else if (inClass) {
                inClass = d != ']';
            } else if (d == '[') {
                inClass = true;
            } else if (d == '(') {
                depth++;
            } else if (d == ')' && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    private static String stripFlags(String re) {
        String body = re;
        while (body.startsWith("(?") && body.length() > 3) {
            int close = body.indexOf(')');
            String flags = close < 0 ? "" : body.substring(2, close);
            if (close < 0 || !flags.chars().allMatch(c -> c == 'i' || c == 'm' || c == 's' || c == 'U' || c == '-')) {
                break;
            }
            body = body.substring(close + 1);
        }
        return body;
    }

    /** Lower-cased one UTF-16 unit at a time, as event text is for matching. */
    static String lowerUnits(String s) {
        return lower(s);
    }

    private static String lower(String lit) {
        char[] c = lit.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = TextMatch.lower(c[i]); // per UTF-16 unit, as event text is lowered
        }
        return new String(c);
    }

    /** Splits on {@code |} outside groups and classes; null when the pattern is unbalanced. */
    static List<String> splitTopLevel(String re) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int start = 0;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < re.length() && re.charAt(i + 1) == ']') {
                    i++;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth < 0) {
                    return null;
                }
            } else if (c == '|' && depth == 0) {
                out.add(re.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0 || inClass) {
            return null;
        }
        out.add(re.substring(start));
        return out;
    }

    /**
     * The runs of mandatory literal characters of one alternative, in order: any match contains
     * them in this order, without overlap. Null when the pattern is not understood.
     */
    private static List<String> runs(String re) {
        List<String> found = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int i = 0;
        int n = re.length();
        while (i < n) {
            char c = re.charAt(i);
            int atomStart = run.length();
            boolean literal;
            int next;
            if (c == '\\') {
                if (i + 1 >= n) {
                    return null;
                }
                char e = re.charAt(i + 1);
                literal = !Character.isLetterOrDigit(e);
                if (literal) {
                    run.append(e);
                }
                next = i + 2;
            } else if (c == '(') {
                int j = closing(re, i);
                literal = false;
                next = j < 0 ? n + 1 : j + 1;
            } else if (c == '[') {
                int j = classEnd(re, i);
                literal = false;
                next = j < 0 ? n + 1 : j + 1;
            } else if (".^$*+?{}|)".indexOf(c) >= 0) {
                literal = false;
                next = i + 1;
            } else {
                literal = true;
                run.append(c);
                next = i + 1;
            }
            // A quantifier after the atom: one that allows zero removes the atom from the run; any
            // quantifier ends the run after the atom (repeats break adjacency with what follows).
            int quant = quantifier(re, next);
            if (quant < 0) {
                return null;
            }
            int qlen = quant >>> 1;
            boolean optional = (quant & 1) != 0;
            if (qlen > 0) {
                if (literal) {
                    if (optional) {
                        run.setLength(atomStart);
                    }
                    if (run.length() > 0) {
                        found.add(run.toString());
                    }
                    run.setLength(0);
                    literal = false;
                }
                next += qlen;
            }
            if (!literal) {
                if (run.length() > 0) {
                    found.add(run.toString());
                }
                run.setLength(0);
            }
            i = next;
        }
        if (run.length() > 0) {
            found.add(run.toString());
        }
        return found;
    }
}
