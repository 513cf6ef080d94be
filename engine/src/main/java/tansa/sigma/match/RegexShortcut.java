package tansa.sigma.match;

import java.util.ArrayList;
import java.util.List;

/**
 * Exact linear-time answers for two regex shapes that backtracking engines handle badly and
 * Sigma rules use on long values: literals joined by {@code .*} ({@code \+.*\+.*\+...}, which
 * costs a backtracking engine time polynomial in the value length) and a whole value of one
 * character class with a length range ({@code ^[A-Za-z0-9]{16}$}, tried at every position).
 * Semantics are RE2's, which decides every regex in tansa: {@code .} is any character but
 * {@code \n} unless the {@code s} flag is set, {@code $} without {@code m} is the end of text.
 * Immutable and thread-safe.
 */
abstract class RegexShortcut {
    static final int NO = 0;
    static final int YES = 1;
    /** The shortcut cannot decide (e.g. case folding of a non-ASCII character): run the regex. */
    static final int UNDECIDED = -1;

    abstract int find(String s);

    private static boolean ascii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /** A shortcut equivalent to the pattern, or null when its shape is not one of these. */
    static RegexShortcut of(String pattern, int flags) {
        boolean ci = (flags & com.google.re2j.Pattern.CASE_INSENSITIVE) != 0;
        boolean dotAll = (flags & com.google.re2j.Pattern.DOTALL) != 0;
        if ((flags & com.google.re2j.Pattern.MULTILINE) != 0) {
            return null;
        }
        String p = pattern;
        while (p.startsWith("(?")) {
            int close = p.indexOf(')');
            if (close < 0) {
                return null;
            }
            String f = p.substring(2, close);
            if (!f.matches("[is]+")) {
                return null;
            }
            ci |= f.contains("i");
            dotAll |= f.contains("s");
            p = p.substring(close + 1);
        }
        RegexShortcut s = Sequence.of(p, ci, dotAll);
        return s != null ? s : WholeClass.of(p, ci);
    }

    /** {@code L1.*L2.*...Ln}: the literals occur in this order (on one line unless dot-all). */
    static final class Sequence extends RegexShortcut {
        private final String[] literals;
        private final boolean ci;
        private final boolean dotAll;

        private Sequence(String[] literals, boolean ci, boolean dotAll) {
            this.literals = literals;
            this.ci = ci;
            this.dotAll = dotAll;
        }

