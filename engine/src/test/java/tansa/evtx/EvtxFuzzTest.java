package tansa.evtx;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Assertions;
import tansa.reader.EvidenceReader;
import tansa.reader.Problems;
import tansa.testing.SharedData;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Hostile input: real EVTX files mutated (bit flips, truncation, length and offset fields set
 * huge or pointing back at themselves, random overwrites) never end in an exception, a hang or an
 * OutOfMemoryError, and never in an "internal error" report (a defect of ours). Bounded: a fixed
 * number of tries, each under a time limit.
 *
 * <p>Every failure found is kept as a recipe under {@code src/test/resources/fuzz/*.mutation}
 * (seed file relative to ../shared, then one mutation a line) and replayed by
 * {@link #replaysEveryKeptCrash}: the recipe, not a copy of the shared file.
 */
class EvtxFuzzTest {
    private static final String[] SEEDS = {
            "sigma/regression_data/rules/windows/process_creation/proc_creation_win_susp_right_to_left_override/ad691d92-15f2-4181-9aa4-723c74f9ddc3.evtx",
            "corpus/evtx/EVTX-to-MITRE-Attack/Antivirus/ID1116-1117-Defender threat detected.evtx",
            "corpus/evtx/DeepBlueCLI/many-events-application.evtx",
            "corpus/evtx/DeepBlueCLI/password-spray.evtx",
    };
    private static byte[][] seeds;

    @BeforeContainer
    static void loadSeeds() throws IOException {
        Path shared = SharedData.root();
        seeds = new byte[SEEDS.length][];
        for (int i = 0; i < SEEDS.length; i++) {
            byte[] all = Files.readAllBytes(shared.resolve(SEEDS[i]));
            // The header and the first two chunks hold enough variety and keep each try fast.
            seeds[i] = Arrays.copyOf(all, Math.min(all.length, FileHeader.SIZE + 2 * ChunkDecoder.SIZE));
        }
    }

    /** One mutation: a kind, a position (fraction of the file) and a value. */
    record Mutation(int kind, double where, int value) {
        byte[] apply(byte[] in) {
            int n = in.length;
            if (n == 0) {
                return in;
            }
            int at = (int) (where * (n - 1));
            switch (kind) {
                case 0: // bit flip
                    in[at] ^= (byte) (1 << (value & 7));
                    return in;
                case 1: // truncation
                    return Arrays.copyOf(in, at);
                case 2: // a 16-bit length field set huge
                    if (at + 2 <= n) {
                        ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) 0xffff);
                    }
                    return in;
                case 3: // a 32-bit length or offset field set huge
                    if (at + 4 <= n) {
                        ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN).putInt(at, 0xfffffff0 | (value & 0xf));
                    }
                    return in;
                case 4: // an offset that points back at (or just before) itself, chunk-relative
                    if (at + 4 <= n && at >= FileHeader.SIZE) {
                        int rel = (at - FileHeader.SIZE) % ChunkDecoder.SIZE;
                        ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN).putInt(at, rel - (value & 0x1f));
                    }
                    return in;
                case 5: // a run of random bytes
                    for (int i = 0; i < (value & 0x3f) && at + i < n; i++) {
                        in[at + i] = (byte) (value * 31 + i * 17);
                    }
                    return in;
                default: // a token byte replaced by another token (element, template, substitution...)
                    in[at] = (byte) (value % 16 | (value & 0x40));
                    return in;
            }
        }

        @Override
        public String toString() {
            return kind + " " + where + " " + value;
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(
                Arbitraries.integers().between(0, 6),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 0xffff)).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 6000)
    void mutatedEvtxNeverCrashesOrHangs(@ForAll("mutations") List<Mutation> mutations,
                                        @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 3) int seed) throws Exception {
        byte[] data = seeds[seed].clone();
        for (Mutation m : mutations) {
            data = m.apply(data);
        }
        check(data, SEEDS[seed] + " with " + mutations);
    }

    @Property(tries = 1)
    void replaysEveryKeptCrash() throws Exception {
        Path dir = Path.of("src/test/resources/fuzz");
        List<Path> recipes;
        try (Stream<Path> s = Files.list(dir)) {
            recipes = s.filter(p -> p.toString().endsWith(".mutation")).sorted().collect(Collectors.toList());
        }
        Assertions.assertFalse(recipes.isEmpty(), "kept crash recipes");
        for (Path r : recipes) {
            List<String> lines = Files.readAllLines(r, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).collect(Collectors.toList());
            byte[] data = Files.readAllBytes(SharedData.root().resolve(lines.get(0)));
            for (String l : lines.subList(1, lines.size())) {
                String[] p = l.trim().split("\\s+");
                data = new Mutation(Integer.parseInt(p[0]), Double.parseDouble(p[1]), Integer.parseInt(p[2])).apply(data);
            }
            check(data, r.getFileName().toString());
        }
    }

    private static void check(byte[] data, String what) throws IOException {
        Path f = Files.createTempFile("tansa-fuzz", ".evtx");
        try {
            Files.write(f, data);
            List<String> defects = new ArrayList<>();
            AtomicLong events = new AtomicLong();
            Problems problems = (r, o, m) -> {
                if (m.contains("internal error")) {
                    synchronized (defects) {
                        defects.add(o + ": " + m);
                    }
                }
            };
            Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                new EvidenceReader(2, problems).read(List.of(f), e -> {
                    e.fields();
                    events.incrementAndGet();
                });
            }, what);
            Assertions.assertTrue(defects.isEmpty(), what + ": " + defects);
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
