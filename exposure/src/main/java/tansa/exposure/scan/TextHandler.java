package tansa.exposure.scan;

import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;
import tansa.exposure.detect.TextScanner;

/**
 * Feeds the characters of Tika's XHTML events straight into the detectors: no write limit and no
 * string of the whole document (Tika's BodyContentHandler stops at 100,000 characters by default).
 * Block elements end in a line break and table cells in a tab, so banners stay on their own lines
 * and table columns stay apart.
 */
final class TextHandler extends DefaultHandler {
    private static final char[] NEWLINE = {'\n'};
    private static final char[] TAB = {'\t'};
    private final TextScanner scanner;
    private long visible;

    TextHandler(TextScanner scanner) {
        this.scanner = scanner;
    }

    /** Non-whitespace characters seen: zero means the document has no text. */
    long visible() {
        return visible;
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        for (int k = start; k < start + length && visible == 0; k++) {
            if (!Character.isWhitespace(ch[k])) {
                visible++;
            }
        }
        if (visible > 0) {
            visible += length;
        }
        scanner.append(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        scanner.append(ch, start, length);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) {
        if ("br".equals(localName)) {
            scanner.append(NEWLINE, 0, 1);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        switch (localName) {
            case "p": case "div": case "h1": case "h2": case "h3": case "h4": case "h5": case "h6": case "li": case "tr":
            case "title": case "table": case "pre": case "blockquote": case "dd": case "dt":
                scanner.append(NEWLINE, 0, 1);
                break;
            case "td": case "th":
                scanner.append(TAB, 0, 1);
                break;
            default:
                break;
        }
    }
}
