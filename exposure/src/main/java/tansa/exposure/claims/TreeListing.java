package tansa.exposure.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tree} output, full paths rebuilt from the indentation: Linux {@code tree} (box-drawing or
 * {@code --charset=ascii}, with {@code -s}/{@code -h} sizes in brackets), where an entry with deeper
 * entries under it is a directory and the rest are files; and Windows {@code tree /F} (box-drawing
 * or {@code /A}), where directories have a branch ({@code ├───}) and files none. The line before
 * the tree (its root) is joined in front; headings, filler lines and the
 * {@code N directories, M files} summary are ignored.
 */
final class TreeListing implements LineLayout {
    private static final String[] UNITS = {"\u2502   ", "|   ", "    "};
    private static final String[] UNIX_BRANCHES = {"\u251c\u2500\u2500 ", "\u2514\u2500\u2500 ", "|-- ", "`-- "};
    private static final String[] WINDOWS_BRANCHES = {"\u251c\u2500\u2500\u2500", "\u2514\u2500\u2500\u2500", "+---", "\\---"};
    private static final Pattern BRACKET = Pattern.compile("\\[(?<meta>[^\\]]*)\\]\\s+(?<name>.+)");
    private static final Pattern MONTH_OR_DATE = Pattern.compile("[A-Za-z]{3}\\.?|\\d{4}-\\d{2}-\\d{2}");

    /** The first line of {@code tree /F}: English, Japanese, German, French. */
    static final Pattern WINDOWS_HEADING = Pattern.compile(
            "Folder PATH listing.*|フォルダー パスの一覧.*|Auflistung der Ordnerpfade.*|Structure du dossier.*");

    private final LeakList list;
    private final boolean windows;
    private final List<String> dirs = new ArrayList<>();
    private String root;
    private Pending pending;

    private record Pending(int depth, String name, SizeText size, int line) {
    }

    TreeListing(LeakList list, boolean windows) {
        this.list = list;
        this.windows = windows;
    }

    /** Whether a line is a tree entry of the Linux (false) or Windows (true) form. */
    static boolean isEntry(String line, boolean windows) {
        String s = line.replace('\u00a0', ' ');
        int i = 0;
        while (unitAt(s, i)) {
            i += 4;
        }
        return branchAt(s, i, windows ? WINDOWS_BRANCHES : UNIX_BRANCHES);
    }

    /** A {@code tree /F} file line: a vertical rule unit, then a name (no branch). */
    static boolean isWindowsFile(String line) {
        return (line.startsWith("\u2502   ") || line.startsWith("|   ")) && line.length() > 4 && !isEntry(line, false)
                && line.strip().length() > 1 && !fillerOnly(line.strip());
    }

    private static boolean unitAt(String s, int i) {
        for (String u : UNITS) {
            if (s.startsWith(u, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean branchAt(String s, int i, String[] branches) {
        for (String b : branches) {
            if (s.startsWith(b, i)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void line(String text, int n) {
        String s = text.replace('\u00a0', ' ').stripTrailing();
        int i = 0;
        while (unitAt(s, i)) {
            i += 4;
        }
        int units = i / 4;
        if (branchAt(s, i, windows ? WINDOWS_BRANCHES : UNIX_BRANCHES)) {
            String rest = s.substring(i + 4);
            if (windows) {
                trim(units);
                dirs.add(rest);
                list.ignore();
            } else {
                entry(units + 1, rest, n);
            }
            return;
        }
        String rest = s.substring(i).strip();
        if (units > 0 && windows && !fillerOnly(rest)) {
            flush();
            trim(units - 1);
            list.claim(n, path(rest), rest, null, null, null);
            return;
        }
        if (units == 0 && i == 0 && !fillerOnly(rest)) {
            flush();
            root = rest;
            dirs.clear();
        }
        list.ignore();
    }

    private static boolean fillerOnly(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\u2502' && c != '|' && c != ' ') {
                return false;
            }
        }
        return true;
    }

    /** A Linux tree entry: a directory if the next entry is deeper, else a file. */
    private void entry(int depth, String rest, int n) {
        SizeText size = null;
        String name = rest;
        Matcher b = BRACKET.matcher(rest);
        if (b.matches()) {
            size = bracketSize(b.group("meta"));
            name = b.group("name");
        }
        if (pending != null) {
            if (depth > pending.depth) {
                list.ignore();
                pending = null;
            } else {
                flush();
            }
        }
        trim(depth - 1);
        if (name.endsWith("/")) {
            dirs.add(name.substring(0, name.length() - 1)); // tree -F
            list.ignore();
            return;
        }
        dirs.add(name);
        pending = new Pending(depth, name, size, n);
    }

    /** The size in {@code [-rw-r--r-- user 1234 Jan 15 10:22]}: the token before the date, else the last. */
    private static SizeText bracketSize(String meta) {
        String[] t = meta.strip().split("\\s+");
        int end = t.length;
        for (int i = 0; i < t.length; i++) {
            if (MONTH_OR_DATE.matcher(t[i]).matches()) {
                end = i;
                break;
            }
        }
        return end == 0 ? null : SizeText.parse(t[end - 1]);
    }

    private void flush() {
        if (pending != null) {
            Pending p = pending;
            pending = null;
            trim(p.depth);
            dirs.remove(dirs.size() - 1);
            list.claim(p.line, path(p.name), p.name, p.size, null, null);
        }
    }

    private void trim(int depth) {
        while (dirs.size() > depth) {
            dirs.remove(dirs.size() - 1);
        }
    }

    /** The full path of a name under the current directories; {@code tree -f} names are full already. */
    private String path(String name) {
        if (name.startsWith("/") || name.startsWith("./") || name.startsWith("\\\\") || name.length() > 2 && name.charAt(1) == ':'
                || root != null && !root.equals(".") && (name.startsWith(root + "/") || name.startsWith(root + "\\"))) {
            return name;
        }
        String p = root;
        for (String d : dirs) {
            p = PathText.join(p, d);
        }
        return PathText.join(p, name);
    }

    @Override
    public void end() {
        flush();
    }
}
