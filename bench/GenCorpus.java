// Generates the scan benchmark's input: plain-text files (English and Japanese prose with
// personal data, markings and secrets sprinkled in) and office documents (docx, xlsx, pptx, pdf).
// Run with the shaded jar on the class path (POI and PDFBox come with Tika):
//   java -cp app/target/tansa.jar bench/GenCorpus.java OUT_DIR TEXT_MB OFFICE_DOCS
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

public class GenCorpus {
    static final String[] EN = ("the incident response team reviewed the logs from the file server and found that "
            + "several archives had been copied to an external host before the encryption started while the backups "
            + "remained intact according to the report prepared for management on the following morning").split(" ");
    static final String[] JA = {"本件について", "関係部署と", "協議の上", "対応方針を", "決定しました。", "サーバーの", "ログを", "確認したところ",
        "外部への", "通信が", "記録されて", "いました。", "顧客情報の", "取り扱いに", "ついては", "引き続き", "調査中です。"};

    public static void main(String[] a) throws Exception {
        Path out = Path.of(a[0]);
        long textBytes = Long.parseLong(a[1]) << 20;
        int docs = Integer.parseInt(a[2]);
        Random r = new Random(42);
        Path text = out.resolve("text");
        Files.createDirectories(text);
        long written = 0;
        int n = 0;
        while (written < textBytes) {
            Path f = text.resolve(String.format("log-%04d.txt", n++));
            try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
                for (int line = 0; line < 40_000; line++) {
                    w.write(line(r, line));
                    w.write('\n');
                }
            }
            written += Files.size(f);
        }
        Path office = out.resolve("office");
        Files.createDirectories(office);
        for (int k = 0; k < docs; k++) {
            List<String> lines = new ArrayList<>();
            for (int line = 0; line < 120; line++) {
                lines.add(asciiLine(r, line));
            }
            switch (k % 4) {
                case 0 -> docx(office.resolve("doc-" + k + ".docx"), lines);
                case 1 -> xlsx(office.resolve("sheet-" + k + ".xlsx"), lines);
                case 2 -> pptx(office.resolve("deck-" + k + ".pptx"), lines);
                default -> pdf(office.resolve("memo-" + k + ".pdf"), lines);
            }
        }
        System.out.println("text: " + n + " files, " + (written >> 20) + " MiB; office: " + docs + " documents");
    }

    static String prose(Random r, String[] words, int n, String sep) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            sb.append(k == 0 ? "" : sep).append(words[r.nextInt(words.length)]);
        }
        return sb.toString();
    }

    static String line(Random r, int i) {
        switch (r.nextInt(150)) {
            case 0: return "contact: user" + r.nextInt(100000) + "@example.co.jp tel 03-" + (1000 + r.nextInt(9000)) + "-" + (1000 + r.nextInt(9000));
            case 1: return "【秘】 " + prose(r, JA, 6, "");
            case 2: return "card 4111 1111 1111 1111 exp 12/29 " + prose(r, EN, 6, " ");
            case 3: return "db.password = Pa55w0rd" + r.nextInt(1000);
            case 4: return "CONFIDENTIAL";
            case 5: return "マイナンバー：123456789018 " + prose(r, JA, 4, "");
            case 6: return "2024-07-0" + (1 + r.nextInt(9)) + "T12:00:00Z host-" + r.nextInt(300) + " sshd[" + r.nextInt(99999) + "]: Accepted publickey for admin";
            default:
                return i % 3 == 0 ? prose(r, JA, 12, "") : prose(r, EN, 14, " ");
        }
    }

    static String asciiLine(Random r, int i) {
        switch (r.nextInt(12)) {
            case 0: return "contact: user" + r.nextInt(100000) + "@example.com tel +81 3-" + (1000 + r.nextInt(9000)) + "-" + (1000 + r.nextInt(9000));
            case 1: return "SECRET//NOFORN";
            case 2: return "aws_access_key_id = AKIAZ7QWERTYUIOP" + (1000 + r.nextInt(9000));
            default: return prose(r, EN, 12, " ");
        }
    }

    static void docx(Path f, List<String> lines) throws Exception {
        try (XWPFDocument d = new XWPFDocument(); OutputStream o = Files.newOutputStream(f)) {
            for (String l : lines) {
                d.createParagraph().createRun().setText(l);
            }
            d.write(o);
        }
    }

    static void xlsx(Path f, List<String> lines) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream o = Files.newOutputStream(f)) {
            XSSFSheet sh = wb.createSheet("data");
            for (int i = 0; i < lines.size(); i++) {
                XSSFRow row = sh.createRow(i);
                String[] cells = lines.get(i).split(" ", 4);
                for (int j = 0; j < cells.length; j++) {
                    row.createCell(j).setCellValue(cells[j]);
                }
            }
            wb.write(o);
        }
    }

    static void pptx(Path f, List<String> lines) throws Exception {
        try (XMLSlideShow ss = new XMLSlideShow(); OutputStream o = Files.newOutputStream(f)) {
            for (int from = 0; from < lines.size(); from += 15) {
                XSLFTextBox box = ss.createSlide().createTextBox();
                box.setAnchor(new java.awt.Rectangle(20, 20, 680, 500));
                for (String l : lines.subList(from, Math.min(lines.size(), from + 15))) {
                    box.addNewTextParagraph().addNewTextRun().setText(l);
                }
            }
            ss.write(o);
        }
    }

    static void pdf(Path f, List<String> lines) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int from = 0; from < lines.size(); from += 60) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 6);
                    cs.setLeading(8);
                    cs.newLineAtOffset(20, 760);
                    for (String l : lines.subList(from, Math.min(lines.size(), from + 60))) {
                        cs.showText(l);
                        cs.newLine();
                    }
                    cs.endText();
                }
            }
            doc.save(f.toFile());
        }
    }
}
