package tansa.exposure.claims;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PowerShell {@code Get-ChildItem} (5 and 7) as {@code Format-Table} prints it: blocks headed by
 * {@code Directory: X}, then {@code Mode LastWriteTime Length Name} rows (on Linux and macOS,
 * {@code UnixMode User Group LastWriteTime Size Name}). Directory rows (mode
 * {@code d}) have no length and are ignored, as are the headings and the {@code ----} rules.
 */
final class GciListing implements LineLayout {
    static final Pattern HEADING = Pattern.compile("\\s*Directory:\\s+(?<dir>.+?)\\s*");
    static final Pattern COLUMNS = Pattern.compile("\\s*(?:Mode\\s+LastWriteTime\\s+Length|UnixMode\\s+User\\s+Group\\s+LastWriteTime\\s+Size)\\s+Name\\s*");
    static final Pattern ROW = Pattern.compile("(?<mode>[-darhslcienpx]{4,6})\\s+(?<date>\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4})\\s+"
            + "(?<time>\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?[AaPp][Mm])?)\\s+(?:(?<size>\\d+)\\s+)?(?<name>.+)");

    /** PowerShell 7 on Linux and macOS: UnixMode, User, Group, LastWriteTime, Size, Name. */
    static final Pattern UNIX_ROW = Pattern.compile("(?<mode>[-dlcbps][-rwxsStT]{9})\\s+\\S+\\s+\\S+\\s+(?<date>\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4})\\s+"
            + "(?<time>\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?[AaPp][Mm])?)\\s+(?<size>\\d+)\\s+(?<name>.+)");

    private final LeakList list;
    private String dir;

    GciListing(LeakList list) {
        this.list = list;
    }

    @Override
    public void line(String text, int n) {
        Matcher m = ROW.matcher(text.strip());
        if (!m.matches()) {
            m = UNIX_ROW.matcher(text.strip());
        }
        if (m.matches()) {
            String mode = m.group("mode");
            if (mode.charAt(0) != '-' || m.group("size") == null) {
                list.ignore(); // directories and reparse points
                return;
            }
            String name = m.group("name");
            list.claim(n, PathText.join(dir, name), name, SizeText.parse(m.group("size")), null, null);
            return;
        }
        Matcher h = HEADING.matcher(text);
        if (h.matches()) {
            dir = h.group("dir");
        }
        list.ignore();
    }
}
