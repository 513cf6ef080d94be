package tansa.report;

/** Escaping for text and attribute values in the HTML report. */
final class Html {
    private Html() {
    }

    /**
     * A character evidence must not get to act on a reader's screen: C0 (but newline and tab), DEL,
     * C1, bidi embeddings, overrides and isolates, line and paragraph separators.
     */
    static boolean control(char c) {
        return c < 0x20 && c != '\n' && c != '\t' || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                case '&':
                    b.append("&amp;");
                    break;
                case '"':
                    b.append("&quot;");
                    break;
                case '\'':
                    b.append("&#39;");
                    break;
                default:
                    // Controls from evidence (ESC, bidi overrides) are shown, never obeyed.
                    if (control(c)) {
                        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.toString();
    }
}
