package tansa.reader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.testing.SharedData;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The evidence registry's SHA-256, now computed on another thread: still exactly the bytes read, in order. */
class BackgroundDigestTest {
    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void hashesEveryByteReadInOrderWhateverTheReadSizes() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        ExecutorService hasher = Executors.newSingleThreadExecutor();
        try {
            int block = BackgroundDigest.BLOCK;
            // more than the blocks in flight, so the reader waits for the hashing thread
            for (int size : new int[] {0, 1, block - 1, block, block + 1, (BackgroundDigest.BLOCKS + 3) * block + 7}) {
                byte[] data = new byte[size];
                random.nextBytes(data);
                BackgroundDigest in = new BackgroundDigest(new ByteArrayInputStream(data), hasher);
                byte[] buf = new byte[3 * block];
                int mode = 0;
                while (true) {
                    int n;
                    switch (mode++ % 3) {
                        case 0 -> n = in.read() < 0 ? -1 : 1;
                        case 1 -> n = (int) in.skip(random.nextInt(block));
                        default -> n = in.read(buf, random.nextInt(7), 1 + random.nextInt(buf.length - 7));
                    }
                    if (n < 0 || (n == 0 && in.read(buf, 0, 1) < 0)) {
                        break;
                    }
                }
                assertEquals(sha256(data), in.finish(), "size " + size + ", seed " + seed);
            }
        } finally {
            hasher.shutdownNow();
        }
    }

    @Test
    void readerReportsTheHashOfTheWholeFileForEachFormat(@TempDir Path dir) throws Exception {
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            json.append("{\"Event\":{\"System\":{\"EventID\":").append(i).append(",\"Computer\":\"pc").append(i % 7)
                    .append("\"}}}\n");
        }
        Path plain = dir.resolve("a.json");
        Files.writeString(plain, json, StandardCharsets.UTF_8);
        Path gz = dir.resolve("b.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(json.toString().getBytes(StandardCharsets.UTF_8));
        }
        List<Path> files = new ArrayList<>(List.of(plain, gz));
        Path evtx = SharedData.root().resolve("corpus/evtx");
        try (var walk = Files.walk(evtx)) {
            // files with slack after the last chunk: the hash covers the bytes no reader needed
            walk.filter(p -> p.toString().endsWith(".evtx")).sorted().limit(8).forEach(files::add);
        }
        for (Path f : files) {
            EvidenceFile[] seen = new EvidenceFile[1];
            new EvidenceReader(2, Problems.IGNORE).hashing(true).onFile(e -> seen[0] = e).read(List.of(f), e -> { });
            assertNotNull(seen[0], f.toString());
            assertEquals(sha256(Files.readAllBytes(f)), seen[0].sha256(), f.toString());
            assertEquals(Files.size(f), seen[0].size());
        }
    }
}
