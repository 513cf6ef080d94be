package tansa.exposure.claims;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * cmd.exe {@code dir} and {@code dir /s} output: file rows (date, time, size, name) joined to the
 * directory of the last {@code Directory of X} heading (English, German, French, Spanish, Italian
 * and Japanese headings). The volume lines, {@code <DIR>} and {@code <JUNCTION>} rows and the
 * {@code N File(s) ... bytes} / {@code Total Files Listed} summaries are ignored.
 */
final class DirListing implements LineLayout {
    static final Pattern HEADING = Pattern.compile(
            "\\s*(?:(?:Directory of|Verzeichnis von|R\u00e9pertoire de|Directorio de|Directory di)\\s+(?<dir>.+?)|(?<ja>.+?) \u306e\u30c7\u30a3\u30ec\u30af\u30c8\u30ea)\\s*");
    static final Pattern ROW = Pattern.compile("(?<date>\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4})\\s+(?:\u5348[\u524d\u5f8c]\\s*)?"
            + "(?<time>\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?[AaPp]\\.?[Mm]\\.?)?)\\s+"
            + "(?:<(?<tag>[A-Z]+)>|(?<size>\\d{1,3}(?:(?<sep>[,.'\u00a0\u202f ])\\d{3})(?:\\k<sep>\\d{3})*|\\d+))\\s+(?<name>.+)");

    private final LeakList list;
    private String dir;

    DirListing(LeakList list) {
        this.list = list;
    }

    @Override
    public void line(String text, int n) {
        Matcher m = ROW.matcher(text.strip());
        if (m.matches()) {
            SizeText size = m.group("size") == null ? null : SizeText.parse(m.group("size"));
            if (size == null) {
                list.ignore(); // <DIR>, <JUNCTION>, <SYMLINKD>
                return;
            }
            String name = m.group("name");
            list.claim(n, PathText.join(dir, name), name, size, null, null);
            return;
        }
        Matcher h = HEADING.matcher(text);
        if (h.matches()) {
            dir = h.group("dir") != null ? h.group("dir") : h.group("ja").strip();
        }
        list.ignore();
    }
}
