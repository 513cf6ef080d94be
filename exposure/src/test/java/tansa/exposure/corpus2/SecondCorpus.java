package tansa.exposure.corpus2;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The second labelled corpus of issue 16: evidence in the layouts and encodings the first corpus
 * lacks — JSON written by Python's json.dumps (every non-ASCII character escaped), XML and HTML
 * with character references, access logs with URL-encoded query strings, mail with quoted-printable
 * and base64 bodies and RFC 2047 headers, document headers and footers with several markings on a
 * line, spreadsheets and CSV/TSV whose context column comes late and whose rows run far down, shell,
 * batch and PowerShell scripts with passwords on command lines, configuration with connection URLs
 * of many schemes and with valid and placeholder tokens. Written independently of the detectors'
 * tests: values are computed here from the published rules, and each planted finding is recorded
 * with the key the scan must report.
 */
public final class SecondCorpus {
    static final String MY = "pii.jp_my_number";
    static final String EMAIL = "pii.email";
    static final String PHONE = "pii.phone";
    static final String SSN = "pii.us_ssn";
    static final String CARD = "pii.credit_card";
    static final String PASSWORD = "secret.password";
    static final String GITHUB = "secret.github_token";
    static final String NPM = "secret.npm_token";
    static final String MARK = "marking.classification";

    final Path root;
    final String display;
    final Truth truth = new Truth();
    private final People p;

    private SecondCorpus(Path root, String display, long seed) {
        this.root = root;
        this.display = display;
        this.p = new People(seed);
    }

    public static SecondCorpus build(Path root, long seed) throws Exception {
        SecondCorpus c = new SecondCorpus(root, "c2", seed);
        Files.createDirectories(root);
        for (int n = 0; n < 4; n++) {
            c.jsonExport(n);
            c.xmlContacts(n);
            c.accessLog(n);
            c.mail(n);
            c.bannerText(n);
            c.scripts(n);
            c.config(n);
        }
        for (int n = 0; n < 3; n++) {
            c.memoDocx(n);
            c.reportPdf(n);
            c.staffCsv(n);
            c.usEmployeesTsv(n);
        }
        c.staffXlsx();
        c.teamHtml();
        c.statusSamples();
        return c;
    }

    private String path(String rel) {
        return display + "/" + rel;
    }

    private void write(String rel, byte[] data) throws IOException {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.write(f, data);
        truth.statuses.putIfAbsent(path(rel), "parsed");
    }

    private void write(String rel, String text) throws IOException {
        write(rel, text.getBytes(StandardCharsets.UTF_8));
    }

    private void plant(String rel, String type, String key) {
        truth.plant(path(rel), type, key);
    }

    // ---- JSON (Python json.dumps, ensure_ascii) ----

