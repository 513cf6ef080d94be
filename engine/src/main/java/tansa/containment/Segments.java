package tansa.containment;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tansa.traffic.Networks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Named network segments with a criticality, from YAML:
 *
 * <pre>
 * segments:
 *   - name: servers
 *     cidrs: [10.2.0.0/24, 10.2.1.0/24]   # or cidr: 10.2.0.0/24
 *     criticality: critical                # low, medium, high, critical
 * </pre>
 *
 * or a mapping {@code 10.2.0.0/24: {name: servers, criticality: critical}}. An address belongs to
 * the first segment that holds it. Immutable.
 */
public final class Segments {
    public static final List<String> CRITICALITIES = List.of("low", "medium", "high", "critical");

    public record Segment(String name, String criticality, List<String> cidrs, Networks networks) {
        public Segment {
            cidrs = List.copyOf(cidrs);
        }

        public int rank() {
            return CRITICALITIES.indexOf(criticality);
        }
    }

    private final List<Segment> segments;

    public Segments(List<Segment> segments) {
        this.segments = List.copyOf(segments);
    }

    public static final Segments NONE = new Segments(List.of());

    public List<Segment> all() {
        return segments;
    }

    /** The segment holding {@code address}, or null. */
    public Segment of(String address) {
        for (Segment s : segments) {
            if (s.networks().contains(address)) {
                return s;
            }
        }
        return null;
    }

    /** Loads a segments file; IllegalArgumentException names the file and what is wrong. */
    public static Segments load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(file + ": not YAML: " + firstLine(e.getMessage()), e);
        }
        List<Segment> out = new ArrayList<>();
        if (root instanceof Map && ((Map<?, ?>) root).get("segments") instanceof List) {
            int i = 0;
            for (Object o : (List<?>) ((Map<?, ?>) root).get("segments")) {
                if (!(o instanceof Map)) {
                    throw new IllegalArgumentException(file + ": segments[" + i + "] is not a mapping");
                }
                Map<?, ?> m = (Map<?, ?>) o;
                List<String> cidrs = new ArrayList<>();
                if (m.get("cidr") != null) {
                    cidrs.add(String.valueOf(m.get("cidr")));
                }
                if (m.get("cidrs") instanceof List) {
                    for (Object c : (List<?>) m.get("cidrs")) {
                        cidrs.add(String.valueOf(c));
                    }
                }
                out.add(segment(file, "segments[" + i + "]", m.get("name"), m.get("criticality"), cidrs));
                i++;
            }
        } else if (root instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) root).entrySet()) {
                Map<?, ?> m = e.getValue() instanceof Map ? (Map<?, ?>) e.getValue() : Map.of("name", String.valueOf(e.getValue()));
                out.add(segment(file, String.valueOf(e.getKey()), m.get("name"), m.get("criticality"), List.of(String.valueOf(e.getKey()))));
            }
        } else {
            throw new IllegalArgumentException(file + ": expected 'segments:' with a list, or a mapping of CIDRs to segments");
        }
        return new Segments(out);
    }

    private static Segment segment(Path file, String where, Object name, Object criticality, List<String> cidrs) {
        if (name == null || String.valueOf(name).isBlank()) {
            throw new IllegalArgumentException(file + ": " + where + ": a segment needs a name");
        }
        if (cidrs.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + where + " (" + name + "): no cidr or cidrs");
        }
        for (String c : cidrs) {
            if (!Networks.valid(c)) {
                throw new IllegalArgumentException(file + ": " + where + " (" + name + "): '" + c + "' is not an address range");
            }
        }
        String crit = criticality == null ? "medium" : String.valueOf(criticality).toLowerCase(Locale.ROOT);
        if (!CRITICALITIES.contains(crit)) {
            throw new IllegalArgumentException(file + ": " + where + " (" + name + "): criticality must be low, medium, high or critical, not '"
                    + criticality + "'");
        }
        return new Segment(String.valueOf(name), crit, cidrs, Networks.of(cidrs));
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
