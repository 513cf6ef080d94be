package tansa.stream;

import tansa.sigma.RuleCache;
import tansa.sigma.RuleSet;
import tansa.sigma.logsource.LogSourceMapping;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which rules the job runs, as the operators carry it: rule paths (on every worker) and an
 * optional log-source mapping file, or the name of a rule set already loaded in this JVM
 * ({@code tansa stream --embedded}, where the command loaded and reported the rules as hunt
 * does). Only these strings are serialised into the job; each worker JVM loads the rule set once
 * (through the compiled rule cache) and its operators share it: matching is thread-safe.
 */
public record RuleSpec(String name, List<String> paths, String mapping) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<RuleSpec, RuleSet> LOADED = new ConcurrentHashMap<>();

    public RuleSpec {
        paths = List.copyOf(paths);
    }

    /** A spec for {@code set}, loaded already: operators in this JVM use it as it is. */
    static RuleSpec of(String name, RuleSet set) {
        RuleSpec s = new RuleSpec(name, List.of(), null);
        LOADED.put(s, set);
        return s;
    }

    static void forget(RuleSpec s) {
        LOADED.remove(s);
    }

    /** The rule set, loaded on first use in this JVM. */
    RuleSet rules() {
        return LOADED.computeIfAbsent(this, RuleSpec::load);
    }

    private RuleSet load() {
        if (paths.isEmpty()) {
            throw new IllegalStateException("rule set '" + name + "' is not loaded in this JVM and names no rule paths");
        }
        List<Path> ps = new ArrayList<>();
        for (String p : paths) {
            ps.add(Path.of(p));
        }
        LogSourceMapping m = mapping == null ? LogSourceMapping.defaults() : LogSourceMapping.load(Path.of(mapping));
        Path dir = RuleCache.defaultDir(System.getenv(), System.getProperty("user.home"));
        RuleCache cache = new RuleCache(dir, "tansa-stream " + DetectionJob.class.getPackage().getImplementationVersion(),
                note -> { });
        return RuleSet.load(ps, m, null, cache, null);
    }
}
