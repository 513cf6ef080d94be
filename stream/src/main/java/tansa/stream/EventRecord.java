package tansa.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tansa.event.Event;
import tansa.reader.JsonEventReader;
import tansa.reader.Problems;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * One event as it travels from the event topic to the matcher: the record's JSON bytes and, when
 * {@code tansa ship} wrote it, what its reader knew ({@link EventHeaders}). A Flink POJO (public
 * fields, no-argument constructor) so Flink serialises it without Kryo.
 */
public final class EventRecord {
    /** The record in the reference shape ({@code tansa dump}'s line), or any JSON a shipper wrote. */
    public byte[] json;
    /** The evidence file; for records without tansa headers, {@code kafka:TOPIC}. */
    public String source;
    /** Position in evidence order (hunt numbers events the same way); else the Kafka offset. */
    public long seq;
    /** Whether the headers below were present (a record from {@code tansa ship}). */
    public boolean shipped;
    public long recordId;
    /** Event time as epoch seconds and nanoseconds; {@code timeSeconds == Long.MIN_VALUE} for none. */
    public long timeSeconds;
    public int timeNanos;
    public String hostField;
    public boolean knownProduct;
    /** Event time in epoch milliseconds for watermarks (Long.MIN_VALUE for none). */
    public long millis;

    public EventRecord() {
    }

    /** The event the engine sees: the same as the reader built when shipped, else the JSON recognised as a file's would be. */
    Event toEvent(ObjectMapper mapper, long line) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(tree instanceof ObjectNode)) {
            return null;
        }
        if (!shipped) {
            return JsonEventReader.event((ObjectNode) tree, source, line, Problems.IGNORE);
        }
        Instant t = timeSeconds == Long.MIN_VALUE ? null : Instant.ofEpochSecond(timeSeconds, timeNanos);
        Event e = new Event((ObjectNode) tree, source, recordId, t).hostField(hostField);
        return knownProduct ? e.knownProduct() : e;
    }
}
