package tansa.sigma;

import tansa.event.Event;
import tansa.reader.EvidenceReader;
import tansa.reader.Problems;
import tansa.sigma.logsource.LogSourceMapping;
import tansa.testing.SharedData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Shared helpers: the full SigmaHQ rule set (loaded once per JVM), hunting files and rule text. */
final class SigmaTestSupport {
    private static RuleSet full;

    private SigmaTestSupport() {
    }

    static List<Path> ruleDirs() {
        Path sigma = SharedData.root().resolve("sigma");
        try (Stream<Path> s = Files.list(sigma)) {
            return s.filter(p -> p.getFileName().toString().startsWith("rules") && Files.isDirectory(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized RuleSet fullRuleSet() {
        if (full == null) {
            full = RuleSet.load(ruleDirs(), LogSourceMapping.defaults(), null);
        }
        return full;
    }

    /** Hunts {@code files} with {@code rules}; every detection, correlations included. */
    static List<Detection> hunt(RuleSet rules, List<Path> files) {
        List<Detection> out = new ArrayList<>();
        Hunter h = new Hunter(rules, out::add);
        new EvidenceReader(1, Problems.IGNORE).read(files, h::accept);
        h.finish();
        return out;
    }

    /** Hunts events built in memory, in the given order, through the same two phases as the CLI. */
    static List<Detection> huntEvents(RuleSet rules, List<Event> events) {
        List<Detection> out = new ArrayList<>();
        Hunter h = new Hunter(rules, out::add);
        for (Event e : events) {
            h.prepare(e);
            h.accept(e);
        }
        h.finish();
        return out;
    }

    /** A rule set from YAML text (documents separated by ---), written to a temporary file. */
    static RuleSet rulesFromText(Path dir, String yaml) {
        try {
            Path f = Files.createTempFile(dir, "rule", ".yml");
            Files.writeString(f, yaml);
            return RuleSet.load(List.of(f), LogSourceMapping.defaults(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
