package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import tansa.event.EventFields;

import java.util.List;

/**
 * The {@code re} modifier. Unanchored search, as Sigma backends do.
 *
 * <p>A regex can never hang a hunt (issue 3): the answer always comes from re2j, which runs in
 * time linear in the input, or from the JDK's backtracking engine run under a budget of
 * character reads proportional to the input; a search over budget is abandoned and redone with
 * re2j. The JDK engine is used because it is several times faster on typical Sigma patterns
 * (literal prefixes, short inputs). Its dialect is aligned with RE2's: {@code UNIX_LINES},
 * Unicode case folding, and outside multi-line mode {@code $} rewritten to {@code \z}; patterns
 * using POSIX classes ({@code [:alpha:]}), whose meaning differs, use re2j only.
 *
 * <p>Thread-safe: each thread reuses its own matchers, so evaluation allocates nothing.
 */
final class RegexText implements ValueMatcher {
    /** Character reads allowed per input character before the JDK engine gives up. */
    static final int BUDGET_PER_CHAR = 128;
    /**
     * Longer inputs go to re2j directly. Below it, the JDK engine may still recurse deep enough
     * to overflow the stack (e.g. {@code (a|aa)*b}); that is caught and re2j decides.
     */
    static final int JDK_MAX_INPUT = 1 << 20;

    private final Pattern pattern;
    private final java.util.regex.Pattern fast;
    /** Per mandatory group, lower-cased literals of which a match needs one ({@link RegexLiterals#groupSets}); or null. */
    private final String[][] groupSets;
    /** Lower-cased literals of which a match needs one (see {@link RegexLiterals}); null if none known. */
    private final String[] required;
    /** Lower-cased literal runs a match contains in this order; null if none known. */
    private final String[] ordered;
    private final ThreadLocal<State> state;
    /** A linear-time answer for the pattern's shape, when it has one of the shapes it knows. */
    private final RegexShortcut shortcut;
    /**
     * When every match is one character and then this literal character (e.g. {@code \w`...}),
     * the JDK engine is started only just before each occurrence of it instead of at every
     * position of a long value; 0 when the pattern has no such shape.
     */
    private final char anchor;
    private final int anchorOffset;
    /**
     * The literal every match of the JDK twin starts with ({@code cmd} of {@code cmd.{0,5}(?:/c|/r)...},
     * {@code set} of {@code (?i)(set).*&&...}), lower-cased when the pattern folds case; or null.
     * The engine is then started only where it occurs, found by the intrinsic substring search,
     * instead of at every position (or at every occurrence of its first character).
     */
    private final String lead;
    private final boolean leadFolded;
    /** A run of class characters every match holds ({@code [a-f0-9]{64}}), checked before the regex runs; or null. */
    private final ClassRun run;

    private static final class State {
        final com.google.re2j.Matcher slow;
        final BudgetChars chars = new BudgetChars();
        final java.util.regex.Matcher fast;

        State(Pattern p, java.util.regex.Pattern f) {
            slow = p.matcher("");
            fast = f == null ? null : f.matcher(chars);
        }
    }

