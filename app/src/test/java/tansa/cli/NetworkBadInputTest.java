package tansa.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged network and system logs through {@code tansa dump}: each damage is one line on stderr
 * naming the file and where (line, byte offset), and every other record is printed.
 */
class NetworkBadInputTest {
    private static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared"));

    @TempDir
    Path dir;

    private static String[] errLines(RulesCheckCommandTest.Run r) {
        return r.err().isEmpty() ? new String[0] : r.err().split("\n");
    }

    @Test
    void aZeekLogCutMidLineWithoutCloseIsOneLineAndTheRestIsRead() throws IOException {
        byte[] whole;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SHARED.resolve("corpus/zeek/rdp.log.gz")))) {
            whole = in.readAllBytes();
        }
        String text = new String(whole, StandardCharsets.UTF_8);
        // keep the header and the first 40 data lines, then half of the 41st: no #close
        int at = 0;
        int data = 0;
        while (data < 40) {
            int nl = text.indexOf('\n', at);
            if (text.charAt(at) != '#') {
                data++;
            }
            at = nl + 1;
        }
        int next = text.indexOf('\n', at);
        int cut = at + (next - at) / 2;
        Path log = dir.resolve("rdp.log");
        Files.write(log, java.util.Arrays.copyOf(whole, cut));
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("dump", log.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(40, r.out().split("\n").length);
        String[] err = errLines(r);
        assertEquals(1, err.length, r.err());
        assertTrue(err[0].startsWith("tansa: " + log + ": offset " + at + ": line "), err[0]);
        assertTrue(err[0].contains("the file is truncated"), err[0]);
    }

    @Test
    void aSyslogLineInShiftJisIsOneLineAndEveryLineIsPrinted() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("Mar  1 10:00:00 web1 sshd[1]: Accepted password for alice from 10.0.0.1 port 1 ssh2\n".getBytes(StandardCharsets.UTF_8));
        int sjisAt = b.size();
        b.writeBytes("Mar  1 10:00:01 web1 backup[2]: \u30d0\u30c3\u30af\u30a2\u30c3\u30d7\u5b8c\u4e86\n".getBytes(Charset.forName("Shift_JIS")));
        b.writeBytes("Mar  1 10:00:02 web1 sshd[3]: Disconnected from user alice 10.0.0.1 port 1\n".getBytes(StandardCharsets.UTF_8));
        Path log = dir.resolve("auth.log");
        Files.write(log, b.toByteArray());
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("dump", log.toString(), "--year", "2024");
        assertEquals(1, r.code(), r.err());
        assertEquals(3, r.out().split("\n").length, r.out());
        assertEquals("tansa: " + log + ": offset " + sjisAt + ": line 2: not UTF-8 (another encoding, such as Latin-1 or Shift_JIS); "
                + "read with U+FFFD in place of the bytes that are not UTF-8\n", r.err());
        assertTrue(r.out().contains("\"timestamp\":\"2024-03-01T10:00:01.000000Z\",\"host\":\"web1\",\"program\":\"backup\""), r.out());
    }

    @Test
    void aDamagedEveLineIsOneLineWithItsOffsetAndTheRestIsRead() throws IOException {
        String good = "{\"timestamp\":\"2024-03-01T10:00:00.000000+0000\",\"flow_id\":1,\"event_type\":\"flow\",\"src_ip\":\"10.0.0.1\","
                + "\"dest_ip\":\"10.0.0.2\",\"proto\":\"TCP\",\"flow\":{\"pkts_toserver\":1,\"bytes_toserver\":60}}\n";
        String bad = "{\"timestamp\":\"2024-03-01T10:00:01.000000+0000\",\"flow_id\":2,\"event_type\":\"flow\",\"src_ip\":\"10.0.0.1\","
                + "\"dest_ip\":\"10.0.0.2\",\"proto\":\"TCP\",\"flow\":{\"pkts_toserver\":1,,\"bytes_toserver\":60}}\n";
        Path eve = dir.resolve("eve.json");
        Files.writeString(eve, good + bad + good);
        RulesCheckCommandTest.Run r = RulesCheckCommandTest.tansa("dump", eve.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(2, r.out().split("\n").length);
        String[] err = errLines(r);
        assertEquals(1, err.length, r.err());
        int comma = good.length() + bad.indexOf(",,") + 1;
        assertTrue(err[0].startsWith("tansa: " + eve + ": offset " + comma + ": line 2: malformed JSON object"), err[0]);
    }
}
