package tansa.exposure.claims;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One list in each layout, written as the tools print it: every claim's path and size, and how many
 * lines were ignored.
 */
class LeakListTest {
    @TempDir
    Path tmp;

    private LeakList read(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return LeakList.read(f);
    }

    /** "path size" per claim, size in bytes or '-'. */
    private static List<String> claims(LeakList l) {
        List<String> out = new ArrayList<>();
        for (Claim c : l.claims()) {
            out.add(c.path() + " " + (c.size() == null ? "-" : c.size().bytes()));
        }
        return out;
    }

    @Test
    void readsRightAlignedSizeColumnWithThousandsSeparatorsAndSkipsThePreamble() throws Exception {
        LeakList l = read("acme.txt", """
                ACME Corp — data leak
                Revenue: $4.2B
                Total: 150,000 documents, 512 GB

                        SIZE  PATH
                ------------  ----------------------------------------
                     184,320  E:\\shares\\HR\\payroll\\2024-Q1.xlsx
                   1,048,576  E:\\shares\\HR\\社員名簿.xlsx
                         512  \\\\fs01\\legal\\NDA draft v2.docx
                  12,345,678  /srv/share/Budget 2024.pdf
                """);
        assertEquals(List.of("E:\\shares\\HR\\payroll\\2024-Q1.xlsx 184320", "E:\\shares\\HR\\社員名簿.xlsx 1048576",
                "\\\\fs01\\legal\\NDA draft v2.docx 512", "/srv/share/Budget 2024.pdf 12345678"), claims(l));
        assertEquals(5, l.ignored());
        assertEquals(Layout.COLUMNS, l.layout());
        Claim c = l.claims().get(0);
        assertEquals("184,320", c.size().text());
        assertEquals("E:\\shares\\HR\\payroll\\2024-Q1.xlsx", c.pathText());
        assertEquals(7, c.line());
    }

    @Test
    void readsSizesAfterThePathWithAnySeparatorAndUnits() throws Exception {
        LeakList l = read("sizes.txt", """
                /data/a.pdf          1'234'567
                /data/b.pdf          1 234 567
                /data/c.pdf          1.234.567
                /data/d.pdf,1,234
                /data/e.pdf;77
                /data/f.pdf          12 KB
                /data/g.pdf          1.2 MiB
                /data/h.pdf          3,4 Go
                /data/i.pdf          512 octets
                /data/j.pdf          (1.5 GB)
                184320     /data/left aligned.xlsx
                12K\t./du/style.log
                2024 Annual Report.pdf
                   184320 payroll.xlsx
                /data/Q1 2024 board meeting minutes final draft.docx  52,224
                Q1 2024 board meeting minutes final draft.docx  52,224
                """);
        assertEquals(List.of("/data/a.pdf 1234567", "/data/b.pdf 1234567", "/data/c.pdf 1234567", "/data/d.pdf 1234",
                "/data/e.pdf 77", "/data/f.pdf 12288", "/data/g.pdf 1258291", "/data/h.pdf 3650722202", "/data/i.pdf 512",
                "/data/j.pdf 1610612736", "/data/left aligned.xlsx 184320", "./du/style.log 12288", "2024 Annual Report.pdf -",
                "payroll.xlsx 184320", "/data/Q1 2024 board meeting minutes final draft.docx 52224",
                "Q1 2024 board meeting minutes final draft.docx 52224"), claims(l));
        assertEquals(0, l.ignored());
        SizeText kb = l.claims().get(5).size();
        assertTrue(kb.min() <= 12000 && kb.max() >= 12 * 1024 + 500 && kb.max() < 13 * 1024 && kb.min() > 11 * 1000, kb.toString());
        SizeText exact = l.claims().get(0).size();
        assertEquals(exact.min(), exact.max());
    }

