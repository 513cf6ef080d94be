package tansa.zeek;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.event.Event;
import tansa.reader.EvidenceReader;
import tansa.reader.JsonEventReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Zeek's JSON form: recognised among the other JSON shapes, printed as the TSV form is. */
class ZeekJsonTest {
    private static final ObjectMapper M = new ObjectMapper();
    private final List<String> problems = new ArrayList<>();

    private List<Event> read(String name, String text) throws IOException {
        List<Event> out = new ArrayList<>();
        new JsonEventReader((r, o, m) -> problems.add(m))
                .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), name, out::add);
        return out;
    }

    private static String dump(Event e) throws IOException {
        return M.writeValueAsString(e.tree());
    }

    @Test
    void epochAndIsoTimesPrintAsTheTsvFormDoes(@TempDir Path dir) throws IOException {
        // The same record as Zeek writes it in TSV, in JSON with epoch times (its default) and in
        // JSON with ISO-8601 times: one dump.
        Files.writeString(dir.resolve("a"), "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n"
                + "#unset_field\t-\n#path\tkerberos\n#fields\tts\tuid\tid.orig_p\ttill\trtt\tforwardable\tclient\n"
                + "#types\ttime\tstring\tport\ttime\tinterval\tbool\tstring\n"
                + "1521911885.713879\tCiB1v\t58444\t2136422885.000000\t0.000431\tT\t-\n");
        Files.writeString(dir.resolve("b"), "{\"_path\":\"kerberos\",\"ts\":1521911885.713879,\"uid\":\"CiB1v\","
                + "\"id.orig_p\":58444,\"till\":2136422885.0,\"rtt\":4.31060791015625E-4,\"forwardable\":true}\n");
        Files.writeString(dir.resolve("c"), "{\"_path\":\"kerberos\",\"ts\":\"2018-03-24T19:18:05.713879+02:00\",\"uid\":\"CiB1v\","
                + "\"id.orig_p\":58444,\"till\":\"2037-09-13T02:48:05Z\",\"rtt\":0.000431,\"forwardable\":true}\n");
        List<Event> all = new ArrayList<>();
        new EvidenceReader(1, (r, o, m) -> problems.add(m)).read(List.of(dir), all::add);
        assertEquals(3, all.size());
        String expected = "{\"_path\":\"kerberos\",\"ts\":\"2018-03-24T17:18:05.713879Z\",\"uid\":\"CiB1v\",\"id.orig_p\":58444,"
                + "\"till\":\"2037-09-13T02:48:05.000000Z\",\"rtt\":4.31E-4,\"forwardable\":true}";
        for (Event e : all) {
            assertEquals(expected, dump(e));
            assertEquals(Instant.parse("2018-03-24T17:18:05.713879Z"), e.timestamp());
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void isNotTakenForAnotherShapeAndGetsItsPathFromTheFileNameWhenZeekDidNotWriteIt() throws IOException {
        // weird.log's "source" and smtp's "from" are Zeek fields, not a Splunk source or a time
        List<Event> events = read("/logs/smtp.00:00:00-01:00:00.log", "{\"ts\":1521911885.5,\"uid\":\"C1\",\"id.orig_h\":\"10.0.0.1\","
                + "\"from\":\"Alice <a@example.org>\",\"source\":\"TCP\",\"EventID\":4624}\n");
        assertEquals("{\"_path\":\"smtp\",\"ts\":\"2018-03-24T17:18:05.500000Z\",\"uid\":\"C1\",\"id.orig_h\":\"10.0.0.1\","
                + "\"from\":\"Alice <a@example.org>\",\"source\":\"TCP\",\"EventID\":4624}", dump(events.get(0)));
        assertEquals("10.0.0.1", events.get(0).text("id.orig_h"));
        assertEquals(List.of(), problems, "a Zeek record is a known shape: no note");
    }

    @Test
    void otherJsonWithATsFieldIsNotZeek() throws IOException {
        List<Event> events = read("x.json", "{\"ts\":1521911885.5,\"name\":\"n\"}\n");
        assertEquals(false, events.get(0).tree().has("_path"));
        assertEquals(true, events.get(0).tree().get("ts").isNumber(), "kept as it is");
        assertEquals(1, problems.size());
    }
}
