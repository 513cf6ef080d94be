package tansa.sigma.logsource;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tansa.sigma.rule.LogSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The log-source mapping: Sigma {@code logsource} to channels, EventIDs, providers and field
 * renames, plus placeholder values. The default lives in the engine resource
 * {@code tansa/sigma/logsources.yml}, which documents the format; users pass their own copy.
 *
 * <p>The built-in mapping is parsed on first use, and not at all when the rule cache supplies
 * the parsed form ({@link #adopt}): a warm load then needs no YAML parser. A user mapping is
 * parsed (and validated) when loaded. Immutable once parsed; thread-safe.
 */
public final class LogSourceMapping {
    public static final String DEFAULT_RESOURCE = "/tansa/sigma/logsources.yml";

    private final String origin;
    private final String text;
    private volatile Parsed parsed;

    /** What the YAML says: the entries in file order and the placeholder values. */
    public record Parsed(List<SourceEntry> entries, Map<String, List<String>> placeholders) {
        public Parsed {
            entries = List.copyOf(entries);
            placeholders = Map.copyOf(placeholders);
        }
    }

    private LogSourceMapping(String text, String origin, Parsed parsed) {
        this.origin = origin;
        this.text = text;
        this.parsed = parsed;
    }

    /** The parsed mapping, parsing it now if need be (the built-in one is always valid). */
    public Parsed parsed() {
        Parsed p = parsed;
        if (p == null) {
            synchronized (this) {
                if (parsed == null) {
                    parsed = parse(text, origin).parsed;
                }
                p = parsed;
            }
        }
        return p;
    }

    /**
     * Takes {@code p} as this mapping's parsed form unless it is parsed already: the rule cache's
     * copy, made from the same text (the text is part of the cache key).
     */
    public synchronized void adopt(Parsed p) {
        if (parsed == null) {
            parsed = p;
        }
    }

    /** Whether the YAML has been parsed (or adopted). */
    public boolean isParsed() {
        return parsed != null;
    }

    public static LogSourceMapping defaults() {
        try (InputStream in = LogSourceMapping.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("engine resource " + DEFAULT_RESOURCE + " is missing from the build");
            }
            return new LogSourceMapping(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a user mapping; {@link InvalidMappingException} names the file and the entry. */
    public static LogSourceMapping load(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            int n;
            while ((n = r.read(buf)) > 0) {
                sb.append(buf, 0, n);
            }
            return parse(sb.toString(), file.toString());
        } catch (IOException e) {
            throw new InvalidMappingException(file + ": cannot read the log-source mapping: " + e.getMessage(), e);
        }
    }

    static LogSourceMapping parse(String yaml, String origin) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(origin).build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new InvalidMappingException(origin + ": not valid YAML: " + firstLine(e.getMessage()), e);
        }
        if (!(root instanceof Map)) {
            throw new InvalidMappingException(origin + ": the log-source mapping must be a mapping with 'sources'");
        }
        Map<?, ?> map = (Map<?, ?>) root;
        List<SourceEntry> entries = new ArrayList<>();
        Object src = map.get("sources");
        if (!(src instanceof List)) {
            throw new InvalidMappingException(origin + ": 'sources' must be a list");
        }
        int i = 0;
        for (Object o : (List<?>) src) {
            entries.add(entry(o, origin + ": sources[" + i + "]"));
            i++;
        }
        Map<String, List<String>> ph = new LinkedHashMap<>();
        Object p = map.get("placeholders");
        if (p instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) p).entrySet()) {
                ph.put(String.valueOf(e.getKey()), strings(e.getValue()));
            }
        } else if (p != null) {
            throw new InvalidMappingException(origin + ": 'placeholders' must be a mapping of name to values");
        }
        return new LogSourceMapping(yaml, origin, new Parsed(entries, ph));
    }

    private static SourceEntry entry(Object o, String where) {
        if (!(o instanceof Map)) {
            throw new InvalidMappingException(where + ": an entry must be a mapping");
        }
        Map<?, ?> m = (Map<?, ?>) o;
        Object ls = m.get("logsource");
        if (!(ls instanceof Map)) {
            throw new InvalidMappingException(where + ": 'logsource' (product/category/service) is required");
        }
        Map<?, ?> l = (Map<?, ?>) ls;
        LogSource sel = new LogSource(str(l.get("product")), str(l.get("category")), str(l.get("service")));
        Set<String> channels = new LinkedHashSet<>(strings(m.get("channel")));
        if (channels.isEmpty() && m.get("conditions") == null) {
            // Without a channel an entry is for logs that have none (Zeek, Suricata, syslog): it
            // must then say by a field which events it selects, or it would select them all.
            throw new InvalidMappingException(where + ": 'channel' is required ('*' for any Windows channel), "
                    + "or 'conditions' for logs without a Channel (such as {_path: dns} for Zeek)");
        }
        Set<Integer> ids = new LinkedHashSet<>();
        for (String s : strings(m.get("event_id"))) {
            try {
                ids.add(Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                throw new InvalidMappingException(where + ": event_id '" + s + "' is not a number", e);
            }
        }
        return new SourceEntry(sel, channels, ids, new LinkedHashSet<>(strings(m.get("provider"))),
                stringMap(m.get("conditions"), where + ".conditions"), stringMap(m.get("fields"), where + ".fields"));
    }

    private static Map<String, String> stringMap(Object o, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o == null) {
            return out;
        }
        if (!(o instanceof Map)) {
            throw new InvalidMappingException(where + " must be a mapping");
        }
        for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
            out.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        }
        return out;
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List) {
            for (Object x : (List<?>) o) {
                out.add(String.valueOf(x));
            }
        } else if (o != null) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The entries that apply to a rule's logsource, in file order; empty when unmapped. */
    public List<SourceEntry> entriesFor(LogSource ls) {
        List<SourceEntry> out = new ArrayList<>();
        for (SourceEntry e : parsed().entries()) {
            if (e.appliesTo(ls)) {
                out.add(e);
            }
        }
        return out;
    }

    public List<SourceEntry> entries() {
        return parsed().entries();
    }

    public Map<String, List<String>> placeholders() {
        return parsed().placeholders();
    }

    public String origin() {
        return origin;
    }

    /** The YAML this mapping was read from (part of the rule cache's key). */
    public String text() {
        return text;
    }
}