    @Test
    void readsBulletsMarkdownAndExtraColumnsAndIgnoresProseAroundPaths() throws Exception {
        LeakList l = read("notes.md", """
                Leaked from ACME: see /etc/passwd for details
                see /srv/notes for details
                E:\\shares\\HR:
                http://lockbit3.onion/acme/files.zip
                | Path | Size |
                |---|---|
                | E:\\x\\a.xlsx | 184,320 |
                1. E:\\x\\b.xlsx 2,048
                - /srv/c.pdf (12 KB)
                2024-01-15 10:22  184,320  E:\\x\\d.xlsx
                """);
        assertEquals(List.of("E:\\x\\a.xlsx 184320", "E:\\x\\b.xlsx 2048", "/srv/c.pdf 12288", "E:\\x\\d.xlsx 184320"), claims(l));
        assertEquals(6, l.ignored());
    }

    @Test
    void readsHeaderlessColumnsInAnyOrder() throws Exception {
        LeakList l = read("cols.txt", """
                Name                      Size        Modified
                payroll 2024.xlsx         184,320     2024-01-15
                E:\\x\\b.xlsx\t2024-01-15\t2,048\t10:22
                2024-01-15  10:22  cafebabecafebabecafebabecafebabe  /srv/x/c.pdf
                """);
        assertEquals(List.of("payroll 2024.xlsx 184320", "E:\\x\\b.xlsx 2048", "/srv/x/c.pdf -"), claims(l));
        assertEquals("md5", l.claims().get(2).hashType());
        assertEquals(1, l.ignored());
    }

    @Test
    void readsLsLong() throws Exception {
        LeakList l = read("ls.txt", """
                total 1536
                drwxr-x--- 2 alice finance    4096 Jan 15 10:22 2024
                -rw-r----- 1 alice finance  184320 Jan 15 10:22 2024-Q1.xlsx
                -rw-r----- 1 alice finance 1048576 Mar  3  2023 Budget 2024.pdf
                lrwxrwxrwx 1 alice finance      12 Jan 15 10:22 latest.xlsx -> 2024-Q1.xlsx
                -rw-r--r--@ 1 bob  staff         0 Feb 29 09:01 .lock
                """);
        assertEquals(List.of("2024-Q1.xlsx 184320", "Budget 2024.pdf 1048576", ".lock 0"), claims(l));
        assertEquals(3, l.ignored());
        assertEquals(Layout.LS, l.layout());
    }

    @Test
    void readsLsRecursiveJoiningNamesToTheirHeadings() throws Exception {
        LeakList l = read("lsr.txt", """
                /srv/share:
                total 8
                drwxr-xr-x 3 root root 4096 2024-01-15 10:22 HR
                -rw-r--r-- 1 root root  220 2024-01-15 10:22 README.txt

                /srv/share/HR:
                total 184
                -rw-r----- 1 hr hr 184320 2024-01-15 10:22 2024-Q1.xlsx
                drwxr-x--- 2 hr hr   4096 2024-01-15 10:22 給与

                /srv/share/HR/給与:
                total 12
                -rw-r----- 1 hr hr 12288 2024-01-10 08:00 賞与 一覧.xlsx
                """);
        assertEquals(List.of("/srv/share/README.txt 220", "/srv/share/HR/2024-Q1.xlsx 184320", "/srv/share/HR/給与/賞与 一覧.xlsx 12288"), claims(l));
        assertEquals(8, l.ignored());
    }