    private void jsonExport(int n) throws IOException {
        String rel = "api/customers-" + n + ".jsonl";
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 25; k++) {
            String mail = p.email();
            String[] tel = p.phone();
            String my = p.myNumber();
            StringBuilder rec = new StringBuilder("{\"id\": ").append(1000 + k)
                    .append(", \"").append(People.jsonAscii("氏名")).append("\": \"").append(People.jsonAscii(p.nameJa())).append('"')
                    .append(", \"email\": \"").append(mail).append('"')
                    .append(", \"").append(People.jsonAscii("電話")).append("\": \"").append(tel[0]).append('"');
            plant(rel, EMAIL, mail.toLowerCase(Locale.ROOT));
            plant(rel, PHONE, tel[1]);
            if (k % 3 == 0) {
                rec.append(", \"").append(People.jsonAscii("マイナンバー")).append("\": \"").append(People.written(my, k)).append('"');
                plant(rel, MY, my);
            } else {
                // a check-digit-valid number under a key that is no context: not a My Number
                rec.append(", \"").append(People.jsonAscii("会員番号")).append("\": \"").append(p.myNumber()).append('"');
            }
            if (k % 5 == 1) {
                rec.append(", \"").append(People.jsonAscii("備考")).append("\": \"").append(People.jsonAscii("【社外秘】取引条件あり")).append('"');
                plant(rel, MARK, "社外秘");
            } else if (k % 5 == 2) {
                rec.append(", \"body\": \"").append(People.jsonAscii("件名：見積\n社外秘 CONFIDENTIAL\n秘書室経由で送付")).append('"');
                plant(rel, MARK, "社外秘");
                plant(rel, MARK, "CONFIDENTIAL");
            } else {
                rec.append(", \"").append(People.jsonAscii("備考")).append("\": \"").append(People.jsonAscii("秘書室にて受付")).append('"');
            }
            sb.append(rec).append("}\n");
        }
        write(rel, sb.toString());
    }

    // ---- XML and HTML with character references ----

    private void xmlContacts(int n) throws IOException {
        String rel = "web/contacts-" + n + ".xml";
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<contacts>\n");
        for (int k = 0; k < 15; k++) {
            String mail = p.email();
            boolean hex = k % 2 == 0;
            sb.append("  <contact><name>").append(People.charRefs(p.nameJa(), hex)).append("</name><mail>")
                    .append(People.charRefs(mail, hex)).append("</mail>");
            plant(rel, EMAIL, mail.toLowerCase(Locale.ROOT));
            if (k % 4 == 0) {
                sb.append("<class>").append(People.charRefs("【極秘】", hex)).append("</class>");
                plant(rel, MARK, "極秘");
            }
            sb.append("<note>").append(People.charRefs("R&D <第2> 開発部 & 秘書課", hex)).append("</note></contact>\n");
        }
        sb.append("</contacts>\n");
        write(rel, sb.toString());
    }

    private void teamHtml() throws IOException {
        String rel = "web/team.html";
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(People.charRefs("チーム紹介", true)).append("</title></head><body>\n<p>")
                .append(People.charRefs("【社外秘】", false)).append("</p>\n");
        plant(rel, MARK, "社外秘");
        for (int k = 0; k < 8; k++) {
            String mail = p.email();
            String refs = People.charRefs(mail, k % 2 == 0);
            sb.append("<p>").append(People.charRefs(p.nameJa(), true)).append(": <a href=\"mailto:").append(refs).append("\">")
                    .append(refs).append("</a></p>\n");
            plant(rel, EMAIL, mail.toLowerCase(Locale.ROOT));
        }
        sb.append("</body></html>\n");
        write(rel, sb.toString());
    }

    // ---- access logs with URL-encoded query strings ----

    private void accessLog(int n) throws IOException {
        String rel = "logs/access-" + n + ".log";
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 300; k++) {
            String ip = "10.0." + (k % 7) + "." + (k % 200 + 1);
            String time = String.format(Locale.ROOT, "[07/Dec/2026:%02d:%02d:%02d +0900]", k % 24, k % 60, (k * 7) % 60);
            String req;
            if (k % 10 == 3) {
                String mail = p.email();
                req = "GET /api/v2/customers/search?email=" + People.urlEncode(mail) + "&name=" + People.urlEncode(p.nameJa()) + "&page=2";
                plant(rel, EMAIL, mail.toLowerCase(Locale.ROOT));
            } else if (k % 10 == 7) {
                String mail = p.email();
                req = "POST /login?next=%2Fportal%2Fhome%3Flang%3Dja&user=" + People.urlEncode(mail);
                plant(rel, EMAIL, mail.toLowerCase(Locale.ROOT));
            } else if (k % 50 == 11) {
                String pw = p.password();
                req = "GET /sync?src=" + People.urlEncode("ftp://sync:" + pw + "@files.example.co.jp/in") + "&mode=full";
                plant(rel, PASSWORD, pw);
            } else {
                req = "GET /static/app.js?v=1.2." + k + "&q=" + People.urlEncode("会議室 予約 100%") + "&ref=%2Fhome";
            }
            sb.append(ip).append(" - - ").append(time).append(" \"").append(req).append(" HTTP/1.1\" 200 ").append(512 + k)
                    .append(" \"-\" \"Mozilla/5.0\"\n");
        }
        write(rel, sb.toString());
    }

    // ---- mail: quoted-printable and base64 bodies, RFC 2047 headers ----

    private String mailBody(String rel) {
        String mail = p.email();
        String[] tel = p.phone();
        String my = p.myNumber();
        plant(rel, EMAIL, mail.toLowerCase(Locale.ROOT));
        plant(rel, PHONE, tel[1]);
        plant(rel, MY, my);
        plant(rel, MARK, "社外秘");
        plant(rel, MARK, "CONFIDENTIAL");
        return "社外秘 CONFIDENTIAL\n\n" + p.nameJa() + " 様\n\nお世話になっております。\n"
                + "ご依頼の件、担当は " + mail + " です。\n電話：" + tel[0] + "\n"
                + "マイナンバー（個人番号）：" + People.written(my, 1) + "\n秘書室より\n";
    }

    private void mail(int n) throws IOException {
        for (String enc : List.of("quoted-printable", "base64")) {
            String rel = "mail/" + (enc.equals("base64") ? "b64-" : "qp-") + n + ".eml";
            String from = p.email();
            String to = p.email();
            plant(rel, EMAIL, from.toLowerCase(Locale.ROOT));
            plant(rel, EMAIL, to.toLowerCase(Locale.ROOT));
            String body = mailBody(rel);
            String encoded = enc.equals("base64")
                    ? Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "\r\n"
                    : People.quotedPrintable(body);
            String subject = n % 2 == 0 ? "【取扱注意】見積書の送付" : "【社外秘】契約について";
            plant(rel, MARK, n % 2 == 0 ? "取扱注意" : "社外秘");
            String msg = "Return-Path: <" + from + ">\r\n"
                    + "From: " + People.encodedWord(p.nameJa()) + " <" + from + ">\r\n"
                    + "To: " + People.encodedWord(p.nameJa()) + " <" + to + ">\r\n"
                    + "Subject: " + People.encodedWord(subject) + "\r\n"
                    + "Date: Mon, 7 Dec 2026 10:00:00 +0900\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: " + enc + "\r\n\r\n" + encoded;
            write(rel, msg.getBytes(StandardCharsets.US_ASCII));
        }
        // the same kind of message kept as plain text by a helpdesk tool: the scanner decodes it itself
        String rel = "mail/ticket-" + n + ".txt";
        String subject = "【社外秘】問い合わせ " + n;
        plant(rel, MARK, "社外秘");
        String body = mailBody(rel);
        write(rel, "チケット #" + (4000 + n) + " 保存データ\n件名: " + People.encodedWord(subject) + "\n"
                + "Content-Transfer-Encoding: quoted-printable\n\n" + People.quotedPrintable(body).replace("\r\n", "\n"));
    }

    // ---- banners: several markings on a line, headers and footers ----

    private static final String[][] BANNERS = {
        {"社外秘 CONFIDENTIAL", "社外秘", "CONFIDENTIAL"},
        {"CONFIDENTIAL // 秘", "CONFIDENTIAL", "秘"},
        {"極秘 / TOP SECRET", "極秘", "TOP SECRET"},
        {"Company Confidential | Page 3", "CONFIDENTIAL"},
        {"- 2 -　社外秘", "社外秘"},
        {"取扱注意　2026年12月7日", "取扱注意"},
        {"CONFIDENTIAL - Page 1 of 4", "CONFIDENTIAL"},
        {"TOP SECRET//NOFORN", "TOP SECRET"},
        {"【秘】 2026/12/07 経営会議資料", "秘"},
    };

    private void bannerText(int n) throws IOException {
        String rel = "docs/minutes-" + n + ".txt";
        String[] b1 = BANNERS[n % BANNERS.length];
        String[] b2 = BANNERS[(n + 4) % BANNERS.length];
        for (String[] b : new String[][] {b1, b2}) {
            for (int k = 1; k < b.length; k++) {
                plant(rel, MARK, b[k]);
            }
        }
        write(rel, b1[0] + "\n\n議事録\n出席者：営業部、秘書室\nThe secret of the plan is timing; confidential talks continue.\n"
                + "守秘義務に従い取り扱うこと。\n\n" + b2[0] + "\n");
    }

    private void memoDocx(int n) throws IOException {
        String rel = "docs/memo-" + n + ".docx";
        String[] header = BANNERS[(n * 2) % BANNERS.length];
        String[] footer = BANNERS[(n * 2 + 3) % BANNERS.length];
        try (XWPFDocument d = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            d.createHeader(HeaderFooterType.DEFAULT).createParagraph().createRun().setText(header[0]);
            d.createFooter(HeaderFooterType.DEFAULT).createParagraph().createRun().setText(footer[0]);
            String mail = p.email();
            for (String l : List.of("社内連絡", "秘書室の田中より、来週の予定についてお知らせします。", "連絡先：" + mail,
                    "The secret to a good review is preparation.")) {
                d.createParagraph().createRun().setText(l);
            }
            plant(rel, EMAIL, mail.toLowerCase(Locale.ROOT));
            d.write(out);
            write(rel, out.toByteArray());
        }
        for (String[] b : new String[][] {header, footer}) {
            for (int k = 1; k < b.length; k++) {
                plant(rel, MARK, b[k]);
            }
        }
    }

    private void reportPdf(int n) throws IOException {
        String rel = "docs/report-" + n + ".pdf";
        String ssn = p.ssn();
        String mail = p.email();
        List<String> lines = List.of("Company Confidential | Page 1", "Quarterly security review", "Contact: " + mail,
                "Employee SSN: " + ssn.substring(0, 3) + "-" + ssn.substring(3, 5) + "-" + ssn.substring(5),
                "The secret of our success is confidential talks with customers.", "CONFIDENTIAL - Page 1 of 1");
        plant(rel, MARK, "CONFIDENTIAL");
        plant(rel, EMAIL, mail.toLowerCase(Locale.ROOT));
        plant(rel, SSN, ssn);
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                float y = 750;
                for (String l : lines) {
                    cs.beginText();
                    cs.newLineAtOffset(60, y);
                    cs.showText(l);
                    cs.endText();
                    y -= 40;
                }
            }
            doc.save(out);
            write(rel, out.toByteArray());
        }
    }

    // ---- tables: the context column late in the row, rows far below the header ----

    private void staffCsv(int n) throws IOException {
        String rel = "hr/staff-" + n + ".csv";
        StringBuilder sb = new StringBuilder("No,氏名,フリガナ,部署,\"備考\",内線,").append(n % 2 == 0 ? "個人番号" : "マイナンバー").append(",会員番号,入社日\n");
        for (int k = 1; k <= 1200; k++) {
            String note = k % 9 == 0 ? "\"異動予定, 要確認, " + "長期出張中 ".repeat(1 + k % 40) + "\"" : "\"\"";
            String my = "";
            if (k % 40 == 17) {
                String v = p.myNumber();
                my = People.written(v, k);
                plant(rel, MY, v);
            }
            // a check-digit-valid 12-digit member number in another column: not a My Number
            String member = k % 60 == 5 ? p.myNumber() : "M" + (100000 + k);
            sb.append(k).append(',').append(p.nameJa()).append(",ヤマダ タロウ,営業部,").append(note).append(',').append(2000 + k % 800)
                    .append(',').append(my).append(',').append(member).append(",2019/04/01\n");
        }
        write(rel, sb.toString());
    }

    private void usEmployeesTsv(int n) throws IOException {
        String rel = "hr/us-employees-" + n + ".tsv";
        StringBuilder sb = new StringBuilder("Employee ID\tDepartment\tLocation\tNotes\tSSN\tCard No.\tHired\n");
        for (int k = 1; k <= 600; k++) {
            String ssn = "";
            String card = "";
            if (k % 25 == 9) {
                String v = p.ssn();
                ssn = k % 2 == 0 ? v : v.substring(0, 3) + "-" + v.substring(3, 5) + "-" + v.substring(5);
                plant(rel, SSN, v);
            }
            if (k % 30 == 13) {
                String v = p.visa();
                card = k % 2 == 0 ? v.substring(0, 4) + " " + v.substring(4, 8) + " " + v.substring(8, 12) + " " + v.substring(12)
                        : v.substring(0, 4) + "-" + v.substring(4, 8) + "-" + v.substring(8, 12) + "-" + v.substring(12);
                plant(rel, CARD, v);
            }
            sb.append("E").append(10000 + k).append("\tSales\tSeattle, WA\t").append(k % 11 == 0 ? "transfer pending; badge 100234" : "")
                    .append('\t').append(ssn).append('\t').append(card).append("\t2021-0").append(1 + k % 9).append("-15\n");
        }
        write(rel, sb.toString());
    }

    private void staffXlsx() throws IOException {
        String rel = "hr/staff.xlsx";
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sh = wb.createSheet("社員");
            String[] header = {"社員番号", "氏名", "部署", "内線", "備考", "マイナンバー", "入社日"};
            XSSFRow h = sh.createRow(0);
            for (int c = 0; c < header.length; c++) {
                h.createCell(c).setCellValue(header[c]);
            }
            for (int k = 1; k <= 400; k++) {
                XSSFRow row = sh.createRow(k);
                String my = "-";
                if (k % 25 == 21) {
                    String v = p.myNumber();
                    my = People.written(v, k);
                    plant(rel, MY, v);
                }
                String[] cells = {"S" + (5000 + k), p.nameJa(), "開発部", String.valueOf(3000 + k), k % 7 == 0 ? "在宅勤務" : null, my, "2020/10/01"};
                for (int c = 0; c < cells.length; c++) {
                    if (cells[c] != null) { // most rows leave 備考 empty: no cell at all, as Excel writes it
                        row.createCell(c).setCellValue(cells[c]);
                    }
                }
            }
            wb.write(out);
            write(rel, out.toByteArray());
        }
    }

    // ---- scripts with passwords on command lines ----

    private void scripts(int n) throws IOException {
        String bat = "scripts/map-drives-" + n + ".bat";
        String pw1 = p.password();
        String pw2 = p.password();
        plant(bat, PASSWORD, pw1);
        plant(bat, PASSWORD, pw2);
        write(bat, "@echo off\r\nREM map the shares for the backup job\r\n"
                + "net use Z: \\\\fs0" + n + "\\backup /user:CORP\\svc_backup " + pw1 + " /persistent:no\r\n"
                + "net use Y: \\\\fs0" + n + "\\public /user:CORP\\guest *\r\n"
                + "NET USE \\\\dc0" + n + "\\IPC$ " + pw2 + " /USER:CORP\\Administrator\r\n"
                + "robocopy C:\\data Z:\\data /MIR /R:2 /W:5\r\n");

        String ps1 = "scripts/deploy-" + n + ".ps1";
        String pw3 = p.password();
        String pw4 = p.password();
        plant(ps1, PASSWORD, pw3);
        plant(ps1, PASSWORD, pw4);
        write(ps1, "# deploy the agent to the branch servers\r\n"
                + "$secure = ConvertTo-SecureString '" + pw3 + "' -AsPlainText -Force\r\n"
                + "$cred = New-Object System.Management.Automation.PSCredential ('CORP\\deploy', $secure)\r\n"
                + "$prompted = Read-Host -AsSecureString 'Password'\r\n"
                + "$fromVar = ConvertTo-SecureString $env:DEPLOY_PW -AsPlainText -Force\r\n"
                + "& psexec.exe \\\\10.1." + n + ".20 -u CORP\\admin -p " + pw4 + " -accepteula -s cmd /c hostname\r\n");

        String sh = "scripts/backup-" + n + ".sh";
        String pw5 = p.password();
        String pw6 = p.password();
        String pw7 = p.password();
        plant(sh, PASSWORD, pw5);
        plant(sh, PASSWORD, pw6);
        plant(sh, PASSWORD, pw7);
        write(sh, "#!/bin/bash\nset -euo pipefail\n# nightly backup of the customer database\n"
                + "mysqldump -u backup -p" + pw5 + " --single-transaction customers > /backup/customers.sql\n"
                + "mysql -u root -p customers < /backup/schema.sql\n"
                + "sshpass -p '" + pw6 + "' scp /backup/customers.sql backup@10.2." + n + ".5:/srv/backup/\n"
                + "ssh -p 2222 admin@10.2." + n + ".6 'df -h'\n"
                + "curl -s -u \"$CI_USER:$CI_TOKEN\" https://ci.example.com/api/ping\n"
                + "curl -fsS -u deploy:" + pw7 + " -X POST https://ci.example.com/api/notify\n");
    }

    // ---- configuration: connection URLs of any scheme, tokens valid and placeholder ----

    private static final String[] SCHEMES = {"postgresql+psycopg2", "mysql2", "mongodb+srv", "redis", "amqp", "smb", "mssql+pyodbc", "postgres"};

    private void config(int n) throws IOException {
        String env = "config/app-" + n + ".env";
        StringBuilder sb = new StringBuilder("# application settings (" + n + ")\n");
        for (int k = 0; k < 2; k++) {
            String scheme = SCHEMES[(n * 2 + k) % SCHEMES.length];
            String pw = p.password() + (k == 0 ? "!99" : "");
            String host = k == 0 ? "db-prod-0" + n + ".internal.example.com" : "cache" + n + ".example.co.jp";
            sb.append(k == 0 ? "DATABASE_URL=" : "BROKER_URL=").append(scheme).append("://svc_app").append(n).append(':').append(pw).append('@')
                    .append(host).append(":5432/app").append('\n');
            plant(env, PASSWORD, pw);
        }
        sb.append("DEV_DATABASE_URL=postgres://user:password@localhost:5432/dev\n");
        sb.append("REDIS_URL=redis://:${REDIS_PASSWORD}@redis:6379/0\n");
        String gh = p.checksummedToken(List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_").get(n % 5));
        plant(env, GITHUB, gh);
        sb.append("GITHUB_TOKEN=").append(gh).append('\n');
        sb.append("# GITHUB_TOKEN=ghp_").append("x".repeat(36)).append("   (placeholder, see README)\n");
        sb.append("# FALLBACK_TOKEN=ghp_").append(p.base62(36)).append("   (revoked, typed from memory)\n");
        String fine = p.fineGrainedToken();
        plant(env, GITHUB, fine);
        sb.append("GH_PAT=").append(fine).append('\n');
        sb.append("EXAMPLE_PAT=github_pat_11AAAAAAAAAAAAAAAAAAAAAA_").append("X".repeat(59)).append('\n');
        String inUrl = p.checksummedToken("ghp_");
        plant(env, GITHUB, inUrl);
        sb.append("REPO_URL=https://x-access-token:").append(inUrl).append("@github.com/example/infra.git\n");
        String pw = p.password();
        plant(env, PASSWORD, pw);
        sb.append("SMTP_PASSWORD=").append(pw).append('\n');
        write(env, sb.toString());

        String npmrc = "config/npmrc-" + n;
        String npm = p.checksummedToken("npm_");
        plant(npmrc, NPM, npm);
        write(npmrc, "registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=" + npm + "\n"
                + "; //npm.example.com/:_authToken=npm_" + "0".repeat(36) + "\n");
    }

    // ---- files whose status is the point ----

    private void statusSamples() throws IOException {
        byte[] stub = new byte[120_000];
        new java.util.Random(7).nextBytes(stub);
        stub[0] = 'M';
        stub[1] = 'Z';
        stub[0x3C] = (byte) 0x80;
        stub[0x3D] = 0;
        stub[0x3E] = 0;
        stub[0x3F] = 0;
        write("bin/stub16.exe", stub);
        truth.statuses.put(path("bin/stub16.exe"), "no_text");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> names = new ArrayList<>(List.of("payroll-2026.xlsx", "hr/contracts.pdf"));
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String name : names) {
                byte[] data = new byte[4000];
                new java.util.Random(name.hashCode()).nextBytes(data);
                ZipEntry e = new ZipEntry(name);
                e.setMethod(ZipEntry.STORED);
                e.setSize(data.length);
                CRC32 crc = new CRC32();
                crc.update(data);
                e.setCrc(crc.getValue());
                z.putNextEntry(e);
                z.write(data);
                z.closeEntry();
            }
        }
        byte[] b = out.toByteArray();
        for (int k = 0; k + 4 < b.length; k++) {
            if (b[k] == 'P' && b[k + 1] == 'K' && (b[k + 2] == 3 && b[k + 3] == 4 || b[k + 2] == 1 && b[k + 3] == 2)) {
                b[k + (b[k + 2] == 3 ? 6 : 8)] |= 1; // the encryption flag, as ZipCrypto sets it
            }
        }
        write("archive/locked.zip", b);
        truth.statuses.put(path("archive/locked.zip"), "password_protected");
        for (String name : names) {
            truth.statuses.put(path("archive/locked.zip") + "!/" + name, "password_protected");
        }
    }
}
