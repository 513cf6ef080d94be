package tansa.exposure.claims;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * For tests, separate from the layout tests: a generated file share and, for each layout, the leak
 * list an attacker or a responder would have written of it, with the truth of every claim
 * (confirmed, size_mismatch, hash_mismatch, not_found) and of every sample file.
 *
 * <p>Every list is written as the tool prints it, by code that knows nothing of the parsers: the
 * lines that name no file are counted as they are written, so the parser's {@code ignored} count
 * can be checked too.
 */
final class LeakListCorpus {
    static final String WINDOWS_ROOT = "E:\\shares";
    static final String POSIX_ROOT = "/srv/share";

    /** A file of the share. */
    record Item(List<String> dirs, String name, long size, String sha256, String md5) {
    }

    /** One line a list gives: where, the size it claims, its hashes, and the verdict it must get. */
    record Row(List<String> dirs, String name, long size, String sha256, String md5, String expect) {
    }

    /** A generated list: its file, the truth by claimed path, and how many lines name no file. */
    record ListFile(String layout, Path file, Map<String, Row> truth, int ignored, boolean sizes) {
    }

    private static final String[] DIRS = {"HR", "HR/給与", "Finance", "Finance/2024 Q1", "legal", "設計 資料", "設計 資料/図面", "IT/backup"};
    private static final String[] STEMS = {"payroll", "社員名簿", "Budget 2024", "NDA draft v2", "顧客リスト", "minutes", "design spec",
        "見積書", "contract", "inventory", "passwords", "roadmap", "議事録", "salaries", "audit notes", "Budget, final",
        "Q1 2024 board meeting minutes final draft"};
    private static final String[] EXTS = {".txt", ".csv", ".log", ".md"};

    final Path share;
    final List<Item> items = new ArrayList<>();
    final List<ListFile> lists = new ArrayList<>();
    final Map<String, String> sampleTruth = new TreeMap<>();
    final Path samples;
    private final Random rnd;

    private LeakListCorpus(Path dir, long seed) {
        this.share = dir.resolve("share");
        this.samples = dir.resolve("samples");
        this.rnd = new Random(seed);
    }

    static LeakListCorpus build(Path dir, long seed) throws IOException {
        LeakListCorpus c = new LeakListCorpus(dir, seed);
        c.writeShare();
        c.writeSamples();
        Path lists = dir.resolve("lists");
        Files.createDirectories(lists);
        c.columnsRight(lists);
        c.columnsUnits(lists);
        c.lsLong(lists);
        c.lsHuman(lists);
        c.lsRecursive(lists);
        c.findLs(lists);
        c.treeLinux(lists);
        c.treeWindows(lists);
        c.dirS(lists);
        c.dirSJapanese(lists);
        c.getChildItem(lists);
        c.exportCsv(lists);
        c.tsvSha256(lists);
        c.jsonObjects(lists);
        c.jsonStrings(lists);
        c.md5Columns(lists);
        return c;
    }

    private void writeShare() throws IOException {
        int n = 0;
        for (String stem : STEMS) {
            for (int k = 0; k < 3; k++) {
                String name = stem + (k == 0 ? "" : " " + (char) ('a' + k)) + EXTS[rnd.nextInt(EXTS.length)];
                List<String> dirs = List.of(DIRS[rnd.nextInt(DIRS.length)].split("/"));
                long size = n % 17 == 0 ? 1_000_000 + rnd.nextInt(900_000) : n % 5 == 0 ? rnd.nextInt(900) : 1_000 + rnd.nextInt(250_000);
                byte[] b = text(size);
                Path p = share.resolve(String.join("/", dirs)).resolve(name);
                Files.createDirectories(p.getParent());
                Files.write(p, b);
                items.add(new Item(dirs, name, size, digest("SHA-256", b), digest("MD5", b)));
                n++;
            }
        }
    }

