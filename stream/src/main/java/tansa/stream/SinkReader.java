package tansa.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tansa.sigma.Detection;
import tansa.sigma.DetectionJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the committed detections of a sink topic back (read_committed: what a failed attempt
 * wrote and aborted is never seen), as {@link Detection}s in hunt's insertion order for equal
 * sort keys: single-event detections by evidence position, then correlations by the position of
 * their last event. The caller sorts them as hunt does (a stable sort).
 */
public final class SinkReader {
    private SinkReader() {
    }

    /** One detection off the topic. */
    public record Read(Detection detection, String json, boolean correlation, long seq) {
    }

    public static List<Read> read(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        ObjectMapper mapper = new ObjectMapper();
        List<Read> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo i : c.partitionsFor(topic, Duration.ofSeconds(30))) {
                parts.add(new TopicPartition(topic, i.partition()));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            while (!done(c, end)) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        continue;
                    }
                    String json = new String(r.value(), java.nio.charset.StandardCharsets.UTF_8);
                    Detection d;
                    try {
                        d = DetectionJson.parse(mapper.readTree(json), EventHeaders.text(r.headers(), EventHeaders.RULE));
                    } catch (IOException e) {
                        throw new UncheckedIOException("detection record at offset " + r.offset() + " of " + topic
                                + " is not JSON", e);
                    }
                    String seq = EventHeaders.text(r.headers(), EventHeaders.SEQ);
                    out.add(new Read(d, json, r.headers().lastHeader(EventHeaders.CORRELATION) != null,
                            seq == null ? Long.MAX_VALUE : Long.parseLong(seq)));
                }
            }
        }
        out.sort(Comparator.comparing(Read::correlation).thenComparingLong(Read::seq));
        return out;
    }

    private static boolean done(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
