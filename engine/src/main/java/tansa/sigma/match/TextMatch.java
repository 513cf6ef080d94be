package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.EventFields;

/**
 * String comparison of a field value with one compiled needle: exact, prefix, suffix, contains
 * or a general {@code *}/{@code ?} glob. The needle is lowered at compile time unless
 * {@code cased}; the haystack is folded one character at a time, so matching never allocates.
 * With {@code windash}, the characters {@code - / – — ―} match one another (modifiers appendix).
 */
final class TextMatch implements ValueMatcher {
    enum Mode { ANY, EXACT, PREFIX, SUFFIX, CONTAINS, GLOB }

    final Mode mode;
    final char[] needle;
    /** The needle as a string, for the lower-cased fast path (case-insensitive, no windash). */
    private final String needleText;
    private final boolean fast;
    private final byte[] kinds;
    private final boolean cased;
    private final boolean windash;
    /**
     * For a glob whose only wildcard is {@code *} (no windash): its literal pieces between the
     * stars, matched left to right with the intrinsic substring search on the event's lower-cased
     * text (or the text itself when cased); {@link #lead} and {@link #trail} tell whether it
     * starts and ends with a star. Null otherwise.
     */
    private final String[] pieces;
    private final boolean lead;
    private final boolean trail;

    private TextMatch(Mode mode, char[] needle, byte[] kinds, boolean cased, boolean windash) {
        this.mode = mode;
        this.needle = needle;
        this.kinds = kinds;
        this.cased = cased;
        this.windash = windash;
        // The fast path compares against the event's lower-cased copy (dashes unified under
        // windash) with String's intrinsics; both sides are lowered per UTF-16 character.
        this.fast = !cased && mode != Mode.GLOB;
        if (windash) {
            char[] d = needle.clone();
            for (int i = 0; i < d.length; i++) {
                if (isDash(d[i])) {
                    d[i] = '-';
                }
            }
            this.needleText = new String(d);
        } else {
            this.needleText = new String(needle);
        }
        String[] p = null;
        if (mode == Mode.GLOB && !windash) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean plain = true;
            for (int i = 0; i < needle.length && plain; i++) {
                if (kinds[i] == GlobText.ANY_SEQ) {
                    parts.add(cur.toString());
                    cur.setLength(0);
                } else {
                    plain = kinds[i] == GlobText.LITERAL;
                    cur.append(needle[i]);
                }
            }
            parts.add(cur.toString());
            p = plain ? parts.toArray(new String[0]) : null;
        }
        this.pieces = p;
        this.lead = p != null && p[0].isEmpty();
        this.trail = p != null && p[p.length - 1].isEmpty();
    }

    /** Whether {@code hay} (lower-cased unless cased) matches the star-only glob {@link #pieces}. */
    private boolean piecesMatch(String hay) {
        String[] p = pieces;
        int last = p.length - 1;
        int n = hay.length();
        if (!lead && !hay.startsWith(p[0])) {
            return false;
        }
        int at = p[0].length();
        int end = trail ? n : n - p[last].length();
        if (end < at) {
            return false;
        }
        for (int i = 1; i < last; i++) {
            if (p[i].isEmpty()) {
                continue;
            }
            int k = hay.indexOf(p[i], at);
            if (k < 0 || k + p[i].length() > end) {
                return false;
            }
            at = k + p[i].length();
        }
        return trail || hay.startsWith(p[last], end);
    }

    static TextMatch of(GlobText g, boolean cased, boolean windash) {
        char[] c = g.chars.clone();
        if (!cased) {
            for (int i = 0; i < c.length; i++) {
                c[i] = lower(c[i]);
            }
        }
        int start = 0;
        int end = c.length;
        boolean lead = false;
        boolean trail = false;
        while (start < end && g.kinds[start] == GlobText.ANY_SEQ) {
            start++;
            lead = true;
        }
        while (end > start && g.kinds[end - 1] == GlobText.ANY_SEQ) {
            end--;
            trail = true;
        }
        boolean inner = false;
        for (int i = start; i < end; i++) {
            if (g.kinds[i] != GlobText.LITERAL) {
                inner = true;
                break;
            }
        }
        if (inner) {
            return new TextMatch(Mode.GLOB, c, g.kinds.clone(), cased, windash);
        }
        char[] core = java.util.Arrays.copyOfRange(c, start, end);
        Mode m;
        if (core.length == 0 && (lead || trail)) {
            m = Mode.ANY;
        } else if (lead && trail) {
            m = Mode.CONTAINS;
        } else if (lead) {
            m = Mode.SUFFIX;
        } else if (trail) {
            m = Mode.PREFIX;
        } else {
            m = Mode.EXACT;
        }
        return new TextMatch(m, core, null, cased, windash);
    }

    @Override
    public java.util.List<String> literals() {
        String l = literal();
        return l == null ? null : java.util.List.of(l);
    }

    /** The longest run of plain characters (no wildcard; no dash under windash), lower-cased. */
    String literal() {
        int bestStart = 0;
        int bestLen = 0;
        int start = 0;
        for (int i = 0; i <= needle.length; i++) {
            boolean plain = i < needle.length && (kinds == null || kinds[i] == GlobText.LITERAL) && !(windash && isDash(needle[i]));
            if (!plain) {
                if (i - start > bestLen) {
                    bestStart = start;
                    bestLen = i - start;
                }
                start = i + 1;
            }
        }
        if (bestLen == 0) {
            return null;
        }
        char[] run = java.util.Arrays.copyOfRange(needle, bestStart, bestStart + bestLen);
        for (int i = 0; i < run.length; i++) {
            run[i] = lower(run[i]);
        }
        return new String(run);
    }

    /** The lowered needle when this is a plain case-insensitive substring test (keywords), else null. */
    String plainContainsNeedle() {
        return mode == Mode.CONTAINS && !cased && !windash ? new String(needle) : null;
    }

    static char lower(char c) {
        return tansa.event.CaseFold.lower(c);
    }

    static boolean isDash(char c) {
        return c == '-' || c == '/' || c == '\u2013' || c == '\u2014' || c == '\u2015';
    }

    private boolean eq(char h, char n) {
        if (h == n) {
            return true;
        }
        if (!cased && lower(h) == n) {
            return true;
        }
        return windash && isDash(n) && isDash(h);
    }

    private boolean regionEq(String s, int off) {
        char[] nd = needle;
        for (int i = 0; i < nd.length; i++) {
            if (!eq(s.charAt(off + i), nd[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean matches(JsonNode value, EventFields event) {
        if (pieces != null) {
            String hay = cased || event == null ? FieldValues.text(value) : event.lowerText(value);
            if (hay == null) {
                return false;
            }
            return cased || event != null ? piecesMatch(hay) : glob(hay);
        }
        if (fast && event != null) {
            if (!windash && mode != Mode.CONTAINS && mode != Mode.ANY && value.isTextual()) {
                // Equality, prefix and suffix read at most the needle's length: folding those
                // characters beats lower-casing the whole value (a script block can be 100 KB).
                return matchesText(value.textValue());
            }
            String low = windash ? event.windashText(value) : event.lowerText(value);
            if (low == null) {
                return false;
            }
            switch (mode) {
                case ANY: return true;
                case EXACT: return low.equals(needleText);
                case PREFIX: return low.startsWith(needleText);
                case SUFFIX: return low.endsWith(needleText);
                default: return low.contains(needleText);
            }
        }
        String s = FieldValues.text(value);
        return s != null && matchesText(s);
    }

    boolean matchesText(String s) {
        int n = s.length();
        int m = needle.length;
        switch (mode) {
            case ANY:
                return true;
            case EXACT:
                return n == m && regionEq(s, 0);
            case PREFIX:
                return n >= m && regionEq(s, 0);
            case SUFFIX:
                return n >= m && regionEq(s, n - m);
            case CONTAINS:
                return contains(s, n, m);
            default:
                return glob(s);
        }
    }

    private boolean contains(String s, int n, int m) {
        if (m == 0) {
            return true;
        }
        char first = needle[0];
        for (int i = 0, last = n - m; i <= last; i++) {
            if (eq(s.charAt(i), first) && regionEq(s, i)) {
                return true;
            }
        }
        return false;
    }

    /** Greedy glob with single-star backtracking: O(n*m) worst case, no recursion, no allocation. */
    private boolean glob(String s) {
        char[] p = needle;
        byte[] k = kinds;
        int n = s.length();
        int m = p.length;
        int si = 0;
        int pi = 0;
        int starP = -1;
        int starS = 0;
        while (si < n) {
            if (pi < m && k[pi] == GlobText.ANY_SEQ) {
                starP = pi++;
                starS = si;
            } else if (pi < m && (k[pi] == GlobText.ANY_CHAR || eq(s.charAt(si), p[pi]))) {
                si++;
                pi++;
            } else if (starP >= 0) {
                pi = starP + 1;
                si = ++starS;
            } else {
                return false;
            }
        }
        while (pi < m && k[pi] == GlobText.ANY_SEQ) {
            pi++;
        }
        return pi == m;
    }
}
