package tansa.stream;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

import java.time.Instant;

/**
 * Event records off the topic: the value as it is, and the headers {@code tansa ship} wrote
 * ({@link EventHeaders}); a record without them (Winlogbeat, NXLog or any producer writing JSON)
 * is numbered by its offset and named after its topic and partition, and recognised by the
 * engine's JSON shapes when matched.
 */
final class EventDeserializer implements KafkaRecordDeserializationSchema<EventRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<EventRecord> out) {
        if (r.value() == null) {
            return;
        }
        EventRecord e = new EventRecord();
        e.json = r.value();
        Headers h = r.headers();
        String seq = EventHeaders.text(h, EventHeaders.SEQ);
        e.timeSeconds = Long.MIN_VALUE;
        e.millis = Long.MIN_VALUE;
        if (seq != null) {
            e.shipped = true;
            e.seq = Long.parseLong(seq);
            e.source = EventHeaders.text(h, EventHeaders.SOURCE);
            e.recordId = Long.parseLong(EventHeaders.text(h, EventHeaders.RECORD));
            String t = EventHeaders.text(h, EventHeaders.TIME);
            if (t != null) {
                Instant i = Instant.parse(t);
                e.timeSeconds = i.getEpochSecond();
                e.timeNanos = i.getNano();
                e.millis = i.toEpochMilli();
            }
            e.hostField = EventHeaders.text(h, EventHeaders.HOST);
            e.knownProduct = h.lastHeader(EventHeaders.PRODUCT) != null;
        } else {
            e.seq = r.offset();
            e.source = "kafka:" + r.topic() + "/" + r.partition();
            e.millis = r.timestamp();
        }
        out.collect(e);
    }

    @Override
    public TypeInformation<EventRecord> getProducedType() {
        return TypeInformation.of(EventRecord.class);
    }
}