    private byte[] text(long size) {
        byte[] b = new byte[(int) size];
        for (int i = 0; i < b.length; i++) {
            b[i] = i % 64 == 63 ? (byte) '\n' : (byte) ('a' + rnd.nextInt(26));
        }
        return b;
    }

    private void writeSamples() throws IOException {
        Files.createDirectories(samples);
        List<Item> pick = shuffled();
        for (int i = 0; i < 3; i++) {
            Files.copy(share.resolve(String.join("/", pick.get(i).dirs())).resolve(pick.get(i).name()), samples.resolve(pick.get(i).name()));
            sampleTruth.put(pick.get(i).name(), "identical");
        }
        for (int i = 3; i < 5; i++) {
            byte[] b = Files.readAllBytes(share.resolve(String.join("/", pick.get(i).dirs())).resolve(pick.get(i).name()));
            byte[] m = java.util.Arrays.copyOf(b, b.length + 1);
            m[b.length] = '!';
            Files.write(samples.resolve(pick.get(i).name()), m);
            sampleTruth.put(pick.get(i).name(), "modified");
        }
        Files.writeString(samples.resolve("ransom note.txt"), "all your files", StandardCharsets.UTF_8);
        sampleTruth.put("ransom note.txt", "not_found");
        Files.write(samples.resolve("unknown.bin"), new byte[] {1, 2, 3});
        sampleTruth.put("unknown.bin", "not_found");
    }

    private List<Item> shuffled() {
        List<Item> l = new ArrayList<>(items);
        Collections.shuffle(l, rnd);
        return l;
    }

    /**
     * The rows of one list: files listed as they are, with another size (or another SHA-256 when
     * the list gives one), renamed with the right SHA-256, and files that never existed.
     */
    private List<Row> rows(boolean sizes, boolean sha256, boolean unitSizes) {
        List<Row> out = new ArrayList<>();
        List<Item> pick = shuffled();
        int i = 0;
        for (; i < 8; i++) {
            Item f = pick.get(i);
            out.add(new Row(f.dirs(), f.name(), f.size(), f.sha256(), f.md5(), sizes || sha256 ? "confirmed" : "size_mismatch"));
        }
        for (; i < 11; i++) {
            Item f = pick.get(i);
            long other = unitSizes ? f.size() * 3 + 20_000 : f.size() + 1 + rnd.nextInt(5_000);
            String wrong = digest("SHA-256", ("other " + i).getBytes(StandardCharsets.UTF_8));
            out.add(new Row(f.dirs(), f.name(), sha256 ? f.size() : other, wrong, digest("MD5", new byte[] {(byte) i}),
                    sha256 ? "hash_mismatch" : "size_mismatch"));
        }
        if (sha256) {
            for (; i < 13; i++) {
                Item f = pick.get(i);
                out.add(new Row(List.of("exfil"), "renamed " + i + ".dat", f.size(), f.sha256(), f.md5(), "confirmed"));
            }
        }
        for (int k = 0; k < 3; k++) {
            List<String> dirs = List.of(DIRS[rnd.nextInt(DIRS.length)].split("/"));
            out.add(new Row(dirs, "missing " + k + " 存在しない.xlsx", 5_000 + rnd.nextInt(100_000),
                    digest("SHA-256", ("missing " + k).getBytes(StandardCharsets.UTF_8)), digest("MD5", new byte[] {(byte) k}), "not_found"));
        }
        out.sort(Comparator.comparing((Row r) -> String.join("/", r.dirs())).thenComparing(Row::name));
        return out;
    }

    private static String windows(Row r) {
        return WINDOWS_ROOT + "\\" + String.join("\\", r.dirs()) + "\\" + r.name();
    }

    private static String posix(Row r) {
        return POSIX_ROOT + "/" + String.join("/", r.dirs()) + "/" + r.name();
    }

