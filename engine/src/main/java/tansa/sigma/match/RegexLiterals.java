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
            String lit = longestRun(b);
            if (lit == null || lit.isEmpty() || (lit.length() < MIN && RARE.indexOf(lit.charAt(0)) < 0)) {
                return null;
            }
            out.add(lower(lit));
        }
        return out;
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

    /** The index of the parenthesis closing the group opened at {@code open}, or -1. */
    private static int closing(String re, int open) {
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

    /** The longest run of mandatory literal characters in one alternative (no top-level |). */
    private static String longestRun(String re) {
        List<String> runs = runs(re);
        if (runs == null) {
            return null;
        }
        String best = "";
        for (String r : runs) {
            if (r.length() > best.length()) {
                best = r;
            }
        }
        return best;
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
                int j = i + 1;
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
                literal = false;
                next = j + 1;
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
            int qlen = 0;
            boolean optional = false;
            if (next < n) {
                char q = re.charAt(next);
                if (q == '?' || q == '*' || q == '+') {
                    qlen = 1;
                    optional = q != '+';
                } else if (q == '{') {
                    int close = re.indexOf('}', next);
                    if (close < 0) {
                        return null;
                    }
                    qlen = close - next + 1;
                    String inside = re.substring(next + 1, close);
                    optional = inside.startsWith("0") || inside.startsWith(",");
                }
                if (qlen > 0 && next + qlen < n && (re.charAt(next + qlen) == '?' || re.charAt(next + qlen) == '+')) {
                    qlen++; // lazy or possessive
                }
            }
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