    RegexText(Pattern pattern) {
        this.pattern = pattern;
        this.fast = jdk(pattern.pattern(), pattern.flags());
        java.util.List<String> lits = RegexLiterals.required(pattern.pattern());
        this.required = lits == null ? null : lits.toArray(new String[0]);
        java.util.List<java.util.List<String>> sets = RegexLiterals.groupSets(pattern.pattern());
        this.groupSets = sets == null || sets.isEmpty() ? null : sets.stream().map(l -> l.toArray(new String[0])).toArray(String[][]::new);
        java.util.List<String> runs = RegexLiterals.orderedRuns(pattern.pattern());
        this.ordered = runs == null ? null : runs.toArray(new String[0]);
        java.util.regex.Pattern f = fast;
        this.state = ThreadLocal.withInitial(() -> new State(pattern, f));
        this.shortcut = RegexShortcut.of(pattern.pattern(), pattern.flags());
        this.anchor = fast == null ? 0 : anchorAfterLeadingAtom(fast.pattern(), fast.flags());
        this.anchorOffset = anchor == 0 ? 0 : anchorOffset(fast.pattern());
        String lit = fast == null ? null : leadingLiteral(fast.pattern());
        this.leadFolded = lit != null && ((pattern.flags() & Pattern.CASE_INSENSITIVE) != 0 || fast.pattern().contains("(?i"));
        this.lead = lit == null ? null : leadFolded ? RegexLiterals.lowerUnits(lit) : lit;
        this.run = ClassRun.of(pattern.pattern(), (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0);
    }

    /** The JDK twin of an RE2 pattern, or null when the dialects might disagree. */
    static java.util.regex.Pattern jdk(String re, int re2Flags) {
        if (re.contains("[:") || re.contains("(?P") || re.contains("\\C") || re.contains("\\Q")) {
            return null;
        }
        boolean multiline = (re2Flags & Pattern.MULTILINE) != 0;
        int flags = java.util.regex.Pattern.UNIX_LINES;
        if ((re2Flags & Pattern.CASE_INSENSITIVE) != 0) {
            flags |= java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE;
        }
        if (multiline) {
            flags |= java.util.regex.Pattern.MULTILINE;
        }
        if ((re2Flags & Pattern.DOTALL) != 0) {
            flags |= java.util.regex.Pattern.DOTALL;
        }
        String text = re;
        if (re.contains("(?i") || re.contains("(?m") || re.contains("(?s")) {
            // inline flags: (?i) needs UNICODE_CASE to fold like RE2; (?m) changes what $ means
            if (re.contains("(?m") || re.matches(".*\\(\\?[a-z]*m.*")) {
                return null;
            }
            flags |= java.util.regex.Pattern.UNICODE_CASE;
        }
        if (!multiline) {
            text = dollarToEnd(re);
        }
        text = trimLeadingRepeat(text);
        try {
            return java.util.regex.Pattern.compile(text, flags);
        } catch (java.util.regex.PatternSyntaxException e) {
            return null;
        }
    }

    /**
     * For a search (find), a leading {@code X+} can be {@code X} and a leading {@code X*} can go:
     * the pattern finds a match exactly when the rewritten one does (only where the match starts
     * changes). Saves the backtracking engine a quadratic retry from every position, e.g. for
     * {@code \w+`...}. Only for patterns without top-level alternation.
     */
    /** Where leading inline-flag groups such as {@code (?i)} or {@code (?is)} end (0 when none). */
    static int inlineFlagsEnd(String re) {
        int end = 0;
        while (re.startsWith("(?", end)) {
            int close = re.indexOf(')', end);
            if (close < 0 || close == end + 2 || !re.substring(end + 2, close).chars().allMatch(c -> "imsu-".indexOf(c) >= 0)) {
                break;
            }
            end = close + 1;
        }
        return end;
    }

    static String trimLeadingRepeat(String re) {
        int flagsEnd = 0;
        while (re.startsWith("(?", flagsEnd)) {
            int close = re.indexOf(')', flagsEnd);
            if (close < 0 || !re.substring(flagsEnd + 2, close).chars().allMatch(c -> "imsux-".indexOf(c) >= 0)) {
                break;
            }
            flagsEnd = close + 1;
        }
        String body = re.substring(flagsEnd);
        int atomEnd = leadingAtomEnd(body);
        if (atomEnd < 0 || atomEnd >= body.length() || hasTopLevelBar(body)) {
            return re;
        }
        char q = body.charAt(atomEnd);
        int after = atomEnd + 1;
        boolean lazy = after < body.length() && body.charAt(after) == '?';
        boolean possessive = after < body.length() && body.charAt(after) == '+';
        if (possessive || (q != '+' && q != '*')) {
            return re;
        }
        int rest = after + (lazy ? 1 : 0);
        String tail = body.substring(rest);
        String prefix = re.substring(0, flagsEnd);
        return q == '+' ? prefix + body.substring(0, atomEnd) + tail : prefix + tail;
    }

    /** End of a leading single-character atom: {@code .}, an escape like {@code \w}, or a class. */
    private static int leadingAtomEnd(String b) {
        if (b.isEmpty()) {
            return -1;
        }
        char c = b.charAt(0);
        if (c == '.') {
            return 1;
        }
        if (c == '\\' && b.length() > 1 && "wWdDsS".indexOf(b.charAt(1)) >= 0) {
            return 2;
        }
        if (c == '[') {
            int j = 1;
            if (j < b.length() && b.charAt(j) == '^') {
                j++;
            }
            if (j < b.length() && b.charAt(j) == ']') {
                j++;
            }
            while (j < b.length() && b.charAt(j) != ']') {
                if (b.charAt(j) == '\\' || b.charAt(j) == '[') {
                    return -1; // escapes and nested classes: not worth understanding here
                }
                j++;
            }
            return j < b.length() ? j + 1 : -1;
        }
        return -1;
    }

    /**
     * The literal character at a fixed place near the start of every match of the JDK twin
     * {@code re}, or 0: either the pattern's first character (offset 0) or the one after a
     * leading single-character atom (offset 1; see {@link #anchorOffset}). The literal must not
     * be repeated or optional, and there is no top-level alternation. Letters only when the
     * pattern is case-sensitive.
     */
    static char anchorAfterLeadingAtom(String re, int flags) {
        int at = anchorOffset(re);
        if (at < 0) {
            return 0;
        }
        int start = inlineFlagsEnd(re);
        if (re.substring(0, start).contains("i")) {
            flags |= java.util.regex.Pattern.CASE_INSENSITIVE;
        }
        re = re.substring(start);
        int i = at == 0 ? 0 : leadingAtomEnd(re);
        int next = literalEnd(re, i, re.length());
        if (next < 0) {
            return 0;
        }
        char lit = re.charAt(next - 1);
        if (next < re.length() && "*+?{".indexOf(re.charAt(next)) >= 0) {
            return 0;
        }
        if (lit == '\n' || lit > 127 || (Character.isLetter(lit) && (flags & java.util.regex.Pattern.CASE_INSENSITIVE) != 0)) {
            return 0;
        }
        return lit;
    }

    /**
     * Where the anchor literal sits in every match: 0 when the pattern starts with it, 1 after a
     * leading single-character atom, -1 when the pattern has neither shape.
     */
    static int anchorOffset(String re) {
        re = re.substring(inlineFlagsEnd(re)); // (?i) and the like match nothing: the anchor is after them
        if (re.isEmpty() || re.startsWith("(?") || hasTopLevelBar(re)) {
            return -1;
        }
        char c = re.charAt(0);
        if (c == '\\' ? re.length() > 1 && !Character.isLetterOrDigit(re.charAt(1)) : "^$.*+?()[]{}|".indexOf(c) < 0) {
            return 0;
        }
        int atomEnd = leadingAtomEnd(re);
        return atomEnd < 0 || atomEnd >= re.length() ? -1 : 1;
    }

    private static boolean hasTopLevelBar(String re) {
        List<String> branches = RegexLiterals.splitTopLevel(re);
        return branches == null || branches.size() > 1; // unbalanced: assume the worst
    }

    /** Rewrites each unescaped {@code $} outside a character class to {@code \z} (RE2's non-multiline {@code $}). */
    private static String dollarToEnd(String re) {
        StringBuilder sb = new StringBuilder(re.length() + 4);
        boolean inClass = false;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < re.length()) {
                sb.append(c).append(re.charAt(++i));
            } else if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                sb.append(c);
            } else if (c == '[') {
                inClass = true;
                sb.append(c);
                if (i + 1 < re.length() && re.charAt(i + 1) == '^') {
                    sb.append(re.charAt(++i));
                }
                if (i + 1 < re.length() && re.charAt(i + 1) == ']') {
                    sb.append(re.charAt(++i));
                }
            } else if (c == '$') {
                sb.append("\\z");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public boolean matches(JsonNode value, EventFields event) {
        String s = FieldValues.text(value);
        if (s == null) {
            return false;
        }
        if (required != null && event != null) {
            // A quick, intrinsic substring check on the event's cached lower-cased value often
            // settles it without running the regex at all.
            String low = event.lowerText(value);
            boolean any = false;
            for (String r : required) {
                if (low.contains(r)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        if (ordered != null && event != null) {
            String low = event.lowerText(value);
            int at = 0;
            for (String r : ordered) {
                int k = low.indexOf(r, at);
                if (k < 0) {
                    return false;
                }
                at = k + r.length();
            }
        }
        if (groupSets != null && event != null) {
            String low = event.lowerText(value);
            for (String[] set : groupSets) {
                if (!containsAny(low, set)) {
                    return false;
                }
            }
        }
        if (run != null && !run.presentIn(s)) {
            return false;
        }
        return find(s, !leadFolded ? s : event == null ? null : event.lowerText(value));
    }

    /**
     * The literal at the start of every match of {@code re}: after leading inline flags, plain
     * characters (escaped punctuation included), or those of a leading group holding nothing
     * else, such as {@code (set)}; a character made optional or repeated by a quantifier ends it
     * (kept when it stays mandatory). At least 2 characters; null otherwise or with top-level
     * alternation.
     */
    static String leadingLiteral(String re) {
        String body = re.substring(inlineFlagsEnd(re));
        if (hasTopLevelBar(body)) {
            return null;
        }
        int i = 0;
        int n = body.length();
        int groupClose = -1;
        if (body.startsWith("(?:")) {
            i = 3;
        } else if (body.startsWith("(") && !body.startsWith("(?")) {
            i = 1;
        }
        if (i > 0) {
            groupClose = body.indexOf(')', i);
            if (groupClose < 0 || (groupClose + 1 < n && "?*+{".indexOf(body.charAt(groupClose + 1)) >= 0)) {
                return null;
            }
            n = groupClose; // the group's content only, which must be all literal
        }
        StringBuilder run = new StringBuilder();
        while (i < n) {
            int next = literalEnd(body, i, n);
            if (next < 0) {
                if (groupClose >= 0) {
                    return null; // the group holds more than a literal
                }
                break;
            }
            if (next < body.length() && "?*{".indexOf(body.charAt(next)) >= 0) {
                break; // optional or counted: the run ends before it
            }
            run.append(body.charAt(next - 1));
            if (next < body.length() && body.charAt(next) == '+') {
                break;
            }
            i = next;
        }
        return run.length() >= 2 ? run.toString() : null;
    }

    private static boolean containsAny(String low, String[] literals) {
        for (String l : literals) {
            if (low.contains(l)) {
                return true;
            }
        }
        return false;
    }

    boolean find(String s) {
        return find(s, leadFolded ? RegexLiterals.lowerUnits(s) : s);
    }

    /** {@code hay}: {@code s}, or {@code s} lower-cased when {@link #lead} is; null when not at hand. */
    private boolean find(String s, String hay) {
        if (shortcut != null) {
            int r = shortcut.find(s);
            if (r != RegexShortcut.UNDECIDED) {
                return r == RegexShortcut.YES;
            }
        }
        State st = state.get();
        if (st.fast != null && s.length() <= JDK_MAX_INPUT) {
            st.chars.reset(s, (long) BUDGET_PER_CHAR * s.length() + 4096);
            try {
                st.fast.reset(st.chars);
                if (lead != null && hay != null) {
                    return leadFind(st.fast, hay);
                }
                if (anchor != 0) {
                    return anchoredFind(st.fast, s);
                }
                return st.fast.find();
            } catch (BudgetChars.Exhausted | StackOverflowError e) {
                // over budget (or too deep): the linear-time engine decides
            }
        }
        st.slow.reset(s);
        return st.slow.find();
    }

    /** find() where every match starts with {@link #lead}: the engine is tried only where it occurs in {@code hay}. */
    private boolean leadFind(java.util.regex.Matcher m, String hay) {
        m.useTransparentBounds(true).useAnchoringBounds(false);
        int n = hay.length();
        for (int q = hay.indexOf(lead); q >= 0; q = hay.indexOf(lead, q + 1)) {
            m.region(q, n);
            if (m.lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /** find() where every match starts {@link #anchorOffset} characters before an occurrence of {@link #anchor}. */
    private boolean anchoredFind(java.util.regex.Matcher m, String s) {
        m.useTransparentBounds(true).useAnchoringBounds(false);
        int n = s.length();
        for (int q = s.indexOf(anchor, anchorOffset); q >= 0; q = s.indexOf(anchor, q + 1)) {
            m.region(q - anchorOffset, n);
            if (m.lookingAt()) {
                return true;
            }
        }
        return false;
    }

    Pattern pattern() {
        return pattern;
    }

    @Override
    public java.util.List<String> literals() {
        return RegexLiterals.required(pattern.pattern());
    }

    @Override
    public int cost() {
        return 50;
    }

    /**
     * The end of the literal atom at {@code i} (a plain character, or a backslash and a character
     * that is neither letter nor digit) within {@code re[0, n)}, or -1 when there is none; its
     * character is the one just before that end.
     */
    private static int literalEnd(String re, int i, int n) {
        char c = re.charAt(i);
        if (c == '\\' && i + 1 < n && !Character.isLetterOrDigit(re.charAt(i + 1))) {
            return i + 2;
        }
        return "\\^$.*+?()[]{}|".indexOf(c) < 0 ? i + 1 : -1;
    }
}
