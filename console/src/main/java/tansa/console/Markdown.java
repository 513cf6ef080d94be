package tansa.console;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Notes as HTML: CommonMark with raw HTML escaped (a {@code <script>} in a note is shown as text)
 * and link and image URLs sanitised (no {@code javascript:}). Thread-safe (both parts are).
 */
final class Markdown {
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private Markdown() {
    }

    static String html(String markdown) {
        return RENDERER.render(PARSER.parse(markdown));
    }
}