    @Test
    void readsFindLsUndoingItsEscapes() throws Exception {
        // GNU find 4.9 -ls, as printed here: a space is "\\ ", a non-ASCII name its UTF-8 bytes in octal.
        LeakList l = read("find.txt", """
                  2147033      4 drwxr-xr-x   4 root     root         4096 Dec  7 13:30 .
                  2147062      0 lrwxrwxrwx   1 root     root           10 Dec  7 13:30 ./latest -> README.txt
                  2147035      4 drwxr-xr-x   3 root     root         4096 Dec  7 13:30 ./HR
                  2147054    180 -rw-r--r--   1 root     root       184320 Dec  7 13:30 ./HR/2024-Q1.xlsx
                  2147036      4 drwxr-xr-x   2 root     root         4096 Dec  7 13:30 ./HR/\\347\\265\\246\\344\\270\\216
                  2147055     12 -rw-r--r--   1 root     root        12288 Dec  7 13:30 ./HR/\\347\\265\\246\\344\\270\\216/\\350\\263\\236\\344\\270\\216\\ \\344\\270\\200\\350\\246\\247.xlsx
                  2147061      4 -rw-r--r--   1 root     root            3 Dec  7 13:30 ./README.txt
                  2147053      4 drwxr-xr-x   2 root     root         4096 Dec  7 13:30 ./Finance/2024\\ Q1
                  2147056   1468 -rw-r--r--   1 root     root      1500000 Dec 31  2023 ./Finance/2024\\ Q1/Budget,\\ final.pdf
                """);
        assertEquals(List.of("./HR/2024-Q1.xlsx 184320", "./HR/給与/賞与 一覧.xlsx 12288", "./README.txt 3", "./Finance/2024 Q1/Budget, final.pdf 1500000"),
                claims(l));
        assertEquals("./Finance/2024\\ Q1/Budget,\\ final.pdf", l.claims().get(3).pathText());
        assertEquals(5, l.ignored());
        assertEquals(Layout.LS, l.layout());
    }

    @Test
    void readsDuDroppingTheDirectoriesItListsAfterTheirFiles() throws Exception {
        LeakList l = read("du.txt", """
                180K	./HR/2024-Q1.xlsx
                12K	./HR/給与/賞与 一覧.xlsx
                16K	./HR/給与
                200K	./HR
                1.5M	./Finance/2024 Q1/Budget, final.pdf
                1.5M	./Finance/2024 Q1
                1.5M	./Finance
                1.7M	.
                """);
        assertEquals(List.of("./HR/2024-Q1.xlsx 184320", "./HR/給与/賞与 一覧.xlsx 12288", "./Finance/2024 Q1/Budget, final.pdf 1572864"), claims(l));
        assertEquals(5, l.ignored());
    }

    @Test
    void readsLinuxTreeWithSizesRebuildingPathsFromIndentation() throws Exception {
        LeakList l = read("tree.txt", """
                /srv/share
                ├── [       4096]  HR
                │   ├── [     184320]  2024-Q1.xlsx
                │   └── [       4096]  給与
                │       └── [      12288]  賞与 一覧.xlsx
                └── [        220]  README.txt

                2 directories, 3 files
                """);
        assertEquals(List.of("/srv/share/HR/2024-Q1.xlsx 184320", "/srv/share/HR/給与/賞与 一覧.xlsx 12288", "/srv/share/README.txt 220"), claims(l));
        assertEquals(4, l.ignored());
        assertEquals(Layout.TREE, l.layout());
    }

    @Test
    void readsLinuxTreeInAscii() throws Exception {
        // tree 1.8 and later pad the vertical rule with no-break spaces.
        LeakList l = read("tree-ascii.txt", """
                .
                |-- HR
                |\u00a0\u00a0 |-- 2024-Q1.xlsx
                |   `-- payroll
                |       `-- may.csv
                `-- README.txt

                3 directories, 3 files
                """);
        assertEquals(List.of("./HR/2024-Q1.xlsx -", "./HR/payroll/may.csv -", "./README.txt -"), claims(l));
        assertEquals(4, l.ignored());
    }

