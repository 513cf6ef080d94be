package tansa.suricata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.event.Event;
import tansa.reader.EvidenceReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Suricata's eve.json: found by content, every event_type kept as Suricata wrote it. */
class SuricataEveTest {
    private static final ObjectMapper M = new ObjectMapper();
    private final List<String> problems = new ArrayList<>();

    @TempDir
    Path dir;

    private static String fixture() throws IOException {
        try (InputStream in = SuricataEveTest.class.getResourceAsStream("/tansa/suricata/eve.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<Event> read(Path file) {
        List<Event> out = new ArrayList<>();
        new EvidenceReader(1, (r, o, m) -> problems.add(r + ": offset " + o + ": " + m)).read(List.of(file), out::add);
        return out;
    }

    @Test
    void keepsEveryRecordAsSuricataWroteIt() throws IOException {
        // A name that says nothing: the content decides.
        Path eve = dir.resolve("capture-0001");
        String text = fixture();
        Files.writeString(eve, text);
        List<Event> events = read(eve);
        String[] lines = text.split("\n");
        assertEquals(lines.length, events.size());
        for (int i = 0; i < lines.length; i++) {
            // same names, same JSON types, same nesting, same order
            assertEquals(lines[i], M.writeValueAsString(events.get(i).tree()));
            assertEquals(i + 1, events.get(i).recordId());
        }
        List<String> types = new ArrayList<>();
        for (Event e : events) {
            types.add(e.text("event_type"));
        }
        assertEquals(List.of("dns", "dns", "dns", "http", "alert", "fileinfo", "tls", "flow", "flow", "anomaly", "anomaly",
                "stats"), types);
        assertEquals(Instant.parse("2024-03-01T10:00:00.123456Z"), events.get(0).timestamp());
        assertEquals(List.of(), problems);
    }

    @Test
    void timeIsUtcAndTheSensorIsTheComputer() throws IOException {
        Path eve = dir.resolve("eve.json");
        Files.writeString(eve, "{\"timestamp\":\"2024-03-01T19:00:00.500000+0900\",\"flow_id\":1,\"event_type\":\"alert\","
                + "\"host\":\"sensor-dmz\",\"src_ip\":\"10.0.0.1\",\"alert\":{\"action\":\"allowed\",\"signature_id\":1}}\n"
                + "{\"timestamp\":\"2015-10-20T16:08:08.083366-0600\",\"event_type\":\"dns\",\"dns\":{\"type\":\"query\",\"rrname\":\"a.example\"}}\n");
        List<Event> events = read(eve);
        assertEquals(Instant.parse("2024-03-01T10:00:00.500Z"), events.get(0).timestamp());
        assertEquals("sensor-dmz", events.get(0).text("Computer"));
        assertEquals(Instant.parse("2015-10-20T22:08:08.083366Z"), events.get(1).timestamp());
        assertNull(events.get(1).text("Computer"));
        // nested objects are read by path and by name, as Sigma field names are
        assertEquals("a.example", events.get(1).text("dns.rrname"));
        assertEquals(List.of(), problems);
    }

    @Test
    void answersAreReadAcrossTheArray() throws IOException {
        Path eve = dir.resolve("eve.json");
        Files.writeString(eve, fixture());
        Event txt = read(eve).get(2);
        JsonNode rdata = txt.get("dns.answers.rdata");
        assertTrue(rdata.isArray(), String.valueOf(rdata));
        assertEquals("powershell -nop -c IEX(New-Object Net.WebClient)", rdata.get(0).asText());
    }

    @Test
    void aDamagedLineIsReportedWithItsOffsetAndLineAndTheRestIsRead() throws IOException {
        String[] lines = fixture().split("\n");
        // line 3 cut in the middle (a sensor that died mid-write), line 5 with a byte flipped
        String cut = lines[2].substring(0, lines[2].length() / 2);
        String flipped = lines[4].replace("\"gid\":1,", "\"gid\":1,,");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            sb.append(i == 2 ? cut : i == 4 ? flipped : lines[i]).append('\n');
        }
        Path eve = dir.resolve("eve.json");
        Files.writeString(eve, sb.toString());
        List<Event> events = read(eve);
        assertEquals(lines.length - 2, events.size());
        assertEquals(2, problems.size(), problems.toString());
        long cutAt = sb.indexOf(cut);
        assertTrue(problems.get(0).startsWith(eve + ": offset " + cutAt + ": line 3: object cut short"), problems.get(0));
        assertTrue(problems.get(1).contains(": line 5: malformed JSON object"), problems.get(1));
    }
}
