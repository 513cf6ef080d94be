package tansa.stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;

/**
 * A single-node Kafka (KRaft: broker and controller in one process) inside this JVM, for
 * {@code tansa stream --embedded} and tests: log directory in a fresh temporary directory, both
 * listeners on free loopback ports, and on {@link #close()} the server stopped and the directory
 * deleted. Retention is off (evidence carries old event times, which time-based retention would
 * delete within minutes).
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final Path dir;
    private final KafkaRaftServer server;
    private final String bootstrap;
    /** Deletes the directory if the JVM ends before {@link #close()} did (an exit from a Kafka or Flink thread). */
    private final Thread cleanup;

    private EmbeddedKafka(Path dir, KafkaRaftServer server, String bootstrap) {
        this.dir = dir;
        this.server = server;
        this.bootstrap = bootstrap;
        this.cleanup = new Thread(() -> delete(dir), "tansa-kafka-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Formats a log directory and starts the server (about 2 s). */
    public static EmbeddedKafka start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("tansa-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the embedded Kafka broker", e);
        }
        try {
            int brokerPort = freePort();
            int controllerPort = freePort();
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("log.dirs", dir.resolve("data").toString());
            p.put("num.partitions", "1");
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "1");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("transaction.state.log.num.partitions", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("log.retention.ms", "-1");
            p.put("auto.create.topics.enable", "false");
            p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
            p.put("log.segment.bytes", Integer.toString(64 << 20));
            Path config = dir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                p.store(w, "tansa embedded Kafka");
            }
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                    new PrintStream(said, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("formatting the embedded Kafka log directory failed: "
                        + said.toString(StandardCharsets.UTF_8).trim());
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
            server.startup();
            return new EmbeddedKafka(dir, server, "127.0.0.1:" + brokerPort);
        } catch (IOException e) {
            delete(dir);
            throw new UncheckedIOException("cannot start the embedded Kafka broker in " + dir, e);
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    /** {@code host:port} of the broker's listener. */
    public String bootstrap() {
        return bootstrap;
    }

    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            delete(dir);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /**
     * Deletes {@code root} and everything under it. Flink's and Kafka's own threads may still be
     * removing their files as they stop: what vanishes meanwhile is fine, and a directory that
     * was still being written to is tried again.
     */
    static void delete(Path root) {
        IOException last = null;
        for (int attempt = 0; attempt < 5 && Files.exists(root); attempt++) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof java.nio.file.NoSuchFileException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                        if (e != null && !(e instanceof java.nio.file.NoSuchFileException)) {
                            throw e;
                        }
                        Files.deleteIfExists(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
                return;
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (Files.exists(root)) {
            throw new UncheckedIOException("cannot delete " + root, last == null ? new IOException("still present") : last);
        }
    }
}
