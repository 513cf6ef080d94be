package tansa.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * HTML text: every value that did not come from this code goes through {@link #esc} (element
 * text and quoted attribute values alike) or {@link #url} (a query parameter). Pages are built
 * as strings: no template engine, no inline script, no style attribute (the CSP forbids both).
 */
final class Html {
    private Html() {
    }

    /** Escapes {@code & < > " '} (null as empty). */
    static String esc(Object o) {
        if (o == null) {
            return "";
        }
        String s = o.toString();
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r != null || (c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16);
                    b.append(s, 0, i);
                }
                b.append(r != null ? r : "\uFFFD");
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /** A query-parameter value. */
    static String url(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
