package tansa.exposure.corpus;

import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.hslf.usermodel.HSLFSlide;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.hslf.usermodel.HSLFTextBox;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Writers for the corpus formats, from lines of text: all generated, nothing copied. */
final class Formats {
    private Formats() {
    }

    static byte[] docx(List<String> lines) throws IOException {
        try (XWPFDocument d = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String l : lines) {
                d.createParagraph().createRun().setText(l);
            }
            d.write(out);
            return out.toByteArray();
        }
    }

    static byte[] xlsx(List<List<String>> rows) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sh = wb.createSheet("customers");
            for (int i = 0; i < rows.size(); i++) {
                XSSFRow row = sh.createRow(i);
                for (int j = 0; j < rows.get(i).size(); j++) {
                    row.createCell(j).setCellValue(rows.get(i).get(j));
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** Legacy Excel 97-2003 (BIFF8, OLE2), as older file servers still hold. */
    static byte[] xls(List<List<String>> rows) throws IOException {
        try (org.apache.poi.hssf.usermodel.HSSFWorkbook wb = new org.apache.poi.hssf.usermodel.HSSFWorkbook();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            org.apache.poi.hssf.usermodel.HSSFSheet sh = wb.createSheet("customers");
            for (int i = 0; i < rows.size(); i++) {
                org.apache.poi.hssf.usermodel.HSSFRow row = sh.createRow(i);
                for (int j = 0; j < rows.get(i).size(); j++) {
                    row.createCell(j).setCellValue(rows.get(i).get(j));
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    /**
     * Legacy Excel encrypted with a password: POI's HSSF writer encrypts (RC4 CryptoAPI, as Excel
     * 2003 and later do) when a password is set for the writing thread.
     */
    static byte[] xls(List<List<String>> rows, String password) throws IOException {
        Biff8EncryptionKey.setCurrentUserPassword(password);
        try {
            return xls(rows);
        } finally {
            Biff8EncryptionKey.setCurrentUserPassword(null);
        }
    }

    /** Legacy PowerPoint 97-2003 (OLE2), twelve lines a slide. */
    static byte[] ppt(List<String> lines) throws IOException {
        try (HSLFSlideShow ss = new HSLFSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int from = 0; from < lines.size(); from += 12) {
                HSLFSlide slide = ss.createSlide();
                HSLFTextBox box = slide.createTextBox();
                box.setAnchor(new java.awt.Rectangle(20, 20, 680, 500));
                box.setText(String.join("\n", lines.subList(from, Math.min(lines.size(), from + 12))));
            }
            ss.write(out);
            return out.toByteArray();
        }
    }

    /** Legacy PowerPoint encrypted with a password (RC4 CryptoAPI), as HSLF writes it. */
    static byte[] ppt(List<String> lines, String password) throws IOException {
        Biff8EncryptionKey.setCurrentUserPassword(password);
        try {
            return ppt(lines);
        } finally {
            Biff8EncryptionKey.setCurrentUserPassword(null);
        }
    }

    /** RTF with every non-ASCII character as a Unicode control word with a ? fallback (RTF 1.9). */
    static byte[] rtf(List<String> lines) {
        // \pard\plain as word processors write it: without it Tika's RTF parser dropped the
        // unicode escapes of the first paragraph.
        StringBuilder sb = new StringBuilder("{\\rtf1\\ansi\\ansicpg1252\\uc1\\deff0{\\fonttbl{\\f0 Arial;}}\n\\pard\\plain ");
        for (String l : lines) {
            for (char c : l.toCharArray()) {
                if (c == '\\' || c == '{' || c == '}') {
                    sb.append('\\').append(c);
                } else if (c < 128) {
                    sb.append(c);
                } else {
                    sb.append("\\u").append((int) (short) c).append('?');
                }
            }
            sb.append("\\par\n");
        }
        return sb.append('}').toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] html(List<String> lines) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>report</title></head><body>\n");
        for (String l : lines) {
            sb.append("<p>").append(l.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")).append("</p>\n");
        }
        return sb.append("</body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] pptx(List<String> lines) throws IOException {
        try (XMLSlideShow ss = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int from = 0; from < lines.size(); from += 12) {
                XSLFSlide slide = ss.createSlide();
                XSLFTextBox box = slide.createTextBox();
                box.setAnchor(new java.awt.Rectangle(20, 20, 680, 500));
                box.clearText();
                for (String l : lines.subList(from, Math.min(lines.size(), from + 12))) {
                    box.addNewTextParagraph().addNewTextRun().setText(l);
                }
            }
            ss.write(out);
            return out.toByteArray();
        }
    }

    static byte[] pdf(List<String> lines, String userPassword) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int from = 0; from < lines.size(); from += 40) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 7);
                    cs.setLeading(9);
                    cs.newLineAtOffset(30, 750);
                    for (String l : lines.subList(from, Math.min(lines.size(), from + 40))) {
                        cs.showText(l);
                        cs.newLine();
                    }
                    cs.endText();
                }
            }
            if (userPassword != null) {
                StandardProtectionPolicy p = new StandardProtectionPolicy("owner-" + userPassword, userPassword, new AccessPermission());
                p.setEncryptionKeyLength(128);
                doc.protect(p);
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** OpenDocument text: a zip with an uncompressed mimetype entry first, as ODF 1.2 §3.3 requires. */
    static byte[] odt(List<String> lines) throws IOException {
        StringBuilder body = new StringBuilder();
        for (String l : lines) {
            body.append("<text:p>").append(xml(l)).append("</text:p>");
        }
        String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
                + "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
                + "<office:body><office:text>" + body + "</office:text></office:body></office:document-content>";
        String manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest "
                + "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
                + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
                + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(out)) {
            byte[] mt = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipArchiveEntry e = new ZipArchiveEntry("mimetype");
            e.setMethod(ZipArchiveEntry.STORED);
            e.setSize(mt.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(mt);
            e.setCrc(crc.getValue());
            z.putArchiveEntry(e);
            z.write(mt);
            z.closeArchiveEntry();
            put(z, "content.xml", content.getBytes(StandardCharsets.UTF_8));
            put(z, "META-INF/manifest.xml", manifest.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static void put(ZipArchiveOutputStream z, String name, byte[] data) throws IOException {
        z.putArchiveEntry(new ZipArchiveEntry(name));
        z.write(data);
        z.closeArchiveEntry();
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                put(z, e.getKey(), e.getValue());
            }
        }
        return out.toByteArray();
    }

    /**
     * A zip whose member carries the traditional-encryption flag (general purpose bit 0, APPNOTE
     * 4.4.4): written plainly, then the flag is set in the local and central headers, since no
     * Java writer produces ZipCrypto. The member's bytes are random, as encrypted data would be.
     */
    static byte[] encryptedZip(String name, byte[] scrambled) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(out)) {
            ZipArchiveEntry e = new ZipArchiveEntry(name);
            e.setMethod(ZipArchiveEntry.STORED);
            e.setSize(scrambled.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(scrambled);
            e.setCrc(crc.getValue());
            z.putArchiveEntry(e);
            z.write(scrambled);
            z.closeArchiveEntry();
        }
        byte[] b = out.toByteArray();
        setFlag(b, 0, 6);
        for (int k = b.length - 22; k >= 0; k--) {
            if (b[k] == 0x50 && b[k + 1] == 0x4B && b[k + 2] == 0x01 && b[k + 3] == 0x02) {
                setFlag(b, k, 8);
                break;
            }
        }
        return b;
    }

    private static void setFlag(byte[] b, int header, int flagOffset) {
        b[header + flagOffset] |= 1;
    }

    static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out);
             TarArchiveOutputStream t = new TarArchiveOutputStream(gz)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry te = new TarArchiveEntry(e.getKey());
                te.setSize(e.getValue().length);
                t.putArchiveEntry(te);
                t.write(e.getValue());
                t.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    static void sevenZ(Path file, Map<String, byte[]> entries) throws IOException {
        try (SevenZOutputFile z = new SevenZOutputFile(file.toFile())) {
            writeEntries(z, entries);
        }
    }

    /**
     * A 7z whose member data is AES-256 encrypted (7-Zip's "7zAES" coder), headers in clear as
     * with {@code 7z a -pPASSWORD -mhe=off}: names and sizes can be listed, content cannot be read.
     */
    static void sevenZ(Path file, Map<String, byte[]> entries, String password) throws IOException {
        try (SevenZOutputFile z = new SevenZOutputFile(file.toFile(), password.toCharArray())) {
            writeEntries(z, entries);
        }
    }

    private static void writeEntries(SevenZOutputFile z, Map<String, byte[]> entries) throws IOException {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            SevenZArchiveEntry se = new SevenZArchiveEntry();
            se.setName(e.getKey());
            se.setSize(e.getValue().length);
            z.putArchiveEntry(se);
            z.write(e.getValue());
            z.closeArchiveEntry();
        }
    }

    /** A MIME message with a text body and base64 attachments. */
    static byte[] eml(String subject, String body, Map<String, byte[]> attachments) {
        String boundary = "=_tansa_boundary_42";
        StringBuilder sb = new StringBuilder();
        // A subject beyond ASCII as RFC 2047 encoded words, as mail clients write it.
        String subj = StandardCharsets.US_ASCII.newEncoder().canEncode(subject) ? subject
                : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8)) + "?=";
        sb.append("From: Sender <sender@example.org>\r\nTo: recipient@example.org\r\nCc: copy@example.org\r\nSubject: ").append(subj).append("\r\n")
                .append("Date: Mon, 1 Jul 2024 09:00:00 +0900\r\nMIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n")
                .append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=UTF-8\r\n")
                .append("Content-Transfer-Encoding: base64\r\n\r\n")
                .append(Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))).append("\r\n");
        for (Map.Entry<String, byte[]> a : attachments.entrySet()) {
            sb.append("--").append(boundary).append("\r\nContent-Type: application/octet-stream; name=\"").append(a.getKey()).append("\"\r\n")
                    .append("Content-Disposition: attachment; filename=\"").append(a.getKey()).append("\"\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(a.getValue())).append("\r\n");
        }
        sb.append("--").append(boundary).append("--\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** OOXML encrypted with a password (ECMA-376 agile encryption) in an OLE2 container. */
    static byte[] encryptOoxml(byte[] ooxml, String password, Path tmp) throws Exception {
        Path plain = tmp.resolve("plain-" + System.nanoTime() + ".docx");
        Files.write(plain, ooxml);
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor enc = info.getEncryptor();
            enc.confirmPassword(password);
            try (OPCPackage opc = OPCPackage.open(plain.toFile(), PackageAccess.READ_WRITE);
                 OutputStream os = enc.getDataStream(fs)) {
                opc.save(os);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        } finally {
            Files.deleteIfExists(plain);
        }
    }

    static byte[] text(String s, Charset cs) {
        return s.getBytes(cs);
    }

    static byte[] png() {
        return Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    }
}