        static Sequence of(String p, boolean ci, boolean dotAll) {
            List<String> lits = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean sawDotStar = false;
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c == '\\') {
                    if (i + 1 >= p.length()) {
                        return null;
                    }
                    char e = p.charAt(++i);
                    if (Character.isLetterOrDigit(e) || e > 127) {
                        return null; // \w, \d, \x..., back-references: not a literal
                    }
                    cur.append(e);
                } else if (c == '.' && i + 1 < p.length() && p.charAt(i + 1) == '*') {
                    if (i + 2 < p.length() && (p.charAt(i + 2) == '?' || p.charAt(i + 2) == '+')) {
                        return null;
                    }
                    lits.add(cur.toString());
                    cur.setLength(0);
                    sawDotStar = true;
                    i++;
                } else if ("^$.*+?()[]{}|".indexOf(c) >= 0 || c > 127) {
                    return null;
                } else {
                    cur.append(c);
                }
            }
            lits.add(cur.toString());
            if (!sawDotStar) {
                return null; // a plain literal is already fast
            }
            List<String> nonEmpty = new ArrayList<>();
            for (String l : lits) {
                if (!l.isEmpty()) {
                    nonEmpty.add(ci ? lowerAscii(l) : l);
                }
            }
            if (nonEmpty.isEmpty() || String.join("", nonEmpty).indexOf('\n') >= 0) {
                return null;
            }
            return new Sequence(nonEmpty.toArray(new String[0]), ci, dotAll);
        }

        @Override
        int find(String s) {
            if (ci && !ascii(s)) {
                return UNDECIDED; // RE2 folds some non-ASCII letters onto ASCII ones (K, ſ)
            }
            return seek(ci ? lowerAscii(s) : s) ? YES : NO;
        }

        private boolean seek(String t) {
            int from = 0;
            while (true) {
                int first = t.indexOf(literals[0], from);
                if (first < 0) {
                    return false;
                }
                int lineEnd = dotAll ? t.length() : lineEnd(t, first + literals[0].length());
                if (dotAll) {
                    // Without line breaks to stop it, the earliest occurrence of each literal is best.
                    int at = first + literals[0].length();
                    for (int k = 1; k < literals.length; k++) {
                        int j = t.indexOf(literals[k], at);
                        if (j < 0) {
                            return false;
                        }
                        at = j + literals[k].length();
                    }
                    return true;
                }
                int at = first + literals[0].length();
                boolean ok = true;
                for (int k = 1; k < literals.length && ok; k++) {
                    int j = t.indexOf(literals[k], at);
                    ok = j >= 0 && j + literals[k].length() <= lineEnd;
                    at = ok ? j + literals[k].length() : at;
                }
                if (ok) {
                    return true;
                }
                // Earliest placement failed on this line: the rest of this line cannot do better.
                from = lineEnd + 1;
                if (from > t.length()) {
                    return false;
                }
            }
        }

        private static int lineEnd(String t, int from) {
            int nl = t.indexOf('\n', from);
            return nl < 0 ? t.length() : nl;
        }
    }

    /** {@code ^[class]{n}$} or {@code ^[class]{n,m}$}: the whole value, every character in the class. */
    static final class WholeClass extends RegexShortcut {
        private final boolean[] ascii = new boolean[128];
        private final int min;
        private final int max;

        private WholeClass(int min, int max) {
            this.min = min;
            this.max = max;
        }

        static WholeClass of(String p, boolean ci) {
            if (!p.startsWith("^[") || !p.endsWith("$")) {
                return null;
            }
            int close = p.indexOf(']', 2);
            if (close < 0 || close + 1 >= p.length() || p.charAt(close + 1) != '{') {
                return null;
            }
            String cls = p.substring(2, close);
            String rep = p.substring(close + 2, p.length() - 1);
            if (!rep.endsWith("}")) {
                return null;
            }
            rep = rep.substring(0, rep.length() - 1);
            int min;
            int max;
            try {
                int comma = rep.indexOf(',');
                if (comma < 0) {
                    min = max = Integer.parseInt(rep);
                } else {
                    min = Integer.parseInt(rep.substring(0, comma));
                    max = comma == rep.length() - 1 ? Integer.MAX_VALUE : Integer.parseInt(rep.substring(comma + 1));
                }
            } catch (NumberFormatException e) {
                return null;
            }
            if (min < 0 || max < min || cls.isEmpty() || cls.charAt(0) == '^') {
                return null;
            }
            WholeClass w = new WholeClass(min, max);
            w.ci = ci;
            for (int i = 0; i < cls.length(); i++) {
                char c = cls.charAt(i);
                if (c == '\\' || c == '[' || c > 127) {
                    return null;
                }
                if (i + 2 < cls.length() && cls.charAt(i + 1) == '-') {
                    char hi = cls.charAt(i + 2);
                    if (hi == '\\' || hi > 127 || hi < c) {
                        return null;
                    }
                    for (char x = c; x <= hi; x++) {
                        w.set(x, ci);
                    }
                    i += 2;
                } else {
                    w.set(c, ci);
                }
            }
            return w;
        }

        private void set(char c, boolean ci) {
            ascii[c] = true;
            if (ci) {
                ascii[Character.toLowerCase(c)] = true;
                ascii[Character.toUpperCase(c)] = true;
            }
        }

        private boolean ci;

        @Override
        int find(String s) {
            int n = s.length();
            if (n < min || n > max) {
                return NO;
            }
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 128) {
                    return ci ? UNDECIDED : NO;
                }
                if (!ascii[c]) {
                    return NO;
                }
            }
            return YES;
        }
    }

    static String lowerAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] a = s.toCharArray();
                for (int j = i; j < a.length; j++) {
                    if (a[j] >= 'A' && a[j] <= 'Z') {
                        a[j] = (char) (a[j] + 32);
                    }
                }
                return new String(a);
            }
        }
        return s;
    }
}
