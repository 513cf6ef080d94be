package tansa.sigma.match;

import java.util.List;

/**
 * A necessary condition of a regular expression with a long class repeat at top level, such as
 * {@code \s[a-fA-F0-9]{64}\s[a-fA-F0-9]{16}} (SNAKE's installer arguments): a match holds that
 * many consecutive characters of the class, so a value without such a run cannot match. Checking
 * the run is one pass with a table lookup per character, much cheaper than trying the pattern at
 * every position of every command line. Characters at or above 128 always count as members (case
 * folding may map them into the class), so the condition stays necessary. Immutable.
 */
final class ClassRun {
    /** Repeats shorter than this are not worth a pass of their own. */
    static final int MIN_LENGTH = 8;

    private final boolean[] member;
    private final int length;

    private ClassRun(boolean[] member, int length) {
        this.member = member;
        this.length = length;
    }

    /**
     * The longest mandatory run of {@code re} (outside groups; no top-level alternation) when it
     * is at least {@link #MIN_LENGTH} long; null otherwise. {@code caseInsensitive}: the pattern's
     * flags ask for it (an inline {@code (?i)} anywhere counts too).
     */
    static ClassRun of(String re, boolean caseInsensitive) {
        List<String> branches = RegexLiterals.splitTopLevel(re);
        if (branches == null || branches.size() != 1) {
            return null;
        }
        boolean ci = caseInsensitive || re.contains("(?i");
        ClassRun best = null;
        int n = re.length();
        for (int i = 0; i < n; i++) {
            char c = re.charAt(i);
            boolean[] set = null;
            int end = -1;
            if (c == '\\') {
                if (i + 1 < n && (re.charAt(i + 1) == 'd' || re.charAt(i + 1) == 'w')) {
                    set = new boolean[128];
                    escape(re.charAt(i + 1), set);
                    end = i + 2;
                } else {
                    i++; // an escaped character: skip it
                    continue;
                }
            } else if (c == '(') {
                int close = RegexLiterals.closing(re, i);
                if (close < 0) {
                    return null;
                }
                i = close; // inside a group: may be optional or one of several alternatives
                continue;
            } else if (c == '[') {
                int close = RegexLiterals.classEnd(re, i);
                if (close < 0) {
                    return null;
                }
                set = members(re.substring(i + 1, close), ci);
                end = close + 1;
                if (set == null) {
                    i = close;
                    continue;
                }
            }
            if (set == null) {
                continue;
            }
            int min = repeatMin(re, end);
            if (min >= MIN_LENGTH && (best == null || min > best.length)) {
                best = new ClassRun(set, min);
            }
            i = end - 1;
        }
        return best;
    }

    /**
     * Whether {@code s} holds the run. Skips like Horspool: a run of {@code L} covering position
     * {@code p} must hold a character at {@code p}, so the search probes every {@code L}-th
     * character and counts members around a probe only when it is one.
     */
    boolean presentIn(String s) {
        int need = length;
        int n = s.length();
        int p = need - 1;
        int known = -1; // characters before this index are known not to start a run reaching p
        while (p < n) {
            if (!in(s.charAt(p))) {
                p += need;
                continue;
            }
            int start = p;
            while (start > known + 1 && in(s.charAt(start - 1))) {
                start--;
            }
            int end = p + 1;
            while (end < n && end - start < need && in(s.charAt(end))) {
                end++;
            }
            if (end - start >= need) {
                return true;
            }
            // the run [start, end) is too short and s[end] is not a member (or the text ended)
            known = end;
            p = end + need;
        }
        return false;
    }

    private boolean in(char c) {
        return c >= 128 || member[c];
    }

    int length() {
        return length;
    }

    /** The minimum of a {@code {n}}, {@code {n,}} or {@code {n,m}} repeat at {@code at}, else 1 (or 0 for an optional atom). */
    private static int repeatMin(String re, int at) {
        if (at >= re.length()) {
            return 1;
        }
        char q = re.charAt(at);
        if (q == '?' || q == '*') {
            return 0;
        }
        if (q != '{') {
            return 1;
        }
        int close = re.indexOf('}', at);
        if (close < 0) {
            return 0;
        }
        String inside = re.substring(at + 1, close);
        int comma = inside.indexOf(',');
        String lo = comma < 0 ? inside : inside.substring(0, comma);
        if (lo.isEmpty() || lo.length() > 6 || !lo.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Integer.parseInt(lo);
    }

    /** The ASCII members of a class body (ranges, plain and escaped characters, \d, \w); null when not understood or negated. */
    private static boolean[] members(String body, boolean ci) {
        if (body.isEmpty() || body.charAt(0) == '^') {
            return null;
        }
        boolean[] set = new boolean[128];
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                if (i + 1 >= body.length()) {
                    return null;
                }
                char e = body.charAt(++i);
                if (e == 'd' || e == 'w') {
                    escape(e, set);
                    continue;
                }
                if (Character.isLetterOrDigit(e)) {
                    return null; // \s, \x41 and the like: not worth understanding here
                }
                c = e;
            } else if (c == '[') {
                return null;
            }
            if (i + 2 < body.length() && body.charAt(i + 1) == '-' && body.charAt(i + 2) != ']') {
                char hi = body.charAt(i + 2);
                if (hi == '\\' || hi >= 128 || hi < c) {
                    return null;
                }
                for (char x = c; x <= hi; x++) {
                    add(set, x, ci);
                }
                i += 2;
            } else if (c < 128) {
                add(set, c, ci);
            } else {
                return null;
            }
        }
        return set;
    }

    private static void add(boolean[] set, char c, boolean ci) {
        set[c] = true;
        if (ci) {
            set[Character.toLowerCase(c)] = true;
            set[Character.toUpperCase(c)] = true;
        }
    }

    private static void escape(char e, boolean[] set) {
        for (char x = '0'; x <= '9'; x++) {
            set[x] = true;
        }
        if (e == 'w') {
            for (char x = 'a'; x <= 'z'; x++) {
                set[x] = true;
                set[Character.toUpperCase(x)] = true;
            }
            set['_'] = true;
        }
    }
}
