package tansa.exposure.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import tansa.exposure.scan.FileRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The files of a {@code tansa scan} JSONL output, by base name and by SHA-256, with their findings. */
public final class ScanIndex {
    /** One scanned file or member. */
    public record Entry(String path, long size, String sha256) {
    }

    private final Map<String, List<Entry>> byName = new HashMap<>();
    private final Map<String, Entry> bySha = new HashMap<>();
    private final Map<String, Map<String, Integer>> findings = new HashMap<>();

    /**
     * @throws IllegalArgumentException naming the file and line that is not a scan record
     */
    public static ScanIndex load(Path scan) throws IOException {
        ScanIndex ix = new ScanIndex();
        ObjectMapper om = new ObjectMapper();
        try (BufferedReader r = Files.newBufferedReader(scan, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = om.readTree(line);
                } catch (IOException e) {
                    throw new IllegalArgumentException(scan + ":" + n + ": not JSON; expected the JSONL output of 'tansa scan'");
                }
                String kind = node.path("kind").asText("");
                if (kind.equals("file") && node.path("mime").asText("").equals(FileRecord.DIRECTORY)) {
                    continue; // a directory the scan could not go into: no file to match a claim
                } else if (kind.equals("file")) {
                    Entry e = new Entry(node.path("path").asText(), node.path("size").asLong(-1),
                            node.path("sha256").isTextual() ? node.get("sha256").asText() : null);
                    ix.add(e);
                } else if (kind.equals("finding")) {
                    ix.findings.computeIfAbsent(node.path("path").asText(), p -> new TreeMap<>())
                            .merge(node.path("type").asText(), 1, Integer::sum);
                } else if (!kind.equals("summary")) {
                    throw new IllegalArgumentException(scan + ":" + n + ": record kind '" + cap(kind) + "' is not a scan record");
                }
            }
        }
        return ix;
    }

    private static String cap(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    void add(Entry e) {
        byName.computeIfAbsent(baseName(e.path()), k -> new ArrayList<>()).add(e);
        if (e.sha256() != null) {
            bySha.putIfAbsent(e.sha256(), e);
        }
    }

    /**
     * The last component of a POSIX, Windows, UNC or archive-member path, lower-cased and in Unicode
     * NFC (macOS writes Japanese names decomposed, Windows composed).
     */
    static String baseName(String path) {
        String p = path.strip();
        while (p.endsWith("/") || p.endsWith("\\")) {
            p = p.substring(0, p.length() - 1);
        }
        int cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
        String name = p.substring(cut + 1).toLowerCase(Locale.ROOT);
        return Normalizer.isNormalized(name, Normalizer.Form.NFC) ? name : Normalizer.normalize(name, Normalizer.Form.NFC);
    }

    List<Entry> named(String name) {
        return byName.getOrDefault(name, List.of());
    }

    Entry withSha(String sha) {
        return bySha.get(sha);
    }

    Map<String, Integer> findingsOf(String path) {
        return findings.getOrDefault(path, Map.of());
    }
}
