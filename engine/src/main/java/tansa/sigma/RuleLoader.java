package tansa.sigma;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.JsonSchema;
import tansa.sigma.rule.InvalidRuleException;
import tansa.sigma.rule.RuleParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads rule files ({@code .yml}/{@code .yaml}; directories recursively, in sorted order) into
 * parsed documents. A file that is not YAML or a document that is not a valid rule becomes a
 * {@link RuleProblem}; reading goes on.
 *
 * <p>YAML is read with the JSON schema, so unquoted {@code 0x10}, {@code yes} or {@code 010}
 * stay the strings the rule author wrote, while {@code 4688}, {@code true} and {@code null}
 * keep their types.
 */
final class RuleLoader {
    /** A rule file larger than this is refused (a rule is a few KiB; this bounds parsing work). */
    static final long MAX_FILE_BYTES = 4L << 20;

    private final List<LoadedDocument> documents = new ArrayList<>();
    private final List<RuleProblem> problems = new ArrayList<>();
    private int files;

    void load(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such rule file or directory: " + path);
        }
        if (Files.isDirectory(path)) {
            List<Path> all;
            try (Stream<Path> s = Files.walk(path)) {
                all = s.filter(Files::isRegularFile).filter(RuleLoader::isRuleFile).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list rule directory " + path, e);
            }
            loadAll(all);
        } else {
            loadAll(List.of(path));
        }
    }

    /** Parses files on all cores (YAML parsing dominates loading); results keep the sorted order. */
    private void loadAll(List<Path> paths) {
        List<RuleLoader> parts = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            parts.add(new RuleLoader());
        }
        java.util.stream.IntStream.range(0, paths.size()).parallel().forEach(i -> parts.get(i).loadFile(paths.get(i)));
        for (RuleLoader r : parts) {
            documents.addAll(r.documents);
            problems.addAll(r.problems);
            files += r.files;
        }
    }

    static boolean isRuleFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yml") || n.endsWith(".yaml");
    }

    private void loadFile(Path p) {
        files++;
        String file = p.toString();
        String text;
        try {
            if (Files.size(p) > MAX_FILE_BYTES) {
                problems.add(new RuleProblem(file, null, "", "file larger than " + (MAX_FILE_BYTES >> 20) + " MiB"));
                return;
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(p))).toString();
        } catch (CharacterCodingException e) {
            problems.add(new RuleProblem(file, null, "", "not UTF-8 text"));
            return;
        } catch (IOException e) {
            problems.add(new RuleProblem(file, null, "", "cannot read: " + e.getMessage()));
            return;
        }
        List<Object> docs = new ArrayList<>();
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(file).setSchema(new JsonSchema())
                    .setAllowDuplicateKeys(false).setBufferSize(text.length() + 16).build();
            for (Object d : new Load(settings).loadAllFromString(text)) {
                docs.add(d);
            }
        } catch (YamlEngineException e) {
            problems.add(new RuleProblem(file, null, "", "invalid YAML: " + yamlMessage(e)));
            return;
        } catch (RuntimeException e) {
            // A YAML library failure on hostile input is this file's problem, not the run's.
            problems.add(new RuleProblem(file, null, "", "unreadable YAML (" + e.getClass().getSimpleName() + ")"));
            return;
        }
        int index = 0;
        for (Object d : docs) {
            if (d == null) {
                index++;
                continue;
            }
            try {
                documents.add(new LoadedDocument(RuleParser.parse(d, file, index), file));
            } catch (InvalidRuleException e) {
                problems.add(new RuleProblem(file, idOf(d), e.path(), e.getMessage()));
            }
            index++;
        }
    }

    private static String yamlMessage(YamlEngineException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof MarkedYamlEngineException) {
            MarkedYamlEngineException me = (MarkedYamlEngineException) e;
            String p = me.getProblem();
            String where = me.getProblemMark().map(mk -> " at line " + (mk.getLine() + 1) + ", column " + (mk.getColumn() + 1))
                    .orElse("");
            m = (me.getContext() == null ? "" : me.getContext() + ", ") + p + where;
        }
        m = m.replace('\n', ' ');
        return m.length() > 240 ? m.substring(0, 240) + "..." : m;
    }

    static String idOf(Object doc) {
        if (doc instanceof Map) {
            Object id = ((Map<?, ?>) doc).get("id");
            return id == null ? null : String.valueOf(id);
        }
        return null;
    }

    List<LoadedDocument> documents() {
        return documents;
    }

    List<RuleProblem> problems() {
        return problems;
    }

    int files() {
        return files;
    }
}
