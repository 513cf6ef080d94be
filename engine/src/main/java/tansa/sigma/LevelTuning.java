package tansa.sigma;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tansa.sigma.rule.RuleInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A site's levels for rules whose SigmaHQ level does not fit it: rule id to new level. Read from
 * YAML ({@code rules: {ID: LEVEL}} or a plain {@code ID: LEVEL} mapping) or from Hayabusa's
 * {@code level_tuning.txt} CSV ({@code id,new_level} header, then {@code ID,LEVEL} lines, {@code #}
 * comments); {@code info} is read as informational. The tuned level is the one {@code --min-level}
 * compares and the one detections report. Immutable.
 */
public final class LevelTuning {
    private final Map<String, Level> byId;

    private LevelTuning(Map<String, Level> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    public static final LevelTuning NONE = new LevelTuning(new HashMap<>());

    /** How many rule ids the file tunes. */
    public int size() {
        return byId.size();
    }

    /**
     * Loads a tuning file.
     *
     * @throws IllegalArgumentException naming the file and line of the first bad entry
     */
    public static LevelTuning load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (looksLikeCsv(text)) {
            return csv(file, text);
        }
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(file + ": not YAML nor id,new_level CSV: " + firstLine(e.getMessage()), e);
        }
        if (doc instanceof Map<?, ?> m && m.get("rules") instanceof Map<?, ?> rules) {
            doc = rules;
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": expected a mapping of rule id to level (rules: {ID: high})");
        }
        Map<String, Level> out = new HashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String id = String.valueOf(e.getKey()).trim();
            out.put(id, level(file, "rule " + id, String.valueOf(e.getValue())));
        }
        return new LevelTuning(out);
    }

    private static boolean looksLikeCsv(String text) {
        for (String l : text.split("\n", -1)) {
            String s = l.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            return s.contains(",") && !s.contains(":");
        }
        return false;
    }

    private static LevelTuning csv(Path file, String text) {
        Map<String, Level> out = new HashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i);
            int hash = s.indexOf('#');
            if (hash >= 0) {
                s = s.substring(0, hash);
            }
            s = s.strip();
            if (s.isEmpty() || s.toLowerCase(Locale.ROOT).replace(" ", "").equals("id,new_level")) {
                continue;
            }
            int comma = s.indexOf(',');
            if (comma <= 0) {
                throw new IllegalArgumentException(file + ": line " + (i + 1) + ": expected 'RULE_ID,LEVEL'");
            }
            out.put(s.substring(0, comma).strip(), level(file, "line " + (i + 1), s.substring(comma + 1).strip()));
        }
        return new LevelTuning(out);
    }

    private static Level level(Path file, String where, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Level l = t.equals("info") ? Level.INFORMATIONAL : Level.parseOrNull(t);
        if (l == null) {
            throw new IllegalArgumentException(file + ": " + where + ": level must be informational (info), low, medium, "
                    + "high or critical, not '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
        }
        return l;
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return s == null ? "" : nl < 0 ? s : s.substring(0, nl);
    }

    /** The rule as this site rates it. */
    public RuleInfo apply(RuleInfo r) {
        Level l = r.id() == null ? null : byId.get(r.id());
        if (l == null || l.label().equals(r.level())) {
            return r;
        }
        return new RuleInfo(r.id(), r.name(), r.title(), r.status(), l.label(), r.tags(), r.description(), r.file(),
                r.document());
    }

    /** The detection with its rule's tuned level. */
    public Detection apply(Detection d) {
        RuleInfo t = apply(d.rule());
        return t == d.rule() ? d : new Detection(t, d.timestamp(), d.computer(), d.channel(), d.eventId(), d.recordId(),
                d.source(), d.fields(), d.correlation());
    }

    /** A rule selection that judges the tuned rule. */
    public Predicate<RuleInfo> selecting(Predicate<RuleInfo> selection) {
        return byId.isEmpty() ? selection : r -> selection.test(apply(r));
    }
}
