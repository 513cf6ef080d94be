package tansa.stream;

import tansa.ioc.IocLoader;
import tansa.ioc.IocMatcher;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which indicators the job matches, as the operators carry it: indicator files on every worker
 * (loaded with {@code hunt --ioc}'s loader), or the name of indicators already compiled in this JVM
 * ({@code tansa stream --embedded --ioc}). Only these strings are serialised into the job.
 */
public record IocSpec(String name, List<String> paths) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<IocSpec, IocMatcher> LOADED = new ConcurrentHashMap<>();

    public IocSpec {
        paths = List.copyOf(paths);
    }

    static IocSpec of(String name, IocMatcher matcher) {
        IocSpec s = new IocSpec(name, List.of());
        LOADED.put(s, matcher);
        return s;
    }

    static void forget(IocSpec s) {
        if (s != null) {
            LOADED.remove(s);
        }
    }

    IocMatcher matcher() {
        return LOADED.computeIfAbsent(this, s -> {
            List<Path> ps = new ArrayList<>();
            for (String p : s.paths) {
                ps.add(Path.of(p));
            }
            return IocMatcher.compile(IocLoader.load(ps).indicators());
        });
    }
}
