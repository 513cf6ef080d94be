package tansa.ioc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads indicator files, recognising each by its content: a STIX 2.x bundle (or a single indicator,
 * or an array of objects), a MISP event ({@code {"Event": ...}}, a REST search result
 * {@code {"response": [...]}}, or an array of events), a MISP feed directory ({@code manifest.json}
 * naming the event files; a directory without one: each file in it), CSV with a header or
 * without, and plain text lists (one value a line, type inferred, {@code #} comments). A bad
 * indicator or line is one problem and the rest loads; a file that is none of these is one problem.
 *
 * <p>Not thread-safe; one loader per load.
 */
public final class IocLoader {
    /** Largest indicator file read (they are read whole). */
    public static final long MAX_FILE_BYTES = 512L << 20;
    static final String DEFAULT_LEVEL = "high";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Indicator> byId = new LinkedHashMap<>();
    private final List<IocLoad.Problem> problems = new ArrayList<>();
    private final List<IocLoad.Problem> notes = new ArrayList<>();

    private IocLoader() {
    }

    /** Loads every path (files, or MISP feed directories) in order. */
    public static IocLoad load(List<Path> paths) {
        IocLoader l = new IocLoader();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                l.directory(p);
            } else {
                l.file(p);
            }
        }
        return new IocLoad(new ArrayList<>(l.byId.values()), l.problems, l.notes);
    }

    /** Loads indicator text given directly (tests, stdin); {@code name} stands for the file in messages. */
    public static IocLoad parse(String name, String text) {
        IocLoader l = new IocLoader();
        l.content(name, text);
        return new IocLoad(new ArrayList<>(l.byId.values()), l.problems, l.notes);
    }

    private void directory(Path dir) {
        Path manifest = dir.resolve("manifest.json");
        if (Files.isRegularFile(manifest)) {
            String text = read(manifest);
            if (text == null) {
                return;
            }
            JsonNode m;
            try {
                m = mapper.readTree(text);
            } catch (JsonProcessingException e) {
                problem(manifest.toString(), null, "not valid JSON: " + jsonError(e));
                return;
            }
            // A MISP feed: {"<event uuid>": {"info": ..., ...}, ...}, each event in <uuid>.json.
            List<String> uuids = new ArrayList<>();
            m.fieldNames().forEachRemaining(uuids::add);
            for (String uuid : uuids) {
                Path event = dir.resolve(uuid + ".json");
                if (!uuid.matches("[0-9a-fA-F-]{1,64}") || !Files.isRegularFile(event)) {
                    problem(manifest.toString(), null, "event " + Values.cut(uuid) + " is listed but " + event.getFileName()
                            + " is missing");
                    continue;
                }
                file(event);
            }
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            problem(dir.toString(), null, "cannot list the directory: " + e.getMessage());
            return;
        }
        for (Path f : files) {
            if (!f.getFileName().toString().equals("hashes.csv")) { // a MISP feed's index of attribute hashes, not indicators
                file(f);
            }
        }
    }

    private void file(Path p) {
        String text = read(p);
        if (text != null) {
            content(p.toString(), text);
        }
    }

    private String read(Path p) {
        try {
            if (Files.size(p) > MAX_FILE_BYTES) {
                problem(p.toString(), null, "larger than " + (MAX_FILE_BYTES >> 20) + " MiB (IocLoader.MAX_FILE_BYTES); skipped");
                return null;
            }
            String s = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (NoSuchFileException e) {
            problem(p.toString(), null, "no such file");
        } catch (IOException e) {
            problem(p.toString(), null, "cannot read: " + e.getMessage());
        }
        return null;
    }

    private void content(String file, String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i < text.length() && (text.charAt(i) == '{' || text.charAt(i) == '[')) {
            JsonNode root;
            try {
                root = mapper.readTree(text);
            } catch (JsonProcessingException e) {
                problem(file, null, "not valid JSON: " + jsonError(e));
                return;
            }
            json(file, root);
        } else {
            PlainLists.load(file, text, this);
        }
    }

    private void json(String file, JsonNode root) {
        if (root.isArray()) {
            for (JsonNode n : root) {
                if (n.has("Event")) {
                    MispEvents.event(file, n.get("Event"), this);
                } else if (n.has("type")) {
                    StixBundles.object(file, n, this);
                }
            }
            return;
        }
        if ("bundle".equals(root.path("type").asText()) || root.path("objects").isArray()) {
            for (JsonNode o : root.path("objects")) {
                StixBundles.object(file, o, this);
            }
        } else if ("indicator".equals(root.path("type").asText())) {
            StixBundles.object(file, root, this);
        } else if (root.has("Event")) {
            MispEvents.event(file, root.get("Event"), this);
        } else if (root.path("response").isArray()) {
            for (JsonNode n : root.get("response")) {
                MispEvents.event(file, n.has("Event") ? n.get("Event") : n, this);
            }
        } else {
            problem(file, null, "neither a STIX bundle nor a MISP event (no \"objects\" or \"Event\"); skipped");
        }
    }

    // ---- what the format readers call ----

    void add(Indicator i) {
        byId.putIfAbsent(i.id(), i);
    }

    void problem(String file, String where, String message) {
        problems.add(new IocLoad.Problem(file, where == null ? null : Values.cut(where), message));
    }

    void note(String file, String where, String message) {
        notes.add(new IocLoad.Problem(file, where, message));
    }

    /** Level from a STIX confidence (0-100): 0 informational, 1-29 low, 30-69 medium, 70-100 high (the None/Low/Med/High scale of STIX 2.1 appendix A). */
    static String levelOfConfidence(int c) {
        return c <= 0 ? "informational" : c < 30 ? "low" : c < 70 ? "medium" : "high";
    }

    /** Level from a column: a Sigma level word, a number as a confidence, or the default. */
    static String levelOf(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LEVEL;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("info")) {
            return "informational";
        }
        tansa.sigma.Level l = tansa.sigma.Level.parseOrNull(t);
        if (l != null) {
            return l.label();
        }
        try {
            return levelOfConfidence(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            return DEFAULT_LEVEL;
        }
    }

    /** Tags {@code ioc} and {@code ioc.TYPE} for each type the pattern uses, then {@code more}. */
    static List<String> tags(Pattern p, List<String> more) {
        Set<String> out = new LinkedHashSet<>();
        out.add("ioc");
        for (List<Pattern.Expr> conj : p.anyOf()) {
            for (Pattern.Expr e : conj) {
                types(e, out);
            }
        }
        out.addAll(more);
        return new ArrayList<>(out);
    }

    private static void types(Pattern.Expr e, Set<String> out) {
        if (e instanceof Pattern.Expr.Compare c) {
            out.add("ioc." + c.type().tag());
        } else if (e instanceof Pattern.Expr.All a) {
            a.parts().forEach(x -> types(x, out));
        } else {
            ((Pattern.Expr.Any) e).parts().forEach(x -> types(x, out));
        }
    }

    /** The first value a pattern compares with: what {@code IOC: value} titles show. */
    static String firstValue(Pattern p) {
        Pattern.Expr e = p.anyOf().get(0).get(0);
        while (!(e instanceof Pattern.Expr.Compare)) {
            e = e instanceof Pattern.Expr.All a ? a.parts().get(0) : ((Pattern.Expr.Any) e).parts().get(0);
        }
        return ((Pattern.Expr.Compare) e).values().get(0);
    }

    /** Counts for a note: {@code email-src 3, regkey 1}. */
    static String counts(TreeMap<String, Integer> m) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : m.entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            if (sb.length() > 200) {
                sb.append("...");
                break;
            }
            sb.append(Values.cut(e.getKey())).append(' ').append(e.getValue());
        }
        return sb.toString();
    }

    private static String jsonError(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        msg = msg == null ? "" : msg.lines().findFirst().orElse("");
        return Values.cut(msg) + (e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }
}
