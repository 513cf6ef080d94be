package tansa.reader;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tansa.event.Event;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Reads JSON evidence: objects in the reference shape ({@code {"Event": {...}}}), Winlogbeat /
 * Elastic ECS objects ({@code winlog.*}, converted to the reference shape), or any other JSON
 * object (kept as it is). One object per line or objects concatenated; a top-level array is
 * read element by element. Streams: one object in memory at a time.
 *
 * <p>A malformed object is reported with its line and column. Objects are read with Jackson's
 * streaming parser, so after a syntax error the rest of the file cannot be trusted and is skipped,
 * which the report says.
 */
public final class JsonEventReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // The caller owns the stream: it still hashes the bytes after the last object.
        MAPPER.getFactory().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(200).maxStringLength(50_000_000).build());
    }

    private final Problems problems;

    public JsonEventReader(Problems problems) {
        this.problems = problems;
    }

    /** Reads every object of the stream; returns how many events were delivered. */
    public long read(InputStream in, String source, Consumer<Event> sink) throws IOException {
        long n = 0;
        try (JsonParser p = MAPPER.getFactory().createParser(in)) {
            JsonToken t;
            boolean inArray = false;
            while (true) {
                try {
                    t = p.nextToken();
                    if (t == null) {
                        break;
                    }
                    if (t == JsonToken.START_ARRAY && !inArray) {
                        inArray = true;
                        continue;
                    }
                    if (t == JsonToken.END_ARRAY && inArray) {
                        inArray = false;
                        continue;
                    }
                    if (t != JsonToken.START_OBJECT) {
                        problems.report(source, p.currentLocation().getLineNr(), "line " + p.currentLocation().getLineNr()
                                + ": expected a JSON object, found " + t + "; value skipped");
                        p.skipChildren();
                        continue;
                    }
                    ObjectNode obj = MAPPER.readTree(p);
                    sink.accept(toEvent(obj, source));
                    n++;
                } catch (JsonProcessingException e) {
                    problems.report(source, e.getLocation() == null ? -1 : e.getLocation().getLineNr(),
                            "line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr())
                                    + ": malformed JSON (" + firstLine(e.getOriginalMessage()) + "); rest of file skipped");
                    break;
                }
            }
        }
        return n;
    }

    static Event toEvent(ObjectNode obj, String source) {
        if (obj.has("Event")) {
            return Event.of(obj, source);
        }
        JsonNode winlog = obj.get("winlog");
        if (winlog != null && winlog.isObject()) {
            return Event.of(Winlogbeat.toReference(obj), source);
        }
        return new Event(obj, source, -1, tansa.event.Timestamps.parseOrNull(obj.path("@timestamp").asText(null)));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
