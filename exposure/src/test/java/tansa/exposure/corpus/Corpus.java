package tansa.exposure.corpus;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The labeled test corpus, generated on every run from a seed: English and Japanese documents in
 * docx, xlsx, pptx, pdf, odt, legacy xls and ppt, eml and Outlook msg with attachments, mbox, csv,
 * sql, Shift_JIS / EUC-JP / ISO-2022-JP / UTF-16 text, nested zips, tar.gz and 7z; encrypted,
 * password-protected (OOXML, PDF, legacy xls and ppt, zip and 7z members) and corrupted files;
 * each with planted positives and look-alike negatives. Nothing is copied from elsewhere.
 */
public final class Corpus {
    /** One expected finding at a scanned path (members as outer.zip!/inner). */
    public record Expected(String path, String type, String key) {
    }

    public final Path root;
    public final String display;
    public final Set<Expected> expected = new HashSet<>();
    public final Map<String, String> statuses = new LinkedHashMap<>();
    public final long seed;
    private final Random r;
    private final Pages pages;

    private Corpus(Path root, long seed) {
        this.root = root;
        this.display = root.toString();
        this.seed = seed;
        this.r = new Random(seed);
        this.pages = new Pages(r);
    }

    public static Corpus build(Path root, long seed) throws Exception {
        Corpus c = new Corpus(root, seed);
        c.write();
        return c;
    }

    private String path(String rel) {
        return display + "/" + rel;
    }

