package tansa.reader;

import org.junit.jupiter.api.Test;
import tansa.event.Event;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** JSON evidence: every shape users have, and damage that costs only the damaged object. */
class JsonEventReaderTest {
    private final List<String> problems = new ArrayList<>();

    private List<String> read(String text) throws IOException {
        List<Event> out = new ArrayList<>();
        new JsonEventReader((r, o, m) -> problems.add(m))
                .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.json", out::add);
        return out.stream().map(e -> e.text("EventID")).collect(Collectors.toList());
    }

    private static String ev(int id) {
        return "{\"Event\":{\"System\":{\"EventID\":" + id + "}}}";
    }

    @Test
    void readsLinesConcatenatedPrettyPrintedAndArrays() throws IOException {
        assertEquals(List.of("1", "2"), read(ev(1) + "\n" + ev(2) + "\n"));
        assertEquals(List.of("1", "2"), read(ev(1) + ev(2)));
        assertEquals(List.of("1", "2"), read("{\n  \"Event\": {\n    \"System\": {\"EventID\": 1}\n  }\n}\n{\n  \"Event\": {\"System\": {\"EventID\": 2}}\n}"));
        assertEquals(List.of("1", "2"), read("[" + ev(1) + ",\n" + ev(2) + "]"));
        assertEquals(List.of("1"), read("\uFEFF" + ev(1)));
        assertEquals(List.of(), problems);
    }

    @Test
    void keepsBracesAndQuotesInsideStrings() throws IOException {
        assertEquals(List.of("7"), read("{\"Event\":{\"System\":{\"EventID\":7},\"EventData\":{\"x\":\"}{ \\\" {\"}}}"));
        assertEquals(List.of(), problems);
    }

    @Test
    void reportsTheByteOffsetOfTheDamageNotItsLineNumber() throws IOException {
        List<Long> offsets = new ArrayList<>();
        String first = ev(1) + " ".repeat(2000) + "\n" + ev(2) + "\n"; // two lines, the first padded
        String text = first + "{\"Event\":{\"System\":{\"EventID\":3,}}}\n" + "garbage\n" + ev(4) + "\n";
        List<Event> out = new ArrayList<>();
        new JsonEventReader((r, o, m) -> {
            offsets.add(o);
            problems.add(m);
        }).read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.json", out::add);
        assertEquals(3, out.size());
        int bad = first.length();
        // The malformed object: the byte where Jackson stopped (the '}' after the comma), on line 3.
        assertEquals(List.of((long) text.indexOf(",}", bad) + 1, (long) text.indexOf("garbage")), offsets);
        assertEquals("line 3", problems.get(0).substring(0, 6));
        assertEquals("line 4: text outside any JSON object; skipped", problems.get(1));
    }

    @Test
    void skipsOnlyTheDamagedObject() throws IOException {
        String text = ev(1) + "\n"
                + "{\"Event\":{\"System\":{\"EventID\":2,}}}\n" // malformed
                + "{\"Event\":{\"System\":{\"EventID\":3, \"x\":\"cut\n" // cut short inside a string
                + ev(4) + "\n"
                + "{\"Event\":{\"System\":{\"EventID\":5}\n" // cut short: next line starts a new object
                + ev(6) + "\n"
                + "garbage here\n"
                + ev(7) + "\n"
                + "{\"Event\":";
        assertEquals(List.of("1", "4", "6", "7"), read(text));
        assertEquals(List.of(
                "line 2: malformed JSON object (Unexpected character ('}' (code 125)): was expecting double-quote to start field name); object skipped",
                "line 3: object cut short (line break inside a string); skipped",
                "line 5: object cut short (a new object starts on line 6); skipped",
                "line 7: text outside any JSON object; skipped",
                "line 9: object cut short by the end of the file; skipped"), problems);
    }
}