    @Test
    void readsWindowsTreeF() throws Exception {
        LeakList l = read("treef.txt", """
                Folder PATH listing for volume Data
                Volume serial number is 5A3C-91F2
                E:\\SHARES
                │   index.txt
                │
                ├───Finance
                │   │   budget 2024.xlsx
                │   │
                │   └───2023
                │           q4.xlsx
                │
                └───HR
                        payroll.xlsx
                        社員名簿.csv

                """);
        assertEquals(List.of("E:\\SHARES\\index.txt -", "E:\\SHARES\\Finance\\budget 2024.xlsx -", "E:\\SHARES\\Finance\\2023\\q4.xlsx -",
                "E:\\SHARES\\HR\\payroll.xlsx -", "E:\\SHARES\\HR\\社員名簿.csv -"), claims(l));
        assertEquals(9, l.ignored());
        assertEquals(Layout.TREE_WINDOWS, l.layout());
    }

    @Test
    void readsWindowsTreeFInAscii() throws Exception {
        LeakList l = read("treefa.txt", """
                Folder PATH listing for volume Data
                Volume serial number is 5A3C-91F2
                E:\\SHARES
                |   index.txt
                |
                +---Finance
                |   \\---2023
                |           q4.xlsx
                |
                \\---HR
                        payroll.xlsx
                """);
        assertEquals(List.of("E:\\SHARES\\index.txt -", "E:\\SHARES\\Finance\\2023\\q4.xlsx -", "E:\\SHARES\\HR\\payroll.xlsx -"), claims(l));
        assertEquals(8, l.ignored());
    }

    @Test
    void readsWindowsTreeFOfAFolderWithoutSubfolders() throws Exception {
        LeakList l = read("treef-flat.txt", """
                Folder PATH listing
                Volume serial number is 5A3C-91F2
                C:.
                    2024-Q1.xlsx
                    社員名簿.xlsx
                    NDA draft v2.docx

                No subfolders exist\s

                """);
        assertEquals(List.of("C:.\\2024-Q1.xlsx -", "C:.\\社員名簿.xlsx -", "C:.\\NDA draft v2.docx -"), claims(l));
        assertEquals(4, l.ignored());
        assertEquals(Layout.TREE_WINDOWS, l.layout());
    }

    @Test
    void readsDirS() throws Exception {
        LeakList l = read("dir.txt", """
                 Volume in drive E is Data
                 Volume Serial Number is 5A3C-91F2

                 Directory of E:\\shares\\HR

                01/15/2024  10:22 AM    <DIR>          .
                01/15/2024  10:22 AM    <DIR>          ..
                01/15/2024  10:22 AM           184,320 2024-Q1.xlsx
                03/03/2023  04:05 PM         1,048,576 社員名簿.xlsx
                01/15/2024  10:22 AM    <DIR>          payroll
                               2 File(s)      1,232,896 bytes

                 Directory of E:\\shares\\HR\\payroll

                01/15/2024  10:22 AM    <DIR>          .
                01/15/2024  10:22 AM    <DIR>          ..
                12/31/2023  11:59 PM                 0 empty.txt
                12/31/2023  11:59 PM            12,288 May 2024 bonus.xlsx
                               2 File(s)         12,288 bytes

                     Total Files Listed:
                               4 File(s)      1,245,184 bytes
                               5 Dir(s)  107,374,182,400 bytes free
                """);
        assertEquals(List.of("E:\\shares\\HR\\2024-Q1.xlsx 184320", "E:\\shares\\HR\\社員名簿.xlsx 1048576",
                "E:\\shares\\HR\\payroll\\empty.txt 0", "E:\\shares\\HR\\payroll\\May 2024 bonus.xlsx 12288"), claims(l));
        assertEquals(14, l.ignored());
        assertEquals(Layout.DIR, l.layout());
    }

