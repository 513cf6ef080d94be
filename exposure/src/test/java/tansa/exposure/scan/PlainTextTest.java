package tansa.exposure.scan;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tansa.exposure.detect.Detectors;
import tansa.exposure.detect.Hit;
import tansa.exposure.detect.TextScanner;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plain-text path (the file read in {@link Utf8Reader#BYTES} pieces, decoded by {@link Utf8}
 * in slices straight into the detectors' window) finds what the detectors find in the same text
 * decoded whole by the JDK: every finding with its value, offset and line, and the file's SHA-256.
 * The files are made to be hard: a two-, three- or four-byte character (and a marking) cut by the
 * end of the first piece at each possible place, malformed UTF-8 (an invalid sequence cut by a
 * piece's end too), a byte order mark, UTF-16 in both byte orders, CRLF line ends.
 */
class PlainTextTest {
    private static final String LINES = String.join("\r\n",
            "2024-05-01 09:12:03 INFO 連絡先 taro.yamada@example.co.jp 電話 03-1234-5678 を確認しました。",
            "社外秘 CONFIDENTIAL // 取扱注意",
            "The card 4111 1111 1111 1111 was charged; password=Hunter2!x9 was in the log.",
            "本件についてログを調査中です。東京都千代田区丸の内1-1-1 山田太郎様",
            "emoji 😀 before +81 90-1234-5678 and é after, ssn 123-45-6789",
            "postgresql://app:S3cret!99@db-prod.example.com/main",
            "");

    @TempDir
    Path dir;

    /** UTF-8 text of at least {@code bytes} bytes: {@link #LINES} repeated. */
    private static ByteArrayOutputStream text(int bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] lines = LINES.getBytes(StandardCharsets.UTF_8);
        while (out.size() < bytes) {
            out.writeBytes(lines);
        }
        return out;
    }

    /**
     * Text in which {@code at} begins {@code cut} bytes before the end of the reader's first
     * piece, with more text after it.
     */
    private static byte[] cutAt(byte[] at, int cut) {
        ByteArrayOutputStream out = text(Utf8Reader.BYTES - 4096);
        while (out.size() < Utf8Reader.BYTES - cut) {
            out.write(out.size() % 64 == 63 ? '\n' : 'a');
        }
        out.writeBytes(at);
        out.writeBytes(text(3 * Utf8Reader.BYTES).toByteArray());
        return out.toByteArray();
    }

    /** The files of the test, by name. */
    private static Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] marking = "社外秘 mail a@example.com".getBytes(StandardCharsets.UTF_8); // 秘 at bytes 6-8
        for (int cut = 1; cut <= 9; cut++) {
            files.put("marking-cut-" + cut + ".txt", cutAt(marking, cut));
        }
        byte[] emoji = "😀 +81 90-1234-5678".getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut <= 3; cut++) {
            files.put("emoji-cut-" + cut + ".txt", cutAt(emoji, cut));
        }
        files.put("two-byte-cut.txt", cutAt("é taro@example.jp".getBytes(StandardCharsets.UTF_8), 1));
        // Malformed UTF-8 after the first 64 KiB (where the charset is chosen, so the file is
        // still read as UTF-8): a stray byte, an overlong form, a surrogate, a sequence cut short
        // by ASCII, one past U+10FFFF, a stray continuation; and a lead byte cut by the piece's end
        // whose continuation never comes.
        ByteArrayOutputStream broken = text(Sniffer.SAMPLE + 100);
        byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xE7, (byte) 0xA7}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}};
        for (byte[] b : bad) {
            broken.writeBytes("x taro@example.jp ".getBytes(StandardCharsets.UTF_8));
            broken.writeBytes(b);
            broken.writeBytes("03-1234-5678 社外秘\n".getBytes(StandardCharsets.UTF_8));
        }
        broken.writeBytes(text(Utf8Reader.BYTES + 1000).toByteArray());
        files.put("malformed.txt", broken.toByteArray());
        files.put("malformed-cut.txt", cutAt(new byte[] {(byte) 0xE7, 'A', ' ', 'b', '@', 'e', 'x', '.', 'j', 'p', '\n'}, 1));
        // A UTF-8 byte order mark; CRLF throughout (LINES) and LF only.
        ByteArrayOutputStream bom = new ByteArrayOutputStream();
        bom.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bom.writeBytes(text(2 * Utf8Reader.BYTES).toByteArray());
        files.put("utf8-bom.txt", bom.toByteArray());
        files.put("lf.txt", text(2 * Utf8Reader.BYTES).toString(StandardCharsets.UTF_8).replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
        // UTF-16 with its byte order mark, both orders.
        String utf16 = "\uFEFF" + text(Utf8Reader.BYTES).toString(StandardCharsets.UTF_8);
        files.put("utf16le.txt", utf16.getBytes(StandardCharsets.UTF_16LE));
        files.put("utf16be.txt", utf16.getBytes(StandardCharsets.UTF_16BE));
        return files;
    }

    /** Each finding as "type offset line value", and the SHA-256 of the file, by file name. */
    private static Map<String, List<String>> scan(Path dir, boolean beside) throws Exception {
        Map<String, List<String>> found = new HashMap<>();
        Map<String, FileRecord> records = new HashMap<>();
        List<String> problems = new ArrayList<>();
        Recorder r = new Recorder(records, problems, (path, hit) -> found.computeIfAbsent(path, p -> new ArrayList<>()).add(line(hit)));
        try (Scanner s = new Scanner(Detectors.standard(), ScanLimits.defaults(), r, beside)) {
            s.scan(List.of(dir), List.of("ev"), Set.of());
        }
        assertEquals(List.of(), problems);
        for (FileRecord f : records.values()) {
            assertEquals(FileStatus.PARSED, f.status(), f.path());
            found.computeIfAbsent(f.path(), p -> new ArrayList<>()).add("sha256 " + f.sha256());
        }
        return found;
    }

    private static String line(Hit h) {
        return h.type().id() + " " + h.offset() + " " + h.line() + " " + h.value();
    }

    /** The reference: the whole file decoded by the JDK, malformed input replaced, into one append. */
    private static List<String> reference(byte[] b) throws Exception {
        Charset cs = StandardCharsets.UTF_8;
        int from = 0;
        if ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            cs = StandardCharsets.UTF_16LE; // the mark is decoded as U+FEFF, as the scan does
        } else if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            cs = StandardCharsets.UTF_16BE;
        } else if ((b[0] & 0xFF) == 0xEF) {
            from = 3; // a UTF-8 mark is not text
        }
        char[] text = cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(ByteBuffer.wrap(b, from, b.length - from)).toString().toCharArray();
        List<String> found = new ArrayList<>();
        TextScanner ts = Detectors.standard().newScanner(h -> found.add(line(h)));
        ts.append(text, 0, text.length);
        ts.finish();
        found.add("sha256 " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)));
        return found;
    }

    @ParameterizedTest(name = "read beside the scan = {0}")
    @ValueSource(booleans = {true, false})
    void findsWhatTheDetectorsFindInTheWholeTextDecodedByTheJdk(boolean beside) throws Exception {
        Map<String, byte[]> files = files();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        Map<String, List<String>> found = scan(dir, beside);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            List<String> expected = reference(f.getValue());
            List<String> actual = found.get("ev/" + f.getKey());
            assertTrue(expected.size() > 100, f.getKey() + ": too few findings to compare: " + expected.size());
            int k = 0;
            while (k < expected.size() && k < actual.size() && expected.get(k).equals(actual.get(k))) {
                k++;
            }
            int at = k;
            assertEquals(expected.size(), k, () -> f.getKey() + ": finding " + at + " differs: expected "
                    + (at < expected.size() ? expected.get(at) : "none") + ", got " + (at < actual.size() ? actual.get(at) : "none"));
            assertEquals(expected.size(), actual.size(), f.getKey());
        }
        // The cut characters are where they should be, decoded (a marking cut inside its 秘 and the
        // e-mail after it; the malformed lead byte cut by the piece's end replaced, the rest read).
        for (int cut = 1; cut <= 9; cut++) {
            assertTrue(found.get("ev/marking-cut-" + cut + ".txt").stream().anyMatch(l -> l.endsWith(" 社外秘")), "cut " + cut);
        }
        assertTrue(found.get("ev/malformed-cut.txt").stream().anyMatch(l -> l.startsWith("pii.email ") && l.endsWith(" b@ex.jp")),
                found.get("ev/malformed-cut.txt").toString());
    }
}
