package tansa.exposure.claims;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
            String raw = m.group("name").strip();
            String name = unescape(PathText.unquote(raw));
            if (!m.group("type").equals("-") || size == null || name.isEmpty()) {
                list.ignore();
                return;
            }
            list.claim(n, name.startsWith("/") ? name : PathText.join(dir, name), raw, size, null, null);
            return;
        }
        Matcher h = HEADING.matcher(text.strip());
        if (h.matches() && !text.strip().toLowerCase(java.util.Locale.ROOT).startsWith("total")) {
            dir = unescape(PathText.unquote(h.group("dir")));
        }
        list.ignore();
    }

    /**
     * A name as GNU {@code find -ls} and {@code ls -b} escape it: {@code \\ } for a space,
     * {@code \\347\\265\\246} for the UTF-8 bytes of a non-ASCII character, {@code \\\\} for a backslash.
     */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && octal(s, i + 1)) {
                b.write(Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else if (c == '\\' && i + 1 < s.length()) {
                b.writeBytes(String.valueOf(s.charAt(++i)).getBytes(StandardCharsets.UTF_8));
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                b.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static boolean octal(String s, int i) {
        if (i + 3 > s.length()) {
            return false;
        }
        for (int k = i; k < i + 3; k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '7') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void blank(int n) {
        // ls -lR separates directories by a blank line; the next heading sets the directory.
    }
}