    @Test
    void readsDirSFromJapaneseWindowsInShiftJis() throws Exception {
        String text = """
                 ドライブ E のボリューム ラベルは Data です
                 ボリューム シリアル番号は 5A3C-91F2 です

                 E:\\shares\\人事 のディレクトリ

                2024/01/15  10:22    <DIR>          .
                2024/01/15  10:22    <DIR>          ..
                2024/01/15  10:22           184,320 2024-Q1.xlsx
                2023/03/03  16:05         1,048,576 社員名簿.xlsx
                               2 個のファイル           1,232,896 バイト

                     ファイルの総数:
                               2 個のファイル           1,232,896 バイト
                               2 個のディレクトリ  107,374,182,400 バイトの空き領域
                """.replace("\n", "\r\n");
        Path f = tmp.resolve("dir-ja.txt");
        Files.write(f, text.getBytes(java.nio.charset.Charset.forName("windows-31j")));
        LeakList l = LeakList.read(f);
        assertEquals(List.of("E:\\shares\\人事\\2024-Q1.xlsx 184320", "E:\\shares\\人事\\社員名簿.xlsx 1048576"), claims(l));
        assertEquals(9, l.ignored());
        assertEquals(Layout.DIR, l.layout());
    }

    @Test
    void readsGetChildItemAsPowerShell5PrintsIt() throws Exception {
        LeakList l = read("gci5.txt", """


                    Directory: E:\\shares\\HR


                Mode                LastWriteTime         Length Name
                ----                -------------         ------ ----
                d-----        1/15/2024  10:22 AM                payroll
                -a----        1/15/2024  10:22 AM         184320 2024-Q1.xlsx
                -a----         3/3/2023   4:05 PM        1048576 社員名簿.xlsx


                    Directory: E:\\shares\\HR\\payroll


                Mode                LastWriteTime         Length Name
                ----                -------------         ------ ----
                -a----       12/31/2023  11:59 PM          12288 May 2024 bonus.xlsx


                """);
        assertEquals(List.of("E:\\shares\\HR\\2024-Q1.xlsx 184320", "E:\\shares\\HR\\社員名簿.xlsx 1048576",
                "E:\\shares\\HR\\payroll\\May 2024 bonus.xlsx 12288"), claims(l));
        assertEquals(7, l.ignored());
        assertEquals(Layout.GET_CHILD_ITEM, l.layout());
    }

    @Test
    void readsGetChildItemAsPowerShell7PrintsItInUtf16() throws Exception {
        String text = "\n    Directory: C:\\shares\\HR\n\n"
                + "Mode                 LastWriteTime         Length Name\n"
                + "----                 -------------         ------ ----\n"
                + "d----          15/01/2024    10:22                payroll\n"
                + "-a---          15/01/2024    10:22         184320 2024-Q1.xlsx\n"
                + "-a---          03/03/2023    16:05             17 2024 notes.txt\n\n";
        Path f = tmp.resolve("gci7.txt");
        byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[body.length + 2];
        withBom[0] = (byte) 0xff;
        withBom[1] = (byte) 0xfe;
        System.arraycopy(body, 0, withBom, 2, body.length);
        Files.write(f, withBom);
        LeakList l = LeakList.read(f);
        assertEquals(List.of("C:\\shares\\HR\\2024-Q1.xlsx 184320", "C:\\shares\\HR\\2024 notes.txt 17"), claims(l));
        assertEquals(4, l.ignored());
    }

    @Test
    void readsGetChildItemAsPowerShell7PrintsItOnLinux() throws Exception {
        LeakList l = read("gci7-linux.txt", """

                    Directory: /srv/share/HR

                UnixMode         User Group         LastWriteTime         Size Name
                --------         ---- -----         -------------         ---- ----
                drwxr-xr-x       hr   hr          1/15/2024 10:22         4096 給与
                -rw-r-----       hr   hr          1/15/2024 10:22       184320 2024-Q1.xlsx

                """);
        assertEquals(List.of("/srv/share/HR/2024-Q1.xlsx 184320"), claims(l));
        assertEquals(4, l.ignored());
        assertEquals(Layout.GET_CHILD_ITEM, l.layout());
    }

