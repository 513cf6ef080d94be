package tansa.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.casefile.CaseStore;
import tansa.casefile.LocalPostgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The detections index against a naive reference on both backends: random detections are stored in
 * a real case (DuckDB file, local PostgreSQL), then every filter's total and pages from the index
 * are compared with the rows filtered and sorted in Java; keyset pages (after=) are compared with
 * offset pages; searches that the token index answers alone and ones the database's ILIKE answers
 * are both checked against a substring count taken here.
 */
class DetectionIndexTest {
    private static final String[] WORDS = {"mimikatz", "Invoke-Mimikatz", "powershell.exe", "C:\\Windows\\System32\\cmd.exe",
        "100%", "lsass_dump", "net user /add", "攻撃者", "rundll32", "4624", "whoami", "PsExec"};
    private static final String[] LEVELS = {"critical", "high", "medium", "low", "informational"};
    private static final String[] ACCOUNTS = {"admmig", "alice", "bob", "SYSTEM", "-"};
    @TempDir
    Path tmp;

    /** One stored detection as the reference sees it. */
    record Row(long evidence, long seq, Instant ts, String level, String ruleId, String ruleTitle, String computer, String data) {
    }

    @Test
    void filtersSearchAndPagesEqualTheReferenceOnDuckdb() throws Exception {
        try (CaseStore store = CaseStore.create(tmp.resolve("case"), "t", "tester", Instant.EPOCH)) {
            check(store.connection());
        }
    }

    @Test
    void filtersSearchAndPagesEqualTheReferenceOnPostgresql() throws Exception {
        Assumptions.assumeTrue(LocalPostgres.available(), "PostgreSQL 15 is not installed (scripts/setup --tests)");
        try (CaseStore store = CaseStore.create(LocalPostgres.shared().newDatabase(), "t", "tester", Instant.EPOCH)) {
            check(store.connection());
        }
    }

    private static void check(Connection c) throws Exception {
        long seed = System.nanoTime();
        System.out.println("DetectionIndexTest seed " + seed);
        List<Row> rows = store(c, new Random(seed), 2500);
        rows.sort(Comparator.comparing((Row r) -> r.ts() == null ? Instant.MAX : r.ts()).thenComparingLong(Row::evidence)
                .thenComparingLong(Row::seq));
        DetectionIndex ix = DetectionIndex.load(c);
        assertEquals(rows.size(), ix.n);
        Row some = rows.get(rows.size() / 2);
        Map<String, Predicate<Row>> cases = new java.util.LinkedHashMap<>();
        cases.put("", r -> true);
        cases.put("level=high", r -> "high".equals(r.level()));
        cases.put("host=" + some.computer(), r -> some.computer().equals(r.computer()));
        cases.put("rule=" + some.ruleTitle(), r -> some.ruleTitle().equals(r.ruleTitle()) || some.ruleTitle().equals(r.ruleId()));
        cases.put("rule=" + some.ruleId(), r -> some.ruleId().equals(r.ruleTitle()) || some.ruleId().equals(r.ruleId()));
        cases.put("account=admmig", r -> account(r, "admmig"));
        cases.put("level=nosuch", r -> false);
        cases.put("from=2026-03-01&to=2026-03-05", r -> r.ts() != null && !r.ts().isBefore(Instant.parse("2026-03-01T00:00:00Z"))
                && r.ts().isBefore(Instant.parse("2026-03-05T00:00:00Z")));
        cases.put("from=2026-03-02", r -> r.ts() != null && !r.ts().isBefore(Instant.parse("2026-03-02T00:00:00Z")));
        for (String q : new String[] {"mimikatz", "MIMI", "katz", "4624", "exe", "zzzz", "C:\\Windows\\System32", "100%", "_dump",
            "net user", "攻撃", "%", "powershell.exe"}) {
            String needle = DetectionFilter.jsonText(q).toLowerCase(Locale.ROOT);
            cases.put("q=" + q, r -> r.data().toLowerCase(Locale.ROOT).contains(needle));
        }
        cases.put("q=mimikatz&level=high&host=" + some.computer(), r -> r.data().toLowerCase(Locale.ROOT).contains("mimikatz")
                && "high".equals(r.level()) && some.computer().equals(r.computer()));
        for (Map.Entry<String, Predicate<Row>> e : cases.entrySet()) {
            List<String> want = rows.stream().filter(e.getValue()).map(r -> r.evidence() + "-" + r.seq()).toList();
            assertTrue(!want.isEmpty() || e.getKey().contains("nosuch") || e.getKey().contains("zzzz"), e.getKey() + " finds nothing");
            // offset pages of 37, joined
            List<String> byOffset = new ArrayList<>();
            long total = -1;
            for (long offset = 0; offset < want.size() + 37; offset += 37) {
                DetectionIndex.Hits h = run(c, ix, e.getKey() + "&limit=37&offset=" + offset, -1);
                total = h.total();
                assertEquals(Math.min(offset, want.size()), h.before(), e.getKey() + " before at offset " + offset);
                for (int row : h.rows()) {
                    byOffset.add(ix.evidence[row] + "-" + ix.seq[row]);
                }
            }
            assertEquals(want.size(), total, e.getKey() + " total");
            assertEquals(want, byOffset, e.getKey() + " offset pages");
            // keyset pages of 37, each after the last row of the one before
            List<String> byKey = new ArrayList<>();
            int after = -1;
            while (true) {
                DetectionIndex.Hits h = run(c, ix, e.getKey() + "&limit=37", after);
                assertEquals(want.size(), h.total(), e.getKey() + " total with after");
                assertEquals(byKey.size(), h.before(), e.getKey() + " before with after");
                for (int row : h.rows()) {
                    byKey.add(ix.evidence[row] + "-" + ix.seq[row]);
                }
                if (h.rows().length < 37) {
                    break;
                }
                after = h.rows()[h.rows().length - 1];
            }
            assertEquals(byOffset, byKey, e.getKey() + " keyset pages equal offset pages");
        }
    }