    /** Rows by directory, directories in order. */
    private static Map<List<String>, List<Row>> byDir(List<Row> rows) {
        Map<List<String>, List<Row>> m = new LinkedHashMap<>();
        for (Row r : rows) {
            m.computeIfAbsent(r.dirs(), d -> new ArrayList<>()).add(r);
        }
        return m;
    }

    private final class Writer {
        final StringBuilder text = new StringBuilder();
        final Map<String, Row> truth = new LinkedHashMap<>();
        int ignored;

        /** A line that names no file. */
        void other(String line) {
            text.append(line).append('\n');
            if (!line.isBlank()) {
                ignored++;
            }
        }

        void claim(String line, String path, Row r) {
            text.append(line).append('\n');
            truth.put(path, r);
        }

        void save(Path dir, String layout, String fileName, boolean sizes) throws IOException {
            save(dir, layout, fileName, sizes, StandardCharsets.UTF_8);
        }

        void save(Path dir, String layout, String fileName, boolean sizes, java.nio.charset.Charset cs) throws IOException {
            Path f = dir.resolve(fileName);
            Files.write(f, text.toString().getBytes(cs));
            lists.add(new ListFile(layout, f, truth, ignored, sizes));
        }
    }

    /** A ransomware group's "SIZE  PATH" list: right-aligned sizes with thousands separators, preamble and totals. */
    private void columnsRight(Path dir) throws IOException {
        Writer w = new Writer();
        w.other("LockBit 3.0 — ACME Corp (acme.example)");
        w.other("Revenue: $4.2B");
        w.other("Data: 150,000 documents, 1.2 TB");
        w.other("");
        w.other("        SIZE  PATH");
        w.other("------------  " + "-".repeat(60));
        long total = 0;
        for (Row r : rows(true, false, false)) {
            w.claim(String.format(Locale.ROOT, "%12s  %s", String.format(Locale.ROOT, "%,d", r.size()), windows(r)), windows(r), r);
            total += r.size();
        }
        w.other("------------");
        w.other(String.format(Locale.ROOT, "%,12d  total", total));
        w.save(dir, "SIZE PATH (right-aligned, 1,234)", "columns-right.txt", true);
    }

    /** PATH then a size with a unit: English and French units, decimal point and comma. */
    private void columnsUnits(Path dir) throws IOException {
        Writer w = new Writer();
        w.other("Fichiers / Files");
        w.other("================");
        int k = 0;
        for (Row r : rows(true, false, true)) {
            String size;
            double kb = r.size() / 1024.0;
            switch (k++ % 4) {
                case 0:
                    size = String.format(Locale.ROOT, "%.1f KB", kb);
                    break;
                case 1:
                    size = String.format(Locale.ROOT, "%.1f Ko", kb).replace('.', ',');
                    break;
                case 2:
                    size = r.size() < 1024 ? r.size() + " o" : String.format(Locale.ROOT, "%.2f MiB", kb / 1024);
                    break;
                default:
                    size = String.format(Locale.ROOT, "%,d", r.size()).replace(',', '\'');
            }
            w.claim(String.format(Locale.ROOT, "%-70s %s", posix(r), size), posix(r), r);
        }
        w.save(dir, "PATH SIZE (units: KB, Ko, MiB; 1'234)", "columns-units.txt", true);
    }

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private String lsDate() {
        int m = rnd.nextInt(12);
        return rnd.nextBoolean() ? String.format(Locale.ROOT, "%s %2d %02d:%02d", MONTHS[m], 1 + rnd.nextInt(28), rnd.nextInt(24), rnd.nextInt(60))
                : String.format(Locale.ROOT, "%s %2d  %d", MONTHS[m], 1 + rnd.nextInt(28), 2019 + rnd.nextInt(5));
    }

