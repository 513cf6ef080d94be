package tansa.sigma;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.JsonSchema;
import tansa.sigma.rule.InvalidRuleException;
import tansa.sigma.rule.RuleParser;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

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

    /**
     * One rule file as read: its bytes and their SHA-256 (part of the rule cache's key), or the
     * problem that kept them from being read.
     */
    record Source(String file, byte[] bytes, byte[] digest, RuleProblem problem) {
    }

    /**
     * A rule file found by {@link #list}, with what the directory walk saw of it: its size,
     * modification time (nanoseconds since the epoch) and file key (device and inode where the
     * file system has them; null elsewhere).
     */
    record Listed(Path path, long size, long modified, Object fileKey) {
        Listed(Path path, BasicFileAttributes a) {
            this(path, a.isRegularFile() ? a.size() : -1, a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.fileKey());
        }
    }

    private final List<LoadedDocument> documents = new ArrayList<>();
    private final List<RuleProblem> problems = new ArrayList<>();
    private int files;

    private RuleLoader() {
    }

    /**
     * The rule files under {@code paths}, in load order: each path's files (directories
     * recursively, {@code .yml}/{@code .yaml} only) sorted, paths in the order given.
     */
    static List<Listed> list(List<Path> paths) {
        List<Listed> out = new ArrayList<>();
        for (Path path : paths) {
            BasicFileAttributes top;
            try {
                top = Files.readAttributes(path, BasicFileAttributes.class);
            } catch (IOException e) {
                throw new IllegalArgumentException("no such rule file or directory: " + path);
            }
            if (!top.isDirectory()) {
                out.add(new Listed(path, top));
                continue;
            }
            // One walk that keeps each file's attributes: no second stat per file.
            List<Listed> found = new ArrayList<>();
            try {
                Files.walkFileTree(path, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && isRuleFile(file)) {
                            found.add(new Listed(file, attrs));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list rule directory " + path, e);
            }
            found.sort(Comparator.comparing(Listed::path));
            out.addAll(found);
        }
        return out;
    }

    /** Reads (and digests) every file on all cores; a file too large or unreadable becomes its problem. */
    static List<Source> read(List<Listed> files) {
        Source[] out = new Source[files.size()];
        IntStream.range(0, out.length).parallel().forEach(i -> out[i] = read(files.get(i)));
        return Arrays.asList(out);
    }

    /** RandomAccessFile rather than Files.readAllBytes: for 3,780 small files, less than half the time. */
    private static Source read(Listed l) {
        String file = l.path().toString();
        String tooLarge = "file larger than " + (MAX_FILE_BYTES >> 20) + " MiB";
        if (l.size() > MAX_FILE_BYTES) {
            return new Source(file, null, null, new RuleProblem(file, null, "", tooLarge));
        }
        try (RandomAccessFile f = new RandomAccessFile(l.path().toFile(), "r")) {
            long length = f.length();
            if (length > MAX_FILE_BYTES) {
                return new Source(file, null, null, new RuleProblem(file, null, "", tooLarge));
            }
            byte[] b = new byte[(int) length];
            f.readFully(b);
            return new Source(file, b, sha256(b), null);
        } catch (IOException e) {
            return new Source(file, null, null, new RuleProblem(file, null, "", "cannot read: " + e.getMessage()));
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /**
     * Parses the files on all cores (YAML parsing dominates a cold load); the result keeps the
     * files' order. {@code done} is told after each file.
     */
    static RuleLoader parse(List<Source> sources, Runnable done) {
        RuleLoader[] parts = new RuleLoader[sources.size()];
        IntStream.range(0, parts.length).parallel().forEach(i -> {
            RuleLoader r = new RuleLoader();
            r.loadFile(sources.get(i));
            parts[i] = r;
            done.run();
        });
        RuleLoader all = new RuleLoader();
        for (RuleLoader r : parts) {
            all.documents.addAll(r.documents);
            all.problems.addAll(r.problems);
            all.files += r.files;
        }
        return all;
    }

    static boolean isRuleFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yml") || n.endsWith(".yaml");
    }

    private void loadFile(Source src) {
        files++;
        String file = src.file();
        if (src.problem() != null) {
            problems.add(src.problem());
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(src.bytes())).toString();
        } catch (CharacterCodingException e) {
            problems.add(new RuleProblem(file, null, "", "not UTF-8 text"));
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