    @Test
    void readsExportCsvWithQuotedCommasInAnyColumnOrder() throws Exception {
        LeakList l = read("files.csv", """
                #TYPE System.IO.FileInfo
                "Name","Length","DirectoryName","FullName","LastWriteTime"
                "2024-Q1.xlsx","184320","E:\\shares\\HR","E:\\shares\\HR\\2024-Q1.xlsx","1/15/2024 10:22:00 AM"
                "Budget, final.xlsx","1048576","E:\\shares\\Finance","E:\\shares\\Finance\\Budget, final.xlsx","3/3/2023 4:05:00 PM"
                "payroll","","E:\\shares\\HR","E:\\shares\\HR\\payroll\\","1/15/2024 10:22:00 AM"
                """);
        assertEquals(List.of("E:\\shares\\HR\\2024-Q1.xlsx 184320", "E:\\shares\\Finance\\Budget, final.xlsx 1048576"), claims(l));
        assertEquals(3, l.ignored());
        assertEquals(Layout.CSV, l.layout());
    }

    @Test
    void readsSemicolonCsvWithGermanHeadersAndQuotedLinesWithoutAHeader() throws Exception {
        LeakList de = read("dateien.csv", """
                Pfad;Größe;Geändert
                "E:\\Freigaben\\Personal\\Gehälter 2024.xlsx";184.320;15.01.2024
                "E:\\Freigaben\\Personal\\Liste; alt.xlsx";1.048.576;03.03.2023
                """);
        assertEquals(List.of("E:\\Freigaben\\Personal\\Gehälter 2024.xlsx 184320", "E:\\Freigaben\\Personal\\Liste; alt.xlsx 1048576"), claims(de));
        assertEquals(Layout.CSV, de.layout());
        assertEquals(1, de.ignored());
        LeakList bare = read("bare.csv", """
                "E:\\a, b.xlsx","184,320"
                "E:\\c.xlsx","2,048"
                """);
        assertEquals(List.of("E:\\a, b.xlsx 184320", "E:\\c.xlsx 2048"), claims(bare));
    }

    @Test
    void readsTsvWithHashColumnsAndJoinsFolderAndName() throws Exception {
        String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        LeakList l = read("files.tsv", "SHA-256\tsize (bytes)\tfolder\tfile name\n"
                + sha.toUpperCase(java.util.Locale.ROOT) + "\t1,234\t/srv/share/HR\t給与 2024.xlsx\n"
                + "\t12 KB\t/srv/share\tnotes.txt\n");
        assertEquals(List.of("/srv/share/HR/給与 2024.xlsx 1234", "/srv/share/notes.txt 12288"), claims(l));
        assertEquals(sha, l.claims().get(0).hash());
        assertEquals("sha256", l.claims().get(0).hashType());
        assertEquals(1, l.ignored());
    }

    @Test
    void readsJsonArraysOfStringsAndOfObjects() throws Exception {
        LeakList strings = read("a.json", """
                ["E:\\\\shares\\\\HR\\\\2024-Q1.xlsx", "/srv/share/社員名簿.csv", "not a file", 42]
                """);
        assertEquals(List.of("E:\\shares\\HR\\2024-Q1.xlsx -", "/srv/share/社員名簿.csv -"), claims(strings));
        assertEquals(2, strings.ignored());
        LeakList objects = read("b.json", """
                {"group": "ACME leaks", "files": [
                  {"path": "E:\\\\shares\\\\HR\\\\2024-Q1.xlsx", "size": 184320, "md5": "0cc175b9c0f1b6a831c399e269772661"},
                  {"FullName": "/srv/a b.pdf", "Length": "1.2 MB"},
                  {"directory": "/srv/x", "name": "y.txt", "bytes": "1,024"},
                  {"note": "and more"}
                ]}
                """);
        assertEquals(List.of("E:\\shares\\HR\\2024-Q1.xlsx 184320", "/srv/a b.pdf 1258291", "/srv/x/y.txt 1024"), claims(objects));
        assertEquals("md5", objects.claims().get(0).hashType());
        assertEquals(4, objects.claims().get(2).line());
        assertEquals(1, objects.ignored());
        assertEquals(Layout.JSON, objects.layout());
    }

