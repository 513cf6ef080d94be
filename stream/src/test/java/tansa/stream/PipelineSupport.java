package tansa.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import tansa.reader.EvidenceReader;
import tansa.reader.Problems;
import tansa.sigma.Detection;
import tansa.sigma.DetectionJson;
import tansa.sigma.Hunter;
import tansa.sigma.RuleCache;
import tansa.sigma.RuleSet;
import tansa.sigma.logsource.LogSourceMapping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the stream tests share: hunt run in-process (as {@code tansa hunt} runs it, in its order)
 * and a job's detections read back, both as hunt's JSONL lines. The acceptance test over every
 * SigmaHQ rule is {@code StreamCommandTest} in the app (whole CLI output against {@code hunt}).
 */
final class PipelineSupport {
    static final Path SHARED = Path.of(System.getProperty("tansa.shared", "../../shared"));
    /** hunt's order (HuntCommand.ORDER). */
    static final Comparator<Detection> ORDER = Comparator
            .comparing(Detection::timestamp, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Detection::source, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(Detection::recordId)
            .thenComparing(d -> d.rule().key());

    static RuleSet rules(List<Path> paths) {
        String dir = System.getProperty("tansa.cache.dir");
        RuleCache cache = dir == null ? null : new RuleCache(Path.of(dir), "stream-test", n -> { });
        return RuleSet.load(paths, LogSourceMapping.defaults(), null, cache, null);
    }

    static List<String> hunt(List<Path> rulePaths, List<Path> evidence) {
        List<Detection> found = new ArrayList<>();
        Hunter h = new Hunter(rules(rulePaths), found::add);
        new EvidenceReader(2, Problems.IGNORE).read(evidence, h::accept);
        h.finish();
        found.sort(ORDER);
        return lines(found);
    }

    static List<String> lines(List<Detection> ds) {
        ObjectMapper m = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (Detection d : ds) {
            out.add(DetectionJson.of(m, d).toString());
        }
        return out;
    }

    static List<String> stream(Embedded.Result r) {
        List<Detection> ds = new ArrayList<>();
        for (SinkReader.Read x : r.detections()) {
            ds.add(x.detection());
            assertEquals(x.json(), DetectionJson.of(new ObjectMapper(), x.detection()).toString(), "JSON survives the round trip");
        }
        ds.sort(ORDER);
        return lines(ds);
    }

    static List<Path> sigmaRules() throws Exception {
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(SHARED.resolve("sigma"))) {
            s.filter(p -> p.getFileName().toString().startsWith("rules")).sorted().forEach(out::add);
        }
        return out;
    }
}
