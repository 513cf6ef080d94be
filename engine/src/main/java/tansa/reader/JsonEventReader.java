package tansa.reader;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tansa.event.Event;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Reads JSON evidence: objects in the reference shape ({@code {"Event": {...}}}), the shapes log
 * shippers write (Winlogbeat / Elastic Agent, NXLog, Logstash / HELK, Velociraptor, Splunk
 * exports: {@link JsonShapes} converts them to the reference shape), or any other JSON object
 * (kept as it is, reported once per file). One object per line or objects concatenated; a top-level array is
 * read element by element. Streams: one object in memory at a time.
 *
 * <p>{@link JsonObjectSplitter} cuts the stream into objects, so a malformed or truncated object
 * is reported with its line and skipped, and the objects after it are still read.
 */
public final class JsonEventReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // The caller owns the stream: it still hashes the bytes after the last object.
        MAPPER.getFactory().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(200).maxStringLength(50_000_000).build());
    }

    /** Largest JSON object read; a bigger one is reported and skipped (memory stays bounded). */
    static final int MAX_OBJECT_BYTES = 64 << 20;

    private final Problems problems;

    public JsonEventReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * One JSON object as an event, recognised and converted as in a file (reference shape,
     * shippers' shapes, Zeek, Suricata): for records that arrive one by one (a Kafka topic).
     */
    public static Event event(ObjectNode obj, String source, long line, Problems problems) {
        return new JsonShapes(problems, source).toEvent(obj, line);
    }

    /** Reads every object of the stream; returns how many events were delivered. */
    public long read(InputStream in, String source, Consumer<Event> sink) throws IOException {
        long n = 0;
        JsonObjectSplitter split = new JsonObjectSplitter(in, MAX_OBJECT_BYTES);
        JsonShapes shapes = new JsonShapes(problems, source);
        JsonObjectSplitter.Piece piece;
        while ((piece = split.next()) != null) {
            if (piece.damaged()) {
                problems.report(source, piece.offset(), "line " + piece.line() + ": " + piece.why() + "; skipped");
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(piece.bytes(), 0, piece.length());
            } catch (JsonProcessingException e) {
                long line = e.getLocation() == null ? piece.line() : piece.line() + e.getLocation().getLineNr() - 1;
                long at = e.getLocation() == null || e.getLocation().getByteOffset() < 0 ? piece.offset()
                        : piece.offset() + e.getLocation().getByteOffset();
                problems.report(source, at, "line " + line + ": malformed JSON object ("
                        + firstLine(e.getOriginalMessage()) + "); object skipped");
                continue;
            }
            if (!(node instanceof ObjectNode)) {
                problems.report(source, piece.offset(), "line " + piece.line() + ": a JSON value that is not an object; skipped");
                continue;
            }
            sink.accept(shapes.toEvent((ObjectNode) node, piece.line()));
            n++;
        }
        return n;
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