    @Test
    void readsRcloneListingsTheExfiltrationToolWrites() throws Exception {
        LeakList lsl = read("lsl.txt", """
                   184320 2024-01-15 10:22:33.123456789 HR/2024-Q1.xlsx
                    12288 2024-01-10 08:00:00.000000000 HR/給与/賞与 一覧.xlsx
                """);
        assertEquals(List.of("HR/2024-Q1.xlsx 184320", "HR/給与/賞与 一覧.xlsx 12288"), claims(lsl));
        String sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        LeakList json = read("lsjson.json", "[\n"
                + "{\"Path\":\"HR\",\"Name\":\"HR\",\"Size\":-1,\"MimeType\":\"inode/directory\",\"ModTime\":\"2024-01-15T10:22:33Z\",\"IsDir\":true},\n"
                + "{\"Path\":\"HR/2024-Q1.xlsx\",\"Name\":\"2024-Q1.xlsx\",\"Size\":184320,\"ModTime\":\"2024-01-15T10:22:33Z\",\"IsDir\":false,"
                + "\"Hashes\":{\"md5\":\"0cc175b9c0f1b6a831c399e269772661\",\"sha256\":\"" + sha + "\"}}\n]\n");
        assertEquals(List.of("HR/2024-Q1.xlsx 184320"), claims(json));
        assertEquals(sha, json.claims().get(0).hash());
        assertEquals(1, json.ignored());
    }

    @Test
    void readsJsonLinesAsBefore() throws Exception {
        LeakList l = read("l.jsonl", "{\"path\": \"/a/b.pdf\", \"size\": 10}\n{\"name\": \"c.docx\", \"size\": \"2 KB\"}\n");
        assertEquals(List.of("/a/b.pdf 10", "c.docx 2048"), claims(l));
    }

    @Test
    void readsSha256sumAndMd5sumOutput() throws Exception {
        String sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        LeakList l = read("sums.txt", sha + "  ./share/empty.txt\n"
                + "0cc175b9c0f1b6a831c399e269772661 *./share/a.bin\n"
                + "./share/c.pdf  184,320  da39a3ee5e6b4b0d3255bfef95601890afd80709\n");
        assertEquals(List.of("./share/empty.txt -", "./share/a.bin -", "./share/c.pdf 184320"), claims(l));
        assertEquals(List.of("sha256", "md5", "sha1"), l.claims().stream().map(Claim::hashType).toList());
        assertEquals(sha, l.claims().get(0).hash());
    }

    @Test
    void badInputIsOneProblemLineNamingFileAndLine() throws Exception {
        Path bin = tmp.resolve("list.bin");
        Files.write(bin, new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2});
        LeakList b = LeakList.read(bin);
        assertEquals(0, b.claims().size());
        assertEquals(List.of(bin + ":1: binary data (a NUL byte at offset 4), not a file list; no claims taken from it"), b.problems());

        LeakList j = read("bad.json", "[\n  \"/a/b.pdf\",\n  \"/a/c.pdf\"\n  \"/a/d.pdf\"\n]\n");
        assertEquals(List.of("/a/b.pdf -", "/a/c.pdf -"), claims(j));
        assertEquals(1, j.problems().size());
        assertTrue(j.problems().get(0).startsWith(tmp.resolve("bad.json") + ":4: not valid JSON at column 3"), j.problems().get(0));

        LeakList missing = LeakList.read(tmp.resolve("none.txt"));
        assertEquals(1, missing.problems().size());
        assertEquals(List.of(tmp.resolve("none.txt") + ": cannot read the list (no such file); no claims taken from it"), missing.problems());
    }
}
