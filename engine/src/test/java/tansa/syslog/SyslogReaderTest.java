package tansa.syslog;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.event.Event;
import tansa.reader.EvidenceReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Syslog files: the three line forms, the inferred year, auth messages, and lines that are not UTF-8. */
class SyslogReaderTest {
    private static final ObjectMapper M = new ObjectMapper();
    private final List<String> problems = new ArrayList<>();

    @TempDir
    Path dir;

    private List<Event> read(Path file, Integer year) {
        List<Event> out = new ArrayList<>();
        new EvidenceReader(1, (r, o, m) -> problems.add(r + ": offset " + o + ": " + m)).syslogYear(year).read(List.of(file), out::add);
        return out;
    }

    private Path write(String name, String text, String modified) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse(modified)));
        return p;
    }

    private static String json(Event e) throws IOException {
        return M.writeValueAsString(e.tree());
    }

    @Test
    void readsAuthLogLinesIntoNamedFields() throws IOException {
        Path log = write("auth.log", String.join("\n",
                "Mar  1 10:00:00 web1 sshd[1234]: Accepted password for alice from 203.0.113.5 port 51234 ssh2",
                "Mar  1 10:00:05 web1 sshd[1235]: Failed password for invalid user bob from 198.51.100.7 port 40022 ssh2",
                "Mar  1 10:00:06 web1 sshd[1235]: Invalid user  from 198.51.100.7 port 40023",
                "Mar  1 10:00:07 web1 sshd[1236]: Disconnected from authenticating user root 198.51.100.7 port 40024 [preauth]",
                "Mar  1 10:00:08 web1 sshd-session[1237]: Accepted publickey for carol from 2001:db8::5 port 5555 ssh2: ED25519 SHA256:Zm9v",
                "Mar  1 10:01:00 web1 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/sh -c id ; whoami",
                "Mar  1 10:01:01 web1 sudo:      bob : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/tmp ; USER=root ; COMMAND=/bin/bash",
                "Mar  1 10:02:00 web1 kernel: [ 1234.5678] [UFW ALLOW] IN=eth0 OUT= MAC=aa:bb SRC=203.0.113.9 DST=10.0.0.5 LEN=60 PROTO=TCP SPT=51515 DPT=23 SYN",
                ""), "2024-06-01T00:00:00Z");
        List<Event> e = read(log, null);
        assertEquals(8, e.size());
        assertEquals("{\"_log\":\"syslog\",\"format\":\"rfc3164\",\"timestamp\":\"2024-03-01T10:00:00.000000Z\",\"host\":\"web1\","
                + "\"program\":\"sshd\",\"pid\":1234,\"message\":\"Accepted password for alice from 203.0.113.5 port 51234 ssh2\","
                + "\"action\":\"accepted\",\"auth_method\":\"password\",\"user\":\"alice\",\"invalid_user\":false,"
                + "\"src_ip\":\"203.0.113.5\",\"src_port\":51234}", json(e.get(0)));
        assertEquals(Instant.parse("2024-03-01T10:00:00Z"), e.get(0).timestamp());
        assertEquals(1, e.get(0).recordId());
        assertEquals("web1", e.get(0).text("Computer"));
        assertEquals("failed bob true 198.51.100.7 40022", e.get(1).text("action") + " " + e.get(1).text("user") + " "
                + e.get(1).text("invalid_user") + " " + e.get(1).text("src_ip") + " " + e.get(1).text("src_port"));
        assertEquals("invalid_user||198.51.100.7", e.get(2).text("action") + "|" + e.get(2).text("user") + "|" + e.get(2).text("src_ip"));
        assertEquals("disconnected root false 40024", e.get(3).text("action") + " " + e.get(3).text("user") + " "
                + e.get(3).text("invalid_user") + " " + e.get(3).text("src_port"));
        assertEquals("publickey carol 2001:db8::5 ED25519 SHA256:Zm9v", e.get(4).text("auth_method") + " " + e.get(4).text("user")
                + " " + e.get(4).text("src_ip") + " " + e.get(4).text("key_type") + " " + e.get(4).text("key_fingerprint"));
        assertEquals("alice|pts/0|/home/alice|root|/bin/sh -c id ; whoami", e.get(5).text("user") + "|" + e.get(5).text("tty") + "|"
                + e.get(5).text("pwd") + "|" + e.get(5).text("target_user") + "|" + e.get(5).text("command"));
        assertEquals("bob|3 incorrect password attempts|/bin/bash", e.get(6).text("user") + "|" + e.get(6).text("reason") + "|"
                + e.get(6).text("command"));
        assertEquals("203.0.113.9 10.0.0.5 TCP 51515 23 allow false", e.get(7).text("src_ip") + " " + e.get(7).text("dst_ip") + " "
                + e.get(7).text("proto") + " " + e.get(7).text("src_port") + " " + e.get(7).text("dst_port") + " "
                + e.get(7).text("action") + " " + e.get(7).text("blocked"));
        assertEquals(List.of(), problems);
    }

    @Test
    void readsRfc5424WithStructuredDataAndRsyslogsIsoStamps() throws IOException {
        Path log = write("messages", "<165>1 2024-03-01T10:00:00.123Z mymachine.example.com evntslog - ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][meta@1 note=\"a \\\"quoted\\\" \\] bracket\"] "
                + "\uFEFFAn application event\n"
                + "<34>1 2024-03-01T10:00:01+09:00 - su 77 - - 'su root' failed for lonvick on /dev/pts/8\n"
                + "2024-03-01T10:00:00.123456+09:00 deb12 sshd[123]: Invalid user admin from 192.0.2.1 port 22222\n",
                "2024-03-02T00:00:00Z");
        List<Event> e = read(log, null);
        assertEquals(3, e.size(), problems.toString());
        assertEquals("{\"_log\":\"syslog\",\"format\":\"rfc5424\",\"timestamp\":\"2024-03-01T10:00:00.123000Z\","
                + "\"host\":\"mymachine.example.com\",\"program\":\"evntslog\",\"msgid\":\"ID47\",\"facility\":\"local4\","
                + "\"severity\":\"notice\",\"structured_data\":{\"exampleSDID@32473\":{\"iut\":\"3\",\"eventSource\":\"Application\","
                + "\"eventID\":\"1011\"},\"meta@1\":{\"note\":\"a \\\"quoted\\\" ] bracket\"}},\"message\":\"An application event\"}",
                json(e.get(0)));
        assertEquals("{\"_log\":\"syslog\",\"format\":\"rfc5424\",\"timestamp\":\"2024-03-01T01:00:01.000000Z\",\"program\":\"su\","
                + "\"pid\":77,\"facility\":\"auth\",\"severity\":\"crit\",\"message\":\"'su root' failed for lonvick on /dev/pts/8\"}",
                json(e.get(1)));
        assertEquals(Instant.parse("2024-03-01T01:00:00.123456Z"), e.get(2).timestamp());
        assertEquals("rfc3339 deb12 sshd 123 admin", e.get(2).text("format") + " " + e.get(2).text("host") + " "
                + e.get(2).text("program") + " " + e.get(2).text("pid") + " " + e.get(2).text("user"));
        assertEquals(List.of(), problems);
    }

    @Test
    void theYearComesFromTheModificationTimeWithDecemberBeforeJanuary() throws IOException {
        String text = "Dec 31 23:59:58 h cron[1]: a\nJan  1 00:00:01 h cron[1]: b\nFeb 29 12:00:00 h cron[1]: c\n";
        List<Event> e = read(write("syslog", text, "2024-03-05T00:00:00Z"), null);
        assertEquals(List.of(Instant.parse("2023-12-31T23:59:58Z"), Instant.parse("2024-01-01T00:00:01Z"),
                Instant.parse("2024-02-29T12:00:00Z")), List.of(e.get(0).timestamp(), e.get(1).timestamp(), e.get(2).timestamp()));
    }

    @Test
    void aGivenYearIsTheFirstLinesAndCountsUpAtNewYear() throws IOException {
        String text = "Dec 31 23:59:58 h cron[1]: a\nJan  1 00:00:01 h cron[1]: b\nJan  1 00:00:02 h cron[1]: c\n";
        // the modification time (2030) is ignored when the year is given
        List<Event> e = read(write("syslog", text, "2030-07-01T00:00:00Z"), 2022);
        assertEquals(List.of(Instant.parse("2022-12-31T23:59:58Z"), Instant.parse("2023-01-01T00:00:01Z"),
                Instant.parse("2023-01-01T00:00:02Z")), List.of(e.get(0).timestamp(), e.get(1).timestamp(), e.get(2).timestamp()));
    }

    @Test
    void aLineInAnotherEncodingIsReportedOnceAndKeptAndTheRestIsRead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("Mar  1 10:00:00 web1 sshd[1]: Accepted password for alice from 10.0.0.1 port 1 ssh2\n".getBytes(StandardCharsets.UTF_8));
        int latin1At = b.size();
        b.writeBytes("Mar  1 10:00:01 web1 sshd[2]: Failed password for jos\u00e9 from 10.0.0.2 port 2 ssh2\n".getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes("Mar  1 10:00:02 web1 app[3]: \u65e5\u672c\u8a9e\u306e\u30e1\u30c3\u30bb\u30fc\u30b8\n".getBytes(Charset.forName("Shift_JIS")));
        b.writeBytes("Mar  1 10:00:03 web1 app[4]: \u65e5\u672c\u8a9e\u306e\u30e1\u30c3\u30bb\u30fc\u30b8\n".getBytes(StandardCharsets.UTF_8));
        Path log = dir.resolve("auth.log");
        Files.write(log, b.toByteArray());
        Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2024-06-01T00:00:00Z")));
        List<Event> e = read(log, null);
        assertEquals(4, e.size());
        assertEquals(List.of(log + ": offset " + latin1At + ": line 2: not UTF-8 (another encoding, such as Latin-1 or Shift_JIS); "
                + "read with U+FFFD in place of the bytes that are not UTF-8", log + ": offset -1: 1 more lines not UTF-8, read the same way"),
                problems);
        assertEquals("jos\uFFFD", e.get(1).text("user"));
        assertEquals("\u65e5\u672c\u8a9e\u306e\u30e1\u30c3\u30bb\u30fc\u30b8", e.get(3).text("message"));
    }

    @Test
    void aLineInNoSyslogFormIsReportedAndSkipped() throws IOException {
        String text = "Mar  1 10:00:00 web1 cron[1]: a\n  continuation of nothing\nMar  1 10:00:02 web1 cron[1]: b\n";
        Path log = write("syslog", text, "2024-06-01T00:00:00Z");
        List<Event> e = read(log, null);
        assertEquals(2, e.size());
        assertEquals(3, e.get(1).recordId());
        assertEquals(List.of(log + ": offset " + text.indexOf("  cont") + ": line 2: not a syslog line (expected '<PRI>', "
                + "'Mmm dd hh:mm:ss host' or an ISO-8601 time stamp and host); skipped"), problems);
    }

    @Test
    void plainTextIsNotSyslog() {
        byte[] readme = "This directory holds the logs.\nMar  1 10:00:00 web1 cron[1]: a\n".getBytes(StandardCharsets.UTF_8);
        assertFalse(SyslogReader.sniff(readme, readme.length));
        byte[] appLog = "2024-03-01T10:00:00.123Z INFO Starting server on port 8080\n".getBytes(StandardCharsets.UTF_8);
        assertFalse(SyslogReader.sniff(appLog, appLog.length));
        byte[] log = "<13>Mar  1 10:00:00 web1 cron[1]: a\n".getBytes(StandardCharsets.UTF_8);
        assertTrue(SyslogReader.sniff(log, log.length));
        byte[] iso = "2024-03-01T10:00:00.123456+09:00 deb12 systemd[1]: Started session.\n".getBytes(StandardCharsets.UTF_8);
        assertTrue(SyslogReader.sniff(iso, iso.length));
    }
}