    /** {@code ls -l} of one directory: bare names. */
    private void lsLong(Path dir) throws IOException {
        Writer w = new Writer();
        List<Row> rows = rows(true, false, false);
        w.other("total " + rows.size() * 8);
        w.other("drwxr-x--- 2 alice finance     4096 " + lsDate() + " archive");
        for (Row r : rows) {
            w.claim(String.format(Locale.ROOT, "-rw-r----- 1 alice finance %8d %s %s", r.size(), lsDate(), r.name()), r.name(), r);
        }
        w.other("lrwxrwxrwx 1 alice finance       12 " + lsDate() + " latest -> archive");
        w.save(dir, "ls -l", "ls-l.txt", true);
    }

    /** A size as GNU {@code ls -h} prints it: rounded up, one decimal below 10. */
    private static String human(long size) {
        if (size < 1024) {
            return Long.toString(size);
        }
        double v = size;
        int k = 0;
        while (v >= 1024 && k < 4) {
            v /= 1024;
            k++;
        }
        String unit = "KMGT".substring(k - 1, k);
        if (v < 10) {
            double up = Math.ceil(v * 10) / 10;
            return up >= 10 ? "10" + unit : String.format(Locale.ROOT, "%.1f%s", up, unit);
        }
        return (long) Math.ceil(v) + unit;
    }

    /** {@code ls -lh} of one directory: sizes rounded up with a unit. */
    private void lsHuman(Path dir) throws IOException {
        Writer w = new Writer();
        List<Row> rows = rows(true, false, true);
        w.other("total 12M");
        for (Row r : rows) {
            w.claim(String.format(Locale.ROOT, "-rw-r----- 1 alice finance %5s %s %s", human(r.size()), lsDate(), r.name()), r.name(), r);
        }
        w.save(dir, "ls -lh", "ls-lh.txt", true);
    }

    /** {@code ls -lR /srv/share}: a heading per directory, names joined to it. */
    private void lsRecursive(Path dir) throws IOException {
        Writer w = new Writer();
        boolean first = true;
        for (Map.Entry<List<String>, List<Row>> d : byDir(rows(true, false, false)).entrySet()) {
            if (!first) {
                w.other("");
            }
            first = false;
            String heading = POSIX_ROOT + "/" + String.join("/", d.getKey());
            w.other(heading + ":");
            w.other("total " + d.getValue().size() * 4);
            w.other("drwxr-xr-x 2 root root    4096 2024-01-15 10:22 old");
            for (Row r : d.getValue()) {
                w.claim(String.format(Locale.ROOT, "-rw-r--r-- 1 hr   hr   %7d 2024-01-%02d 10:22 %s", r.size(), 1 + rnd.nextInt(28), r.name()), posix(r), r);
            }
        }
        w.save(dir, "ls -lR", "ls-lR.txt", true);
    }

    /** {@code find /srv/share -ls}: inode and blocks columns, full paths escaped as GNU find does. */
    private void findLs(Path dir) throws IOException {
        Writer w = new Writer();
        int inode = 1835009;
        for (Map.Entry<List<String>, List<Row>> d : byDir(rows(true, false, false)).entrySet()) {
            w.other(String.format(Locale.ROOT, "%9d %6d drwxr-xr-x   2 alice    staff    %10d %s %s", inode++, 4, 4096, lsDate(),
                    findEscape(POSIX_ROOT + "/" + String.join("/", d.getKey()))));
            for (Row r : d.getValue()) {
                w.claim(String.format(Locale.ROOT, "%9d %6d -rw-r--r--   1 alice    staff    %10d %s %s", inode++, (r.size() + 1023) / 1024 * 4 / 4,
                        r.size(), lsDate(), findEscape(posix(r))), posix(r), r);
            }
        }
        w.save(dir, "find -ls", "find-ls.txt", true);
    }

