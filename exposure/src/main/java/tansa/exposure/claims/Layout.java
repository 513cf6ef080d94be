package tansa.exposure.claims;

import java.util.List;

/**
 * How a whole leak list is laid out, told from its first {@value LeakList#SNIFF_LINES} lines: the
 * structural layouts (JSON, tool listings with headings or indentation, a delimited header) are
 * decided per file, since a heading or an indentation changes what the lines after it mean;
 * {@link #COLUMNS} reads each line on its own.
 */
public enum Layout {
    JSON("json"),
    DIR("dir"),
    GET_CHILD_ITEM("get-childitem"),
    TREE_WINDOWS("tree-windows"),
    TREE("tree"),
    LS("ls"),
    CSV("csv"),
    COLUMNS("columns");

    private final String id;

    Layout(String id) {
        this.id = id;
    }

    /** The name in the output ({@code dir}, {@code tree}, ...). */
    public String id() {
        return id;
    }

    static Layout detect(List<String> head) {
        int lines = 0;
        int dirHeadings = 0;
        int dirRows = 0;
        int gciHeadings = 0;
        int gciRows = 0;
        int treeWindows = 0;
        int treeUnix = 0;
        int ls = 0;
        boolean folderListing = false;
        DelimitedList.Header csv = null;
        int csvRows = 0;
        int csvFit = 0;
        for (String raw : head) {
            String s = raw.isEmpty() || raw.charAt(0) != '\uFEFF' ? raw : raw.substring(1);
            if (s.isBlank()) {
                continue;
            }
            if (lines == 0 && json(s.strip())) {
                return JSON;
            }
            lines++;
            String t = s.strip();
            if (DirListing.HEADING.matcher(s).matches()) {
                dirHeadings++;
            } else if (DirListing.ROW.matcher(t).matches()) {
                dirRows++;
            }
            if (GciListing.HEADING.matcher(s).matches() || GciListing.COLUMNS.matcher(s).matches()) {
                gciHeadings++;
            } else if (GciListing.ROW.matcher(t).matches() || GciListing.UNIX_ROW.matcher(t).matches()) {
                gciRows++;
            }
            if (TreeListing.isEntry(s, false)) {
                treeUnix++;
            } else if (TreeListing.isEntry(s, true) || TreeListing.isWindowsFile(s)) {
                treeWindows++;
            }
            if (TreeListing.WINDOWS_HEADING.matcher(t).matches()) {
                folderListing = true;
            }
            if (LsListing.ENTRY.matcher(s).matches()) {
                ls++;
            }
            if (csv == null && lines <= 20) {
                csv = DelimitedList.header(s);
            } else if (csv != null) {
                csvRows++;
                List<String> f = DelimitedList.split(s, csv.delimiter());
                csvFit += f != null && f.size() == csv.fields() ? 1 : 0;
            }
        }
        if (dirHeadings > 0 && dirRows > 0) {
            return DIR;
        }
        if (gciHeadings > 0 && gciRows > 0) {
            return GET_CHILD_ITEM;
        }
        if (folderListing) {
            return TREE_WINDOWS;
        }
        if (treeWindows + treeUnix >= 2 && (treeWindows + treeUnix) * 5 >= lines) {
            return treeWindows >= treeUnix ? TREE_WINDOWS : TREE;
        }
        if (ls > 0 && ls * 3 >= lines) {
            return LS;
        }
        // A header followed by rows of other shapes is a heading of a plain list.
        return csv != null && csvFit * 2 >= csvRows ? CSV : COLUMNS;
    }

    /** Whether a first line opens a JSON document: '[' or '{' followed by a JSON value or key, not a "[heading]". */
    private static boolean json(String s) {
        if (s.isEmpty() || s.charAt(0) != '[' && s.charAt(0) != '{') {
            return false;
        }
        String rest = s.substring(1).strip();
        if (rest.isEmpty()) {
            return true;
        }
        char c = rest.charAt(0);
        return c == '"' || c == '{' || c == '[' || c == ']' || c == '}' && s.charAt(0) == '{';
    }

    LineLayout parser(LeakList l) {
        switch (this) {
            case DIR:
                return new DirListing(l);
            case GET_CHILD_ITEM:
                return new GciListing(l);
            case TREE_WINDOWS:
                return new TreeListing(l, true);
            case TREE:
                return new TreeListing(l, false);
            case LS:
                return new LsListing(l);
            case CSV:
                return new DelimitedList(l);
            default:
                return new ColumnLine(l);
        }
    }
}
