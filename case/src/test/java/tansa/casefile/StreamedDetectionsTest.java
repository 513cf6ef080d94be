package tansa.casefile;

import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Detections from a stream into a PostgreSQL case: written again (a replay after a restore), each stays once. */
class StreamedDetectionsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);

    private static StreamedDetections.Line line(String source, long record, String rule) {
        return new StreamedDetections.Line("{\"timestamp\":\"2016-09-19T16:50:06Z\",\"rule_id\":\"" + rule + "\",\"rule_title\":\"T "
                + rule + "\",\"level\":\"high\",\"status\":null,\"tags\":[\"attack.t1\"],\"computer\":\"PC\",\"channel\":\"Security\","
                + "\"event_id\":\"4624\",\"record_id\":" + record + ",\"source\":\"" + source + "\",\"fields\":{}}", rule,
                "user" + record);
    }

    @Test
    void aBatchWrittenTwiceLeavesEachDetectionOnceNumberedPerSource() throws Exception {
        String db = LocalPostgres.shared().newDatabase();
        CaseStore.create(db, "s", "tester", Instant.EPOCH).close();
        List<StreamedDetections.Line> first = List.of(line("/e/a.evtx", 1, "r1"), line("/e/a.evtx", 2, "r1"), line("/e/b.evtx", 1, "r2"));
        List<StreamedDetections.Line> replay = List.of(line("/e/a.evtx", 2, "r1"), line("/e/b.evtx", 1, "r2"), line("/e/a.evtx", 3, "r1"),
                line("/e/a.evtx", 3, "r1"));
        try (CaseStore store = CaseStore.open(db, "s")) {
            StreamedDetections w = new StreamedDetections(store, "kafka:events", "tester", CLOCK);
            assertEquals(3, w.write(first));
            assertEquals(1, w.write(replay), "only the new detection, once");
            List<String> rows = new ArrayList<>();
            try (Statement s = store.connection().createStatement();
                 ResultSet r = s.executeQuery("SELECT e.path, e.format, e.detections, d.seq, d.record_id, d.rule_id, d.tags, d.account "
                         + "FROM detection d JOIN evidence e ON e.id = d.evidence_id ORDER BY e.path, d.seq")) {
                while (r.next()) {
                    rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getLong(3) + " " + r.getLong(4) + " " + r.getLong(5)
                            + " " + r.getString(6) + " " + r.getString(7) + " " + r.getString(8));
                }
            }
            assertEquals(List.of("/e/a.evtx STREAM 3 0 1 r1 attack.t1 user1", "/e/a.evtx STREAM 3 1 2 r1 attack.t1 user2",
                    "/e/a.evtx STREAM 3 2 3 r1 attack.t1 user3", "/e/b.evtx STREAM 1 0 1 r2 attack.t1 user1"), rows);
            assertEquals(4, store.stats().detections());
        }
    }

    @Test
    void anEmbeddedCaseIsRefusedWithOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (CaseStore store = CaseStore.create(dir.resolve("c"), "c", "tester", Instant.EPOCH)) {
            CaseException e = assertThrows(CaseException.class, () -> new StreamedDetections(store, "kafka:x", "tester", CLOCK));
            assertEquals("case " + dir.resolve("c") + ": detections from a stream go into a PostgreSQL case (--db postgresql://...)",
                    e.getMessage());
        }
    }
}