    /** A name as GNU find 4.9 -ls prints it: "\\ " for a space, octal UTF-8 bytes for non-ASCII. */
    private static String findEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            if (x == ' ') {
                b.append("\\ ");
            } else if (x < 0) {
                b.append('\\').append(String.format(Locale.ROOT, "%03o", x & 0xff));
            } else {
                b.append((char) x);
            }
        }
        return b.toString();
    }

    /** A directory tree of rows: the directories under a path, and the rows directly in it. */
    private static final class Node {
        final Map<String, Node> dirs = new TreeMap<>();
        final List<Row> files = new ArrayList<>();
    }

    private static Node tree(List<Row> rows) {
        Node root = new Node();
        for (Row r : rows) {
            Node n = root;
            for (String d : r.dirs()) {
                n = n.dirs.computeIfAbsent(d, k -> new Node());
            }
            n.files.add(r);
        }
        return root;
    }

    /** Linux {@code tree -s /srv/share}. */
    private void treeLinux(Path dir) throws IOException {
        Writer w = new Writer();
        w.other(POSIX_ROOT);
        int[] counts = new int[2];
        linux(w, tree(rows(true, false, false)), "", counts);
        w.other("");
        w.other(counts[0] + " directories, " + counts[1] + " files");
        w.save(dir, "tree -s (Linux)", "tree.txt", true);
    }

    private void linux(Writer w, Node n, String prefix, int[] counts) {
        List<Object> entries = new ArrayList<>(n.files);
        entries.addAll(n.dirs.keySet());
        for (int i = 0; i < entries.size(); i++) {
            boolean last = i == entries.size() - 1;
            String branch = prefix + (last ? "└── " : "├── ");
            if (entries.get(i) instanceof Row r) {
                counts[1]++;
                w.claim(branch + String.format(Locale.ROOT, "[%11d]  %s", r.size(), r.name()), posix(r), r);
            } else {
                String d = (String) entries.get(i);
                counts[0]++;
                w.other(branch + String.format(Locale.ROOT, "[%11d]  %s", 4096, d));
                linux(w, n.dirs.get(d), prefix + (last ? "    " : "│\u00a0\u00a0 "), counts);
            }
        }
    }

    /** Windows {@code tree E:\shares /F}: files have no branch and no size. */
    private void treeWindows(Path dir) throws IOException {
        Writer w = new Writer();
        w.other("Folder PATH listing for volume Data");
        w.other("Volume serial number is 5A3C-91F2");
        w.other(WINDOWS_ROOT.toUpperCase(Locale.ROOT));
        windowsTree(w, tree(rows(false, false, false)), "");
        w.save(dir, "tree /F (Windows)", "tree-f.txt", false);
    }

    private void windowsTree(Writer w, Node n, String prefix) {
        String filePrefix = prefix + (n.dirs.isEmpty() ? "    " : "│   ");
        for (Row r : n.files) {
            String path = WINDOWS_ROOT.toUpperCase(Locale.ROOT) + "\\" + String.join("\\", r.dirs()) + "\\" + r.name();
            w.claim(filePrefix + r.name(), path, r);
        }
        if (!n.files.isEmpty()) {
            w.other(filePrefix.stripTrailing());
        }
        List<String> dirs = new ArrayList<>(n.dirs.keySet());
        for (int i = 0; i < dirs.size(); i++) {
            boolean last = i == dirs.size() - 1;
            w.other(prefix + (last ? "└───" : "├───") + dirs.get(i));
            windowsTree(w, n.dirs.get(dirs.get(i)), prefix + (last ? "    " : "│   "));
        }
    }

    /** cmd.exe {@code dir /s E:\shares} in English. */
    private void dirS(Path dir) throws IOException {
        Writer w = new Writer();
        w.other(" Volume in drive E is Data");
        w.other(" Volume Serial Number is 5A3C-91F2");
        long files = 0;
        long bytes = 0;
        int dirs = 0;
        for (Map.Entry<List<String>, List<Row>> d : byDir(rows(true, false, false)).entrySet()) {
            w.other("");
            w.other(" Directory of " + WINDOWS_ROOT + "\\" + String.join("\\", d.getKey()));
            w.other("");
            w.other("01/15/2024  10:22 AM    <DIR>          .");
            w.other("01/15/2024  10:22 AM    <DIR>          ..");
            dirs += 2;
            long sum = 0;
            for (Row r : d.getValue()) {
                String time = String.format(Locale.ROOT, "%02d/%02d/%d  %02d:%02d %s", 1 + rnd.nextInt(12), 1 + rnd.nextInt(28), 2019 + rnd.nextInt(6),
                        1 + rnd.nextInt(12), rnd.nextInt(60), rnd.nextBoolean() ? "AM" : "PM");
                w.claim(time + String.format(Locale.ROOT, "%18s", String.format(Locale.ROOT, "%,d", r.size())) + " " + r.name(), windows(r), r);
                sum += r.size();
            }
            w.other(String.format(Locale.ROOT, "%16d File(s) %14s bytes", d.getValue().size(), String.format(Locale.ROOT, "%,d", sum)));
            files += d.getValue().size();
            bytes += sum;
        }
        w.other("");
        w.other("     Total Files Listed:");
        w.other(String.format(Locale.ROOT, "%16d File(s) %14s bytes", files, String.format(Locale.ROOT, "%,d", bytes)));
        w.other(String.format(Locale.ROOT, "%16d Dir(s)  %s bytes free", dirs, "107,374,182,400"));
        w.save(dir, "dir /s (cmd.exe)", "dir-s.txt", true);
    }

    /** cmd.exe {@code dir /s} on Japanese Windows, redirected to a file: Shift_JIS, CRLF. */
    private void dirSJapanese(Path dir) throws IOException {
        Writer w = new Writer();
        w.other(" ドライブ E のボリューム ラベルは Data です\r");
        w.other(" ボリューム シリアル番号は 5A3C-91F2 です\r");
        long files = 0;
        long bytes = 0;
        for (Map.Entry<List<String>, List<Row>> d : byDir(rows(true, false, false)).entrySet()) {
            w.other("\r");
            w.other(" " + WINDOWS_ROOT + "\\" + String.join("\\", d.getKey()) + " のディレクトリ\r");
            w.other("\r");
            w.other("2024/01/15  10:22    <DIR>          .\r");
            w.other("2024/01/15  10:22    <DIR>          ..\r");
            long sum = 0;
            for (Row r : d.getValue()) {
                String time = String.format(Locale.ROOT, "%d/%02d/%02d  %02d:%02d", 2019 + rnd.nextInt(6), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28),
                        rnd.nextInt(24), rnd.nextInt(60));
                w.claim(time + String.format(Locale.ROOT, "%18s", String.format(Locale.ROOT, "%,d", r.size())) + " " + r.name() + "\r", windows(r), r);
                sum += r.size();
            }
            w.other(String.format(Locale.ROOT, "%16d 個のファイル %19s バイト\r", d.getValue().size(),
                    String.format(Locale.ROOT, "%,d", sum)));
            files += d.getValue().size();
            bytes += sum;
        }
        w.other("\r");
        w.other("     ファイルの総数:\r");
        w.other(String.format(Locale.ROOT, "%16d 個のファイル %19s バイト\r", files, String.format(Locale.ROOT, "%,d", bytes)));
        w.save(dir, "dir /s (Japanese Windows, Shift_JIS)", "dir-s-ja.txt", true, java.nio.charset.Charset.forName("windows-31j"));
    }

    /** PowerShell 5 {@code Get-ChildItem -Recurse E:\shares} as Format-Table prints it. */
    private void getChildItem(Path dir) throws IOException {
        Writer w = new Writer();
        for (Map.Entry<List<String>, List<Row>> d : byDir(rows(true, false, false)).entrySet()) {
            w.other("");
            w.other("");
            w.other("    Directory: " + WINDOWS_ROOT + "\\" + String.join("\\", d.getKey()));
            w.other("");
            w.other("");
            w.other("Mode                LastWriteTime         Length Name");
            w.other("----                -------------         ------ ----");
            w.other("d-----        1/15/2024  10:22 AM                old");
            for (Row r : d.getValue()) {
                String when = String.format(Locale.ROOT, "%10s %6s %s", (1 + rnd.nextInt(12)) + "/" + (1 + rnd.nextInt(28)) + "/2024",
                        (1 + rnd.nextInt(12)) + ":" + String.format(Locale.ROOT, "%02d", rnd.nextInt(60)), rnd.nextBoolean() ? "AM" : "PM");
                w.claim(String.format(Locale.ROOT, "-a----     %s %14d %s", when, r.size(), r.name()), windows(r), r);
            }
        }
        w.other("");
        w.save(dir, "Get-ChildItem (PowerShell 5)", "gci.txt", true);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** {@code Get-ChildItem -Recurse -File | Export-Csv} (PowerShell 5, with its #TYPE line). */
    private void exportCsv(Path dir) throws IOException {
        Writer w = new Writer();
        w.other("#TYPE System.IO.FileInfo");
        w.other("\"Name\",\"Length\",\"DirectoryName\",\"FullName\",\"LastWriteTime\"");
        for (Row r : rows(true, false, false)) {
            String d = WINDOWS_ROOT + "\\" + String.join("\\", r.dirs());
            w.claim(String.join(",", quote(r.name()), quote(Long.toString(r.size())), quote(d), quote(windows(r)), quote("1/15/2024 10:22:00 AM")),
                    windows(r), r);
        }
        w.save(dir, "CSV (Export-Csv)", "files.csv", true);
    }

    /** A responder's TSV with a SHA-256 column first. */
    private void tsvSha256(Path dir) throws IOException {
        Writer w = new Writer();
        w.other("sha256\tsize\tpath");
        for (Row r : rows(true, true, false)) {
            w.claim(r.sha256() + "\t" + r.size() + "\t" + posix(r), posix(r), r);
        }
        w.save(dir, "TSV with SHA-256", "files.tsv", true);
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A JSON document holding an array of objects with SHA-256. */
    private void jsonObjects(Path dir) throws IOException {
        Writer w = new Writer();
        w.other("{\"group\": \"ACME leak\", \"files\": [");
        List<Row> rows = rows(true, true, false);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            w.claim("  {\"path\": " + json(windows(r)) + ", \"size\": " + r.size() + ", \"sha256\": " + json(r.sha256()) + "}"
                    + (i < rows.size() - 1 ? "," : ""), windows(r), r);
        }
        w.text.append("]}\n");
        w.ignored--; // the opening line holds the group's name, which is not a value of the array
        w.save(dir, "JSON objects with SHA-256", "files.json", true);
    }

    /** A JSON array of paths. */
    private void jsonStrings(Path dir) throws IOException {
        Writer w = new Writer();
        w.text.append("[\n");
        List<Row> rows = rows(false, false, false);
        for (int i = 0; i < rows.size(); i++) {
            w.claim("  " + json(posix(rows.get(i))) + (i < rows.size() - 1 ? "," : ""), posix(rows.get(i)), rows.get(i));
        }
        w.text.append("]\n");
        w.save(dir, "JSON strings", "paths.json", false);
    }

    /** MD5, size and path columns: the scan has no MD5, so path and size decide. */
    private void md5Columns(Path dir) throws IOException {
        Writer w = new Writer();
        w.other("MD5                               SIZE          PATH");
        for (Row r : rows(true, false, false)) {
            w.claim(String.format(Locale.ROOT, "%s  %12s  %s", r.md5(), String.format(Locale.ROOT, "%,d", r.size()), windows(r)), windows(r), r);
        }
        w.save(dir, "MD5 SIZE PATH", "md5.txt", true);
    }

    static String digest(String algorithm, byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm, e);
        }
    }
}
