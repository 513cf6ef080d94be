package tansa.stream;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;

/** Rules-topic records: key = rule name, value = YAML (UTF-8), a null value withdraws the rule. */
final class RuleUpdateDeserializer implements KafkaRecordDeserializationSchema<RuleUpdate> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<RuleUpdate> out) {
        RuleUpdate u = new RuleUpdate();
        u.name = r.key() == null ? r.topic() + "/" + r.partition() + "@" + r.offset() : new String(r.key(), StandardCharsets.UTF_8);
        u.yaml = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
        out.collect(u);
    }

    @Override
    public TypeInformation<RuleUpdate> getProducedType() {
        return TypeInformation.of(RuleUpdate.class);
    }
}
