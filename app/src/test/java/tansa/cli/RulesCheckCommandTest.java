package tansa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tansa rules check} as a user runs it: failures with file, id, YAML path and reason; exit codes. */
class RulesCheckCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run tansa(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(out, err, args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static final String GOOD = """
            title: good
            id: 11111111-1111-1111-1111-111111111111
            logsource: {product: windows, category: process_creation}
            detection:
                selection:
                    CommandLine|contains: ' -enc '
                condition: selection
            level: high
            """;

    static void badRules(Path dir) throws IOException {
        Files.writeString(dir.resolve("good.yml"), GOOD);
        Files.writeString(dir.resolve("bad_modifier.yml"), """
                title: bad modifier
                id: 22222222-2222-2222-2222-222222222222
                logsource: {product: windows, category: process_creation}
                detection:
                    selection:
                        CommandLine|contians: x
                    condition: selection
                """);
        Files.writeString(dir.resolve("bad_regex.yml"), """
                title: bad regex
                id: 33333333-3333-3333-3333-333333333333
                logsource: {product: windows, category: process_creation}
                detection:
                    selection:
                        CommandLine|re: '(?<=a)b'
                    condition: selection
                """);
        Files.writeString(dir.resolve("bad_yaml.yml"), "title: [unclosed\n  detection: {\n");
    }

    @Test
    void jsonListsEachFailingRuleWithFileIdPathAndReason() throws IOException {
        badRules(dir);
        Run r = tansa("rules", "check", dir.toString(), "--format", "json");
        assertEquals(1, r.code(), r.err());
        JsonNode j = MAPPER.readTree(r.out());
        assertEquals(1, j.get("loaded").asInt());
        assertEquals(3, j.get("failed").size());
        JsonNode mod = null;
        JsonNode re = null;
        for (JsonNode f : j.get("failed")) {
            if ("22222222-2222-2222-2222-222222222222".equals(f.path("id").asText())) {
                mod = f;
            }
            if ("33333333-3333-3333-3333-333333333333".equals(f.path("id").asText())) {
                re = f;
            }
        }
        assertEquals("detection.selection.CommandLine|contians", mod.get("path").asText());
        assertTrue(mod.get("reason").asText().contains("unknown modifier 'contians'"), mod.toString());
        assertTrue(mod.get("file").asText().endsWith("bad_modifier.yml"));
        assertEquals("detection.selection.CommandLine|re", re.get("path").asText());
    }

    @Test
    void exitsZeroWhenEveryRuleLoads() throws IOException {
        Files.writeString(dir.resolve("good.yml"), GOOD);
        Run r = tansa("rules", "check", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("1 of 1 rules loaded (100.00%), 0 failed"), r.out());
    }

    @Test
    void unknownFormatIsAUsageError() throws IOException {
        Files.writeString(dir.resolve("good.yml"), GOOD);
        Run r = tansa("rules", "check", dir.toString(), "--format", "xml");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--format must be text or json"), r.err());
    }

    @Test
    void missingPathIsOneLineNotAStackTrace() {
        Run r = tansa("rules", "check", dir.resolve("nope").toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void mappingPrintsTheDocumentedDefault() {
        Run r = tansa("rules", "mapping");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("NewProcessName"), "process_creation from Security 4688 renames Image");
        assertTrue(r.out().startsWith("# tansa log-source mapping"));
    }
}
