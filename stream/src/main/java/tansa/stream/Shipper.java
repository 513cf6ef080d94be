package tansa.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tansa.event.Event;
import tansa.reader.EvidenceFile;
import tansa.reader.EvidenceReader;
import tansa.reader.Problems;
import tansa.reader.ReadSummary;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@code tansa ship}: the events of evidence files into a Kafka topic, in evidence order, one
 * record each: the value is {@code tansa dump}'s JSON line (serialised on the decode threads),
 * the headers what the reader knew ({@link EventHeaders}). Records go round-robin over the
 * topic's partitions (each partition keeps evidence order, so per-partition watermarks follow
 * each file's times). Idempotent producer, acknowledged by all replicas.
 */
public final class Shipper {
    private Shipper() {
    }

    /** What was shipped: events sent, and the read summary (files, problems). */
    public record Shipped(long events, ReadSummary read) {
    }

    public static Shipped ship(String bootstrap, String topic, List<Path> evidence, int threads, Problems problems,
                               Consumer<EvidenceFile> onFile) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 << 10));
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(16 << 20));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            int partitions;
            try {
                partitions = producer.partitionsFor(topic).size();
            } catch (KafkaException e) {
                throw new IllegalStateException("cannot reach topic '" + topic + "' at " + bootstrap + ": " + e.getMessage(), e);
            }
            ObjectMapper mapper = new ObjectMapper();
            EvidenceReader reader = new EvidenceReader(threads, problems).prepare(e -> e.attach(json(mapper, e)));
            if (onFile != null) {
                reader.onFile(onFile);
            }
            long[] seq = {0};
            Future<?>[] last = {null};
            ReadSummary summary = reader.read(evidence, e -> {
                long n = seq[0]++;
                RecordHeaders h = new RecordHeaders();
                h.add(EventHeaders.SOURCE, EventHeaders.bytes(e.source()));
                h.add(EventHeaders.SEQ, EventHeaders.bytes(Long.toString(n)));
                h.add(EventHeaders.RECORD, EventHeaders.bytes(Long.toString(e.recordId())));
                if (e.timestamp() != null) {
                    h.add(EventHeaders.TIME, EventHeaders.bytes(e.timestamp().toString()));
                }
                if (e.hostFieldName() != null) {
                    h.add(EventHeaders.HOST, EventHeaders.bytes(e.hostFieldName()));
                }
                if (e.isKnownProduct()) {
                    h.add(EventHeaders.PRODUCT, new byte[] {1});
                }
                byte[] value = (byte[]) e.attachment();
                e.attach(null);
                last[0] = producer.send(new ProducerRecord<>(topic, (int) (n % partitions), null, null, value, h));
            });
            producer.flush();
            if (last[0] != null) {
                try {
                    last[0].get(2, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("Kafka refused the events: " + e.getCause().getMessage(), e.getCause());
                } catch (TimeoutException e) {
                    throw new IllegalStateException("Kafka did not acknowledge the events within 2 minutes", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while shipping", e);
                }
            }
            producer.close(Duration.ofSeconds(30));
            return new Shipped(seq[0], summary);
        }
    }

    private static byte[] json(ObjectMapper mapper, Event e) {
        try {
            return mapper.writeValueAsBytes(e.tree());
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            throw new UncheckedIOException(x);
        }
    }
}