    private static DetectionIndex.Hits run(Connection c, DetectionIndex ix, String query, int afterRow) throws Exception {
        Map<String, List<String>> params = new HashMap<>();
        for (String kv : query.split("&")) {
            if (!kv.isEmpty()) {
                int eq = kv.indexOf('=');
                params.put(kv.substring(0, eq), List.of(kv.substring(eq + 1)));
            }
        }
        DetectionFilter f = DetectionFilter.parse(params);
        long[] search = f.q() == null ? null : ix.rowsWith(c, DetectionFilter.jsonText(f.q()));
        return ix.run(ix.new Query(f, search), f.limit(), f.offset(), afterRow, -1);
    }

    private static boolean account(Row r, String name) {
        JsonNode fields = Pages.parse(r.data()).path("fields");
        for (String f : DetectionFilter.ACCOUNT_FIELDS) {
            if (name.equals(fields.path(f).asText(null))) {
                return true;
            }
        }
        return false;
    }

    /** {@code n} random detections over 12 evidence files, some undated, many sharing a time (the key breaks ties). */
    static List<Row> store(Connection c, Random rnd, int n) throws Exception {
        return store(c, rnd, n, 0);
    }

    /** The same with evidence ids from {@code firstEvidence + 1}. */
    static List<Row> store(Connection c, Random rnd, int n, long firstEvidence) throws Exception {
        List<Row> out = new ArrayList<>();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO detection (evidence_id, seq, ts, rule_id, rule_title, level, computer, "
                + "channel, event_id, record_id, source, data) VALUES (?, ?, ?, ?, ?, ?, ?, 'Security', '4624', ?, 'x.evtx', ?)")) {
            long[] seqs = new long[13];
            for (int i = 0; i < n; i++) {
                int file = 1 + rnd.nextInt(12);
                long ev = firstEvidence + file;
                long seq = seqs[file]++;
                Instant ts = rnd.nextInt(20) == 0 ? null
                        : Instant.parse("2026-03-01T00:00:00Z").plusSeconds(3600L * rnd.nextInt(24 * 8));
                String level = LEVELS[rnd.nextInt(LEVELS.length)];
                int rule = rnd.nextInt(9);
                String ruleId = "00000000-0000-0000-0000-00000000000" + rule;
                String title = "Rule " + rule;
                String host = "HOST-" + rnd.nextInt(7);
                ObjectNode d = Json.MAPPER.createObjectNode();
                d.put("timestamp", ts == null ? null : ts.toString());
                d.put("rule_id", ruleId);
                d.put("rule_title", title);
                d.put("level", level);
                d.put("computer", host);
                ObjectNode fields = d.putObject("fields");
                if (rnd.nextBoolean()) {
                    fields.put(DetectionFilter.ACCOUNT_FIELDS.get(rnd.nextInt(DetectionFilter.ACCOUNT_FIELDS.size())),
                            ACCOUNTS[rnd.nextInt(ACCOUNTS.length)]);
                }
                StringBuilder line = new StringBuilder();
                for (int w = rnd.nextInt(4); w >= 0; w--) {
                    line.append(WORDS[rnd.nextInt(WORDS.length)]).append(rnd.nextBoolean() ? " " : "");
                }
                fields.put("CommandLine", line.toString());
                String data = d.toString();
                p.setLong(1, ev);
                p.setLong(2, seq);
                p.setObject(3, ts == null ? null : LocalDateTime.ofInstant(ts, ZoneOffset.UTC));
                p.setString(4, ruleId);
                p.setString(5, title);
                p.setString(6, level);
                p.setString(7, host);
                p.setLong(8, i);
                p.setString(9, data);
                p.addBatch();
                out.add(new Row(ev, seq, ts, level, ruleId, title, host, data));
            }
            p.executeBatch();
        }
        c.commit();
        c.setAutoCommit(auto);
        return out;
    }
}