    private void file(String rel, byte[] data, String status) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, data);
        statuses.put(path(rel), status);
    }

    private void expect(String path, Page page) {
        for (Page.Expect e : page.expect) {
            expected.add(new Expected(path, e.type(), e.key()));
        }
    }

    private byte[] doc(String rel, Page page, String format) throws Exception {
        switch (format) {
            case "docx":
                return Formats.docx(page.lines);
            case "pptx":
                return Formats.pptx(page.lines);
            case "pdf":
                return Formats.pdf(page.lines, null);
            case "odt":
                return Formats.odt(page.lines);
            case "ppt":
                return Formats.ppt(page.lines);
            default:
                throw new IllegalArgumentException(format);
        }
    }

    private void document(String rel, Page page, String format) throws Exception {
        file(rel, doc(rel, page, format), "parsed");
        expect(path(rel), page);
    }

    private void text(String rel, Page page, Charset cs) throws IOException {
        file(rel, page.text().getBytes(cs), "parsed");
        expect(path(rel), page);
    }

    private void write() throws Exception {
        document("docs/report_en.docx", pages.english(true), "docx");
        document("docs/report_ja.docx", pages.japanese(true), "docx");
        document("docs/briefing_en.pptx", pages.english(false), "pptx");
        document("docs/briefing_ja.pptx", pages.japanese(false), "pptx");
        document("docs/memo.pdf", pages.english(true), "pdf");
        document("docs/memo2.pdf", pages.english(false), "pdf");
        document("docs/plan_ja.odt", pages.japanese(true), "odt");
        document("docs/plan_en.odt", pages.english(false), "odt");
        customersXlsx("docs/customers.xlsx", 0, 30);
        List<List<String>> legacy = customerRows(0, 20, false);
        file("docs/legacy_customers.xls", Formats.xls(legacy), "parsed");
        expectRows(path("docs/legacy_customers.xls"), legacy);
        Page rtf = pages.japanese(true);
        file("docs/minutes_ja.rtf", Formats.rtf(rtf.lines), "parsed");
        expect(path("docs/minutes_ja.rtf"), rtf);
        Page html = pages.english(true);
        file("docs/intranet.html", Formats.html(html.lines), "parsed");
        expect(path("docs/intranet.html"), html);

        text("text/notes_en.txt", pages.english(true), StandardCharsets.UTF_8);
        text("text/notes_sjis.txt", pages.japanese(true, true), Charset.forName("windows-31j"));
        text("text/notes_eucjp.txt", pages.japanese(false, true), Charset.forName("EUC-JP"));
        text("text/notes_iso2022.txt", pages.japanese(false, true), Charset.forName("ISO-2022-JP"));
        Page u16 = pages.japanese(true);
        byte[] body = u16.text().getBytes(StandardCharsets.UTF_16LE);
        byte[] bom = {(byte) 0xFF, (byte) 0xFE};
        byte[] all = Arrays.copyOf(bom, 2 + body.length);
        System.arraycopy(body, 0, all, 2, body.length);
        file("text/notes_utf16.txt", all, "parsed");
        expect(path("text/notes_utf16.txt"), u16);
        customersCsv("data/customers.csv", 0, 30, false);
        sqlDump("data/dump.sql");
        Page free = pages.contextFree();
        text("data/orders.txt", free, StandardCharsets.UTF_8);

        mail();
        archives();
        unreadable();
        // Added after the rest so that the earlier files keep their content for a given seed.
        legacyOfficeAndOutlook();
    }

    private List<List<String>> customerRows(int from, int to, boolean variant) {
        Values v = new Values(new Random(seed * 31 + 7));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("氏名", "メール", "電話", "マイナンバー"));
        for (int i = 0; i < to; i++) {
            String email = "customer" + i + "@shop.example.jp";
            String d = String.format("090%08d", 10000000 + i * 7919 % 90000000);
            String phone = d.substring(0, 3) + "-" + d.substring(3, 7) + "-" + d.substring(7);
            String my = v.myNumber();
            if (i < from) {
                continue;
            }
            if (variant) {
                email = email.toUpperCase();
                phone = Values.toFullWidth(d.substring(0, 3) + "-" + d.substring(3, 7) + "-" + d.substring(7));
            }
            rows.add(List.of("顧客 " + i + "号", email, phone, my));
        }
        return rows;
    }

    private void expectRows(String path, List<List<String>> rows) {
        for (List<String> row : rows.subList(1, rows.size())) {
            expected.add(new Expected(path, "pii.email", row.get(1).toLowerCase()));
            expected.add(new Expected(path, "pii.phone", digits(row.get(2))));
            expected.add(new Expected(path, "pii.jp_my_number", row.get(3)));
        }
    }

    static String digits(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= '0' && c <= '9') {
                sb.append(c);
            } else if (c >= '\uFF10' && c <= '\uFF19') {
                sb.append((char) (c - '\uFF10' + '0'));
            }
        }
        return sb.toString();
    }

    /** Customer rows [from, to): overlapping ranges in several files test distinct counts. */
    public byte[] customersCsvBytes(int from, int to, boolean variant) {
        StringBuilder sb = new StringBuilder();
        for (List<String> row : customerRows(from, to, variant)) {
            sb.append(String.join(",", row)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void customersCsv(String rel, int from, int to, boolean variant) throws IOException {
        file(rel, customersCsvBytes(from, to, variant), "parsed");
        expectRows(path(rel), customerRows(from, to, variant));
    }

    private void customersXlsx(String rel, int from, int to) throws IOException {
        List<List<String>> rows = customerRows(from, to, false);
        file(rel, Formats.xlsx(rows), "parsed");
        expectRows(path(rel), rows);
    }

    private void sqlDump(String rel) throws IOException {
        Values v = pages.values();
        StringBuilder sb = new StringBuilder("-- dump\nCREATE TABLE users (id int, email text, tel text, card text);\n");
        for (int i = 0; i < 15; i++) {
            String email = v.email(1000 + i);
            String card = v.visa();
            String[] tel = v.jpPhone();
            sb.append("INSERT INTO users VALUES (").append(i).append(", '").append(email).append("', '").append(tel[0])
                    .append("', '").append(card).append("');\n");
            expected.add(new Expected(path(rel), "pii.email", email.toLowerCase()));
            expected.add(new Expected(path(rel), "pii.credit_card", card));
            expected.add(new Expected(path(rel), "pii.phone", tel[1]));
        }
        file(rel, sb.toString().getBytes(StandardCharsets.UTF_8), "parsed");
    }

    private void mail() throws Exception {
        Page body = pages.english(true);
        Page att = pages.japanese(true);
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        attachments.put("report.docx", Formats.docx(att.lines));
        attachments.put("list.csv", customersCsvBytes(0, 10, false));
        file("mail/incident.eml", Formats.eml("【社外秘】Incident follow-up", body.text(), attachments), "parsed");
        expect(path("mail/incident.eml"), body);
        // The headers are scanned too: the correspondents' addresses and the subject's marking.
        for (String a : List.of("sender@example.org", "recipient@example.org", "copy@example.org")) {
            expected.add(new Expected(path("mail/incident.eml"), "pii.email", a));
        }
        expected.add(new Expected(path("mail/incident.eml"), "marking.classification", "社外秘"));
        expect(path("mail/incident.eml") + "!/report.docx", att);
        statuses.put(path("mail/incident.eml") + "!/report.docx", "parsed");
        statuses.put(path("mail/incident.eml") + "!/list.csv", "parsed");

        // An mbox of two messages: each message is a member, message-1.eml and message-2.eml.
        Page m1 = pages.english(false);
        Page m2 = pages.japanese(false);
        String mbox = "From alice@example.org Mon Jul  1 09:00:00 2024\nFrom: alice@example.org\nSubject: one\n"
                + "Content-Type: text/plain; charset=UTF-8\n\n" + m1.text().replace("\nFrom ", "\n>From ")
                + "\nFrom bob@example.org Mon Jul  1 10:00:00 2024\nFrom: bob@example.org\nSubject: two\n"
                + "Content-Type: text/plain; charset=UTF-8\n\n" + m2.text().replace("\nFrom ", "\n>From ") + "\n";
        file("mail/archive.mbox", mbox.getBytes(StandardCharsets.UTF_8), "parsed");
        expect(path("mail/archive.mbox") + "!/message-1.eml", m1);
        expect(path("mail/archive.mbox") + "!/message-2.eml", m2);
        expected.add(new Expected(path("mail/archive.mbox") + "!/message-1.eml", "pii.email", "alice@example.org"));
        expected.add(new Expected(path("mail/archive.mbox") + "!/message-2.eml", "pii.email", "bob@example.org"));
        statuses.put(path("mail/archive.mbox") + "!/message-1.eml", "parsed");
        statuses.put(path("mail/archive.mbox") + "!/message-2.eml", "parsed");
        expectRows(path("mail/incident.eml") + "!/list.csv", customerRows(0, 10, false));
    }

    private void archives() throws Exception {
        Page notes = pages.english(true);
        Page deep = pages.japanese(true);
        Page deeper = pages.english(false);
        Map<String, byte[]> inner = new LinkedHashMap<>();
        inner.put("deep.txt", deep.text().getBytes(StandardCharsets.UTF_8));
        inner.put("sub/deeper.docx", Formats.docx(deeper.lines));
        Map<String, byte[]> outer = new LinkedHashMap<>();
        outer.put("notes.txt", notes.text().getBytes(StandardCharsets.UTF_8));
        outer.put("nested/inner.zip", Formats.zip(inner));
        file("archives/bundle.zip", Formats.zip(outer), "parsed");
        String b = path("archives/bundle.zip");
        expect(b + "!/notes.txt", notes);
        expect(b + "!/nested/inner.zip!/deep.txt", deep);
        expect(b + "!/nested/inner.zip!/sub/deeper.docx", deeper);
        statuses.put(b + "!/notes.txt", "parsed");
        statuses.put(b + "!/nested/inner.zip", "parsed");
        statuses.put(b + "!/nested/inner.zip!/deep.txt", "parsed");
        statuses.put(b + "!/nested/inner.zip!/sub/deeper.docx", "parsed");

        Page env = new Page();
        pages.secrets(env);
        env.build(r);
        Map<String, byte[]> tar = new LinkedHashMap<>();
        tar.put("etc/app/config.env", env.text().getBytes(StandardCharsets.UTF_8));
        file("archives/config.tar.gz", Formats.tarGz(tar), "parsed");
        expect(path("archives/config.tar.gz") + "!/etc/app/config.env", env);
        statuses.put(path("archives/config.tar.gz") + "!/etc/app/config.env", "parsed");

        Page keys = pages.japanese(true);
        Path seven = root.resolve("archives/backup.7z");
        Files.createDirectories(seven.getParent());
        Formats.sevenZ(seven, Map.of("backup/keys.txt", keys.text().getBytes(StandardCharsets.UTF_8)));
        statuses.put(path("archives/backup.7z"), "parsed");
        expect(path("archives/backup.7z") + "!/backup/keys.txt", keys);
        statuses.put(path("archives/backup.7z") + "!/backup/keys.txt", "parsed");
    }

    /**
     * Outlook .msg with attachments, legacy binary PowerPoint, password-protected legacy Excel and
     * PowerPoint, and a 7z whose members are encrypted.
     */
    private void legacyOfficeAndOutlook() throws Exception {
        Page body = pages.japanese(true);
        Page notes = pages.english(true);
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        attachments.put("notes.docx", Formats.docx(notes.lines));
        attachments.put("customers.csv", customersCsvBytes(20, 30, false));
        String msg = path("mail/quarterly.msg");
        file("mail/quarterly.msg", OutlookMsg.write("四半期報告", body.text(), attachments), "parsed");
        expect(msg, body);
        // Tika's Outlook parser writes the recipients into the text it extracts (an .eml's headers
        // are scanned from the metadata, see mail()).
        expected.add(new Expected(msg, "pii.email", OutlookMsg.RECIPIENT));
        expect(msg + "!/notes.docx", notes);
        expectRows(msg + "!/customers.csv", customerRows(20, 30, false));
        statuses.put(msg + "!/notes.docx", "parsed");
        statuses.put(msg + "!/customers.csv", "parsed");

        document("docs/legacy_briefing_en.ppt", pages.english(false), "ppt");
        document("docs/legacy_briefing_ja.ppt", pages.japanese(false), "ppt");

        file("protected/salaries.xls", Formats.xls(customerRows(0, 5, false), "Xls-pass1"), "password_protected");
        file("protected/board.ppt", Formats.ppt(pages.english(false).lines, "Ppt-pass1"), "password_protected");
        Path locked = root.resolve("protected/backup.7z");
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("keys.txt", pages.english(true).text().getBytes(StandardCharsets.UTF_8));
        members.put("db/customers.csv", customersCsvBytes(0, 5, false));
        Formats.sevenZ(locked, members, "7z-pass1");
        statuses.put(path("protected/backup.7z"), "password_protected");
        statuses.put(path("protected/backup.7z") + "!/keys.txt", "password_protected");
        statuses.put(path("protected/backup.7z") + "!/db/customers.csv", "password_protected");
    }

    private void unreadable() throws Exception {
        byte[] random = new byte[200_000];
        r.nextBytes(random);
        Page secret = pages.english(true);
        file("protected/secret.docx", Formats.encryptOoxml(Formats.docx(secret.lines), "Tr0ub4dor&3", root.getParent()), "password_protected");
        file("protected/secret.pdf", Formats.pdf(secret.lines, "s3cret-pdf"), "password_protected");
        file("protected/archive.zip", Formats.encryptedZip("payroll.xlsx", Arrays.copyOf(random, 5000)), "password_protected");
        statuses.put(path("protected/archive.zip") + "!/payroll.xlsx", "password_protected");
        file("ransom/report.docx.lockbit", Arrays.copyOf(random, 100_000), "encrypted");
        byte[] r2 = new byte[80_000];
        r.nextBytes(r2);
        file("ransom/budget.xlsx", r2, "encrypted");
        byte[] r3 = new byte[60_000];
        r.nextBytes(r3);
        r3[0] = 0x13; // no file signature starts so (random bytes can begin with "MZ" or an MP3 sync)
        file("ransom/data.bin", r3, "encrypted");
        byte[] good = Formats.docx(pages.english(false).lines);
        file("broken/truncated.docx", Arrays.copyOf(good, good.length / 2), "corrupted");
        file("broken/bad.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ngarbage garbage\n".getBytes(StandardCharsets.US_ASCII), "corrupted");
        file("media/pixel.png", Formats.png(), "no_text");
        file("empty.txt", new byte[0], "empty");
    }
}
