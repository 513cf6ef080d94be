package tansa.exposure.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * CSV, TSV and other delimited lists with a header naming the columns, in any order: the path
 * ({@code FullName}, {@code Path}...; or a directory column and a {@code Name} column joined), the
 * size ({@code Length}, {@code Size}, {@code Bytes}...) and hashes ({@code SHA256}, {@code MD5},
 * {@code Hash}...). Fields may be quoted ({@code "a, b.pdf"}, {@code ""} for a quote), a quoted
 * field may span lines. Lines before the header (PowerShell's {@code #TYPE}) are ignored.
 */
final class DelimitedList implements LineLayout {
    private static final char[] DELIMITERS = {',', '\t', ';', '|'};
    private static final int MAX_RECORD = 1 << 16;
    private static final Pattern NOISE = Pattern.compile("[\\s_\\-\"'()\\[\\]\uFEFF]");
    private static final Pattern PATH = Pattern.compile(
            "fullname|fullpath|path|filepath|filefullpath|location|sourcepath|absolutepath|relativepath|pfad|chemin|パス");
    private static final Pattern DIR = Pattern.compile("directory|directoryname|dir|folder|parent|parentpath|folderpath");
    private static final Pattern NAME = Pattern.compile(
            "name|filename|file|basename|pschildname|document|datei|dateiname|nom|fichier|nomdufichier|ファイル名");
    private static final Pattern SIZE = Pattern.compile(
            "size|length|bytes|filesize|sizebytes|sizeinbytes|sizeb|taille|größe|groesse|サイズ");
    private static final Pattern HASH = Pattern.compile("(md5|sha1|sha256|hash|checksum|digest|filehash)(hash|sum)?|hash(md5|sha1|sha256)");

    /** Where the columns are; -1 for none. */
    record Header(char delimiter, int fields, int path, int dir, int name, int size, int hash, String hashType) {
    }

    private final LeakList list;
    private Header header;
    private final StringBuilder record = new StringBuilder();
    private int recordLine;

    DelimitedList(LeakList list) {
        this.list = list;
    }

    /** The header a line is, or null: a path or name column and a size, hash or directory column. */
    static Header header(String line) {
        Header best = null;
        for (char d : DELIMITERS) {
            List<String> f = split(line, d);
            if (f == null || f.size() < 2) {
                continue;
            }
            int path = -1;
            int dir = -1;
            int name = -1;
            int size = -1;
            int hash = -1;
            String hashType = null;
            for (int i = 0; i < f.size(); i++) {
                String k = NOISE.matcher(f.get(i).toLowerCase(Locale.ROOT)).replaceAll("");
                if (path < 0 && PATH.matcher(k).matches()) {
                    path = i;
                } else if (dir < 0 && DIR.matcher(k).matches()) {
                    dir = i;
                } else if (name < 0 && NAME.matcher(k).matches()) {
                    name = i;
                } else if (size < 0 && SIZE.matcher(k).matches()) {
                    size = i;
                } else if (hash < 0 && HASH.matcher(k).matches()) {
                    hash = i;
                    hashType = k.contains("sha256") ? "sha256" : k.contains("sha1") ? "sha1" : k.contains("md5") ? "md5" : null;
                }
            }
            if ((path >= 0 || name >= 0) && (size >= 0 || hash >= 0 || dir >= 0 || path >= 0 && name >= 0)
                    && (best == null || f.size() > best.fields)) {
                best = new Header(d, f.size(), path, dir, name, size, hash, hashType);
            }
        }
        return best;
    }

    @Override
    public void line(String text, int n) {
        if (record.length() > 0) {
            record.append('\n').append(text);
        } else {
            record.append(text);
            recordLine = n;
        }
        if (header == null) {
            header = header(text);
            record.setLength(0);
            list.ignore();
            return;
        }
        List<String> f = split(record.toString(), header.delimiter);
        if (f == null && record.length() < MAX_RECORD) {
            return; // a quoted field goes on on the next line
        }
        record.setLength(0);
        if (f == null) {
            list.problem(recordLine, "a quoted field is not closed within " + MAX_RECORD + " characters; the record is skipped");
            list.ignore();
            return;
        }
        row(f, recordLine);
    }

    @Override
    public void blank(int n) {
        if (record.length() > 0) {
            record.append('\n');
        }
    }

    @Override
    public void end() {
        if (record.length() > 0) {
            list.problem(recordLine, "a quoted field is not closed at the end of the list; the record is skipped");
            list.ignore();
        }
    }

    private void row(List<String> f, int n) {
        Header h = header;
        String path = field(f, h.path);
        String name = field(f, h.name);
        String dir = field(f, h.dir);
        String shown;
        if (!path.isEmpty()) {
            shown = path;
        } else if (!name.isEmpty()) {
            shown = name;
            path = PathText.join(dir, name);
        } else {
            list.ignore();
            return;
        }
        String sizeText = field(f, h.size);
        SizeText size = sizeText.isEmpty() ? null : SizeText.parse(sizeText);
        String hash = field(f, h.hash);
        String hashType = null;
        if (!hash.isEmpty()) {
            hashType = h.hashType != null ? h.hashType : Claim.hashTypeOf(hash);
            if (hashType == null || !Claim.isHex(hash) || Claim.hashTypeOf(hash) == null) {
                hash = "";
                hashType = null;
            }
        }
        if (size == null && !sizeText.isEmpty() || path.endsWith("/") || path.endsWith("\\")) {
            list.ignore(); // a directory row, a sub-total, a note in the size column
            return;
        }
        list.claim(n, path, shown, size, hash.isEmpty() ? null : hash, hashType);
    }

    private static String field(List<String> f, int i) {
        return i < 0 || i >= f.size() ? "" : f.get(i).strip();
    }

    /** The fields of a record, unquoted; null while a quoted field is still open. */
    static List<String> split(String s, char d) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    b.append(c);
                }
            } else if (c == '"' && (b.length() == 0 || b.toString().isBlank()) && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                b.setLength(0);
            } else if (c == d) {
                out.add(b.toString());
                b.setLength(0);
                wasQuoted = false;
            } else {
                b.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(b.toString());
        return out;
    }
}
