package tansa.exposure.claims;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ls -l}, {@code ls -lR} and {@code find -ls} output: the size column of regular files
 * ('-' type), names joined to the directory of the last {@code dir:} heading. Directories, links,
 * devices, {@code total N} lines and headings are ignored.
 */
final class LsListing implements LineLayout {
    private static final String MONTH = "[A-Za-z\u00c0-\u017f]{3,5}\\.?";
    /** {@code Jan 15 10:22}, {@code Jan 15  2024}, {@code 15 janv. 10:22}, {@code 1月 15 10:22}, long and full ISO. */
    static final String DATE = "(?:(?:" + MONTH + "\\s+\\d{1,2}|\\d{1,2}\\.?\\s+" + MONTH + "|\\d{1,2}月\\s+\\d{1,2}日?)\\s+(?:\\d{1,2}:\\d{2}|\\d{4}年?)"
            + "|\\d{4}-\\d{2}-\\d{2}(?:[ T]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:\\s*[+-]\\d{4})?)?)";
    /** Optional {@code find -ls} inode and blocks, type and mode, links, owner and group, size, date, name. */
    static final Pattern ENTRY = Pattern.compile("\\s*(?:\\d+\\s+\\d+\\s+)?(?<type>[-dlcbpsDn?])[-rwxsStTlL?]{9}[.+@]?\\s+\\d+\\s+(?:\\S+\\s+)*?"
            + "(?<size>\\d[\\d,.']*(?:[KMGTP]i?B?|k)?)\\s+" + DATE + "\\s+(?<name>.+)");
    private static final Pattern HEADING = Pattern.compile("(?<dir>.+):");

    private final LeakList list;
    private String dir;

    LsListing(LeakList list) {
        this.list = list;
    }

    @Override
    public void line(String text, int n) {
        Matcher m = ENTRY.matcher(text);
        if (m.matches()) {
            SizeText size = SizeText.parse(m.group("size"));
            String name = PathText.unquote(m.group("name").strip());
            if (!m.group("type").equals("-") || size == null || name.isEmpty()) {
                list.ignore();
                return;
            }
            list.claim(n, name.startsWith("/") ? name : PathText.join(dir, name), name, size, null, null);
            return;
        }
        Matcher h = HEADING.matcher(text.strip());
        if (h.matches() && !text.strip().toLowerCase(java.util.Locale.ROOT).startsWith("total")) {
            dir = PathText.unquote(h.group("dir"));
        }
        list.ignore();
    }

    @Override
    public void blank(int n) {
        // ls -lR separates directories by a blank line; the next heading sets the directory.
    }
}
