package tansa.exposure.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import tansa.exposure.detect.FindingType;
import tansa.exposure.scan.FileStatus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Picks up an interrupted JSONL scan: keeps the output up to the last top-level file record (which
 * closes everything belonging to that file), drops any partial file and any old summary, and
 * replays the kept records into a {@link Summary} so the final counts cover both runs.
 */
public final class ResumeState {
    private final Set<String> done = new HashSet<>();
    private final Summary summary = new Summary();

    private ResumeState() {
    }

    public Set<String> done() {
        return done;
    }

    public Summary summary() {
        return summary;
    }

    /** Reads and truncates {@code output} in place; a missing file is an empty state. */
    public static ResumeState load(Path output) throws IOException {
        ResumeState st = new ResumeState();
        if (!Files.exists(output)) {
            return st;
        }
        ObjectMapper om = new ObjectMapper();
        long keep = 0;
        long pos = 0;
        java.util.List<JsonNode> pending = new java.util.ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(output, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                pos += line.getBytes(StandardCharsets.UTF_8).length + 1;
                JsonNode node;
                try {
                    node = om.readTree(line);
                } catch (IOException e) {
                    break; // a line cut by the interruption: everything after the last closed file is redone
                }
                if (node == null || !node.has("kind")) {
                    throw new IllegalArgumentException(output + ":" + n + ": not a tansa scan record; refusing to resume into it");
                }
                String kind = node.get("kind").asText();
                if (kind.equals("summary")) {
                    break;
                }
                pending.add(node);
                if (kind.equals("file") && !node.get("path").asText().contains("!/")) {
                    for (JsonNode p : pending) {
                        replay(st, p);
                    }
                    pending.clear();
                    st.done.add(node.get("path").asText());
                    keep = pos;
                }
            }
        }
        try (RandomAccessFile raf = new RandomAccessFile(output.toFile(), "rw")) {
            raf.setLength(Math.min(keep, raf.length()));
        }
        return st;
    }

    private static void replay(ResumeState st, JsonNode n) {
        if (n.get("kind").asText().equals("finding")) {
            JsonNode label = n.get("label");
            st.summary.finding(FindingType.byId(n.get("type").asText()), label == null || label.isNull() ? null : label.asText(),
                    n.get("value_sha256").asText());
        } else {
            String path = n.get("path").asText();
            st.summary.file(FileStatus.byId(n.get("status").asText()), !path.contains("!/"));
        }
    }
}
