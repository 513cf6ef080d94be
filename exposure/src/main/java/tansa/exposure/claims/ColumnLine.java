package tansa.exposure.claims;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layout of a plain list, read line by line: a path, with or without a size before or after
 * it (right- or left-aligned, separated by spaces, a tab, ',', ';' or '|'), with or without a hex
 * digest first or last ({@code sha256sum}, {@code md5sum}); after other columns
 * ({@code date time size path}); or among columns split by tabs or wide gaps, in any order; an
 * {@code ls -l} or {@code find -ls} line pasted in among them is read as such. Anything else is
 * ignored.
 */
final class ColumnLine implements LineLayout {
    private static final String SIZE = "[(\\[]?(?<size>(?:\\d{1,3}(?:(?<sep>[,.'\u00a0\u202f ])\\d{3})(?:\\k<sep>\\d{3})*(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?)"
            + "(?:\\s?" + SizeText.UNIT + ")?)[)\\]]?";
    private static final String GAP = "(?:\\s*[\\t,;|]\\s*|\\s+)";
    private static final Pattern HEAD = Pattern.compile(SIZE + GAP + "(?<path>.+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAIL = Pattern.compile("(?<path>.+?)" + GAP + SIZE, Pattern.CASE_INSENSITIVE);
    private static final Pattern HASH_FIRST = Pattern.compile("(?<hash>[0-9A-Fa-f]{32}|[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64})(?:\\s+\\*?|\\s*[\\t,;|]\\s*)(?<rest>.+)");
    /** Where a path starts after other columns: a drive, a UNC share, or '/', './', '~/' after a space. */
    private static final Pattern PATH_START = Pattern.compile("(?:^|\\s)(?<path>(?:[A-Za-z]:[\\\\/]|\\\\\\\\|\\.?/|~/)\\S.*)");
    /** A list's enumerator or bullet: "1. ", "12) ", "- ", "* ", "• ". */
    private static final Pattern BULLET = Pattern.compile("(?:\\d{1,6}[.)]|[-*\u2022])\\s+(?<rest>.+)");
    private static final Pattern LAST_SIZE = Pattern.compile("(?<rest>.*?)\\s*" + SIZE + "\\s*[\\t,;|]?\\s*", Pattern.CASE_INSENSITIVE);
    /** An ISO date and time before the path, as {@code rclone lsl} writes it after the size. */
    private static final Pattern DATE_FIRST = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?\\s+(?<rest>.+)");
    private static final Pattern HASH_LAST = Pattern.compile("(?<rest>.+?)" + GAP + "(?<hash>[0-9A-Fa-f]{32}|[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64})");

    private final LeakList list;
    private final LsListing ls;

    ColumnLine(LeakList list) {
        this.list = list;
        this.ls = new LsListing(list);
    }

    @Override
    public void line(String text, int n) {
        String s = text.strip();
        if (s.charAt(0) == '#' || s.length() > 8192) {
            list.ignore();
            return;
        }
        if (LsListing.ENTRY.matcher(s).matches()) {
            ls.line(s, n);
            return;
        }
        if (s.length() > 1 && s.charAt(0) == '|' && s.endsWith("|")) {
            s = s.substring(1, s.length() - 1).strip(); // a Markdown table row
            if (s.isEmpty()) {
                list.ignore();
                return;
            }
        }
        Matcher bullet = BULLET.matcher(s);
        if (bullet.matches()) {
            s = bullet.group("rest");
        }
        String hash = null;
        if (hasHexRun(s)) {
            Matcher h = HASH_FIRST.matcher(s);
            if (h.matches()) {
                hash = h.group("hash");
                s = h.group("rest").strip();
            } else if ((h = HASH_LAST.matcher(s)).matches()) {
                hash = h.group("hash");
                s = h.group("rest").strip();
            }
        }
        String hashType = hash == null ? null : Claim.hashTypeOf(hash);
        Matcher m = HEAD.matcher(s);
        if (m.matches() && !nameWithNumber(text, s, m) && claim(n, m.group("path"), m.group("size"), hash, hashType)) {
            return;
        }
        m = TAIL.matcher(s);
        if (m.matches() && claim(n, m.group("path"), m.group("size"), hash, hashType)) {
            return;
        }
        if (afterColumns(n, s, hash, hashType) || columns(n, s, hash, hashType)) {
            return;
        }
        String path = PathText.unquote(s);
        if (PathText.isFile(path)) {
            list.claim(n, path, path, null, hash, hashType);
        } else {
            list.ignore();
        }
    }

    /**
     * Whether a number before a bare name is part of the name ({@code 2024 Annual Report.pdf}), not
     * a size column: nothing marks a column (the line is not indented, one space follows the
     * number, which has no separator or unit) and the name has no directory.
     */
    private static boolean nameWithNumber(String text, String s, Matcher head) {
        String size = head.group("size");
        int end = head.end("size");
        return !Character.isWhitespace(text.charAt(0)) && s.charAt(0) != '(' && s.charAt(0) != '['
                && end + 1 < s.length() && s.charAt(end) == ' ' && !Character.isWhitespace(s.charAt(end + 1))
                && size.chars().allMatch(Character::isDigit)
                && head.group("path").indexOf('/') < 0 && head.group("path").indexOf('\\') < 0 && PathText.isFile(s);
    }

    /** Whether the line has 32 hex digits in a row: the digest patterns are tried only then. */
    private static boolean hasHexRun(String s) {
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
                if (++run >= 32) {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        return false;
    }

    /**
     * A path after other columns ("2024-01-15 10:22  184,320  E:\\x.xlsx", "17  1.2 MB  /srv/x"):
     * taken only when the column just before the path is a size.
     */
    private boolean afterColumns(int n, String s, String hash, String hashType) {
        Matcher p = PATH_START.matcher(s);
        if (!p.find() || p.start("path") == 0) {
            return false;
        }
        Matcher m = LAST_SIZE.matcher(s.substring(0, p.start("path")));
        return m.matches() && claim(n, p.group("path"), m.group("size"), hash, hashType);
    }

    /**
     * Columns without a header, in any order, split at tabs or at runs of two or more spaces
     * ({@code payroll.xlsx    184,320    2024-01-15}): the first column that is a path and the first
     * other column that is a size or a digest.
     */
    private boolean columns(int n, String s, String hash, String hashType) {
        String[] f = s.split(s.indexOf('\t') >= 0 ? "\\s*\t\\s*" : "\\s{2,}");
        if (f.length < 2 && s.indexOf('"') >= 0) {
            // Quoted CSV without a header the layout could tell: "E:\\a, b.xlsx","184,320"
            for (char d : new char[] {',', ';'}) {
                java.util.List<String> q = DelimitedList.split(s, d);
                if (q != null && q.size() >= 2) {
                    f = q.toArray(new String[0]);
                    break;
                }
            }
        }
        if (f.length < 2) {
            return false;
        }
        String path = null;
        SizeText size = null;
        String h = hash;
        String ht = hashType;
        for (String field : f) {
            String v = PathText.unquote(field);
            if (path == null && PathText.isFile(v)) {
                path = v;
            } else if (size == null && SizeText.parse(v) != null) {
                size = SizeText.parse(v);
            } else if (h == null && Claim.isHex(v) && Claim.hashTypeOf(v) != null) {
                h = v;
                ht = Claim.hashTypeOf(v);
            }
        }
        if (path == null || size == null && h == null) {
            return false;
        }
        list.claim(n, path, path, size, h, ht);
        return true;
    }

    private boolean claim(int n, String pathText, String sizeText, String hash, String hashType) {
        Matcher date = DATE_FIRST.matcher(pathText);
        String path = PathText.unquote(date.matches() ? date.group("rest") : pathText);
        SizeText size = SizeText.parse(sizeText);
        if (size == null || !PathText.isListedFile(path)) {
            return false;
        }
        list.claim(n, path, path, size, hash, hashType);
        return true;
    }
}
