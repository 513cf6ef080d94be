package tansa.cli;

/**
 * Text from evidence made safe and readable for a terminal. Evidence is written by the attacker:
 * a computer name can carry {@code ESC ] 0 ; ... BEL} (retitles the window), a command line
 * {@code ESC [ 2 J} (clears the screen), a file name U+202E (shows the rest of the line reversed).
 * Every text-mode output and message goes through here; JSON outputs stay exact.
 *
 * <p>Escapes: C0 controls and DEL as {@code \xHH} ({@code \n}, {@code \r}, {@code \t} by name), C1
 * controls, bidi controls, line and paragraph separators, and unpaired surrogates as
 * {@code \\uHHHH}. A backslash is not escaped: Windows paths are full of them, and a literal
 * {@code \x1b} in evidence is harmless text. Stateless and thread-safe.
 */
final class TerminalText {
    /** Longest evidence-derived string a message shows; Jackson caps what it echoes at 256 too. */
    static final int MESSAGE_LIMIT = 256;

    private TerminalText() {
    }

    /** True when {@code c} must not reach a terminal raw. */
    static boolean unsafe(char c) {
        if (c < 0x20 || c == 0x7f) {
            return true;
        }
        if (c < 0x80) {
            return false;
        }
        return c <= 0x9f                         // C1 controls, CSI (U+009B) among them
                || c == 0x061c                   // Arabic letter mark
                || c == 0x200e || c == 0x200f    // LRM, RLM
                || (c >= 0x202a && c <= 0x202e)  // LRE RLE PDF LRO RLO
                || (c >= 0x2066 && c <= 0x2069)  // LRI RLI FSI PDI
                || c == 0x2028 || c == 0x2029    // line and paragraph separators
                || c == 0xfeff;                  // BOM / zero-width no-break space
    }

    /** {@code s} with every unsafe character escaped; null as "-". */
    static String escape(CharSequence s) {
        return escape(s, Integer.MAX_VALUE);
    }

    /**
     * {@code s} escaped and cut to at most {@code max} characters of output (the cut marked with
     * {@code …}); null as "-".
     */
    static String escape(CharSequence s, int max) {
        if (s == null) {
            return "-";
        }
        int n = s.length();
        int i = 0;
        while (i < n && !needsWork(s, i)) {
            i++;
        }
        if (i == n && n <= max) {
            return s.toString();
        }
        // Escape until one character past the limit is known, then cut to the limit.
        StringBuilder sb = new StringBuilder((int) Math.min((long) n + 16, (long) max + 8));
        int limit = max == Integer.MAX_VALUE ? max : max + 1;
        sb.append(s, 0, Math.min(i, limit));
        i = Math.min(i, limit);
        for (; i < n && sb.length() <= max; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                hex4(sb, c);
            } else if (unsafe(c)) {
                append(sb, c);
            } else {
                sb.append(c);
            }
        }
        if (sb.length() > max) {
            sb.setLength(Math.max(0, max - 1));
            if (sb.length() > 0 && Character.isHighSurrogate(sb.charAt(sb.length() - 1))) {
                sb.setLength(sb.length() - 1);
            }
            sb.append('\u2026');
        }
        return sb.toString();
    }

    private static boolean needsWork(CharSequence s, int i) {
        char c = s.charAt(i);
        if (unsafe(c)) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }

    /** Appends the escape of one unsafe character. */
    static void append(StringBuilder sb, char c) {
        switch (c) {
            case '\n': sb.append("\\n"); return;
            case '\r': sb.append("\\r"); return;
            case '\t': sb.append("\\t"); return;
            default:
                if (c < 0x80) {
                    sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 15]);
                } else {
                    hex4(sb, c);
                }
        }
    }

    private static void hex4(StringBuilder sb, char c) {
        sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * Columns {@code s} takes on a terminal: East Asian wide and fullwidth characters count two,
     * combining marks and zero-width characters none (Unicode's EastAsianWidth W and F ranges,
     * as terminals implement them; written here rather than pulling in ICU4J's 14 MB for one table).
     */
    static int width(CharSequence s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = Character.codePointAt(s, i);
            i += Character.charCount(cp);
            w += width(cp);
        }
        return w;
    }

    /** Columns one code point takes: 0, 1 or 2. */
    static int width(int cp) {
        if (cp < 0x300) {
            return 1;
        }
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || cp == 0x200b) {
            return 0;
        }
        return wide(cp) ? 2 : 1;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115f)      // Hangul Jamo initials
                || cp == 0x2329 || cp == 0x232a
                || (cp >= 0x2e80 && cp <= 0x303e)  // CJK radicals, symbols and punctuation
                || (cp >= 0x3041 && cp <= 0x33ff)  // kana, bopomofo, CJK compatibility
                || (cp >= 0x3400 && cp <= 0x4dbf)  // CJK extension A
                || (cp >= 0x4e00 && cp <= 0x9fff)  // CJK unified ideographs
                || (cp >= 0xa000 && cp <= 0xa4cf)  // Yi
                || (cp >= 0xa960 && cp <= 0xa97f)  // Hangul Jamo extended-A
                || (cp >= 0xac00 && cp <= 0xd7a3)  // Hangul syllables
                || (cp >= 0xf900 && cp <= 0xfaff)  // CJK compatibility ideographs
                || (cp >= 0xfe10 && cp <= 0xfe19)  // vertical forms
                || (cp >= 0xfe30 && cp <= 0xfe6f)  // CJK compatibility forms, small forms
                || (cp >= 0xff00 && cp <= 0xff60)  // fullwidth forms
                || (cp >= 0xffe0 && cp <= 0xffe6)
                || (cp >= 0x1f300 && cp <= 0x1f64f) // pictographs and emoticons
                || (cp >= 0x1f900 && cp <= 0x1f9ff)
                || (cp >= 0x20000 && cp <= 0x3fffd); // CJK extensions B and later
    }

    /**
     * {@code s} (already escaped) fitted to exactly {@code cols} terminal columns: cut with
     * {@code …} when wider, padded with spaces when narrower.
     */
    static String fit(String s, int cols) {
        StringBuilder sb = new StringBuilder(cols + 4);
        int w = 0;
        int total = width(s);
        if (total <= cols) {
            sb.append(s);
            w = total;
        } else {
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                int cw = width(cp);
                if (w + cw > cols - 1) {
                    break;
                }
                sb.appendCodePoint(cp);
                w += cw;
                i += Character.charCount(cp);
            }
            sb.append('\u2026');
            w++;
        }
        while (w < cols) {
            sb.append(' ');
            w++;
        }
        return sb.toString();
    }

    /** {@code s} (already escaped) cut with {@code …} to at most {@code cols} columns, not padded. */
    static String cut(String s, int cols) {
        if (width(s) <= cols) {
            return s;
        }
        return fit(s, cols).stripTrailing();
    }
}
