package tansa.stream;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Detections onto the sink topic: hunt's JSONL line as the value; rule key and evidence position as headers. */
final class FoundSerializer implements KafkaRecordSerializationSchema<Found> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    FoundSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Found f, KafkaSinkContext context, Long timestamp) {
        RecordHeaders h = new RecordHeaders();
        h.add(EventHeaders.RULE, EventHeaders.bytes(f.ruleKey));
        h.add(EventHeaders.SEQ, EventHeaders.bytes(Long.toString(f.seq)));
        if (f.correlation) {
            h.add(EventHeaders.CORRELATION, new byte[] {1});
        }
        return new ProducerRecord<>(topic, null, null, null, f.json, h);
    }
}
