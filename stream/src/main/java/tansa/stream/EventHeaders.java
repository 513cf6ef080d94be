package tansa.stream;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/**
 * The Kafka headers {@code tansa ship} puts on each event record, so that the job rebuilds the
 * event exactly as the evidence reader made it (hunt's results depend on it): the value stays
 * {@code tansa dump}'s JSON line, readable by any consumer.
 */
final class EventHeaders {
    static final String SOURCE = "tansa.source";
    static final String SEQ = "tansa.seq";
    static final String RECORD = "tansa.record";
    static final String TIME = "tansa.time";
    static final String HOST = "tansa.host";
    static final String PRODUCT = "tansa.product";
    /** On detection records: the rule's key and the evidence position (ordering ties as hunt does). */
    static final String RULE = "tansa.rule";
    static final String CORRELATION = "tansa.correlation";

    private EventHeaders() {
    }

    static String text(Headers h, String name) {
        Header v = h.lastHeader(name);
        return v == null || v.value() == null ? null : new String(v.value(), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
