import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Grows an ingested case to at least N events for bench/console.sh: copies its evidence, events
 * and detections K times, each copy on other evidence ids, its hosts renamed HOST-k and its
 * times shifted k days, so filters and paging meet a case of that size with realistic rows.
 *
 *   java -cp app/target/tansa.jar bench/GenConsoleCase.java CASE_DIR N
 */
public class GenConsoleCase {
    public static void main(String[] args) throws Exception {
        String file = args[0] + "/case.duckdb";
        long target = Long.parseLong(args[1]);
        // open once through tansa so the case is at the current schema version (columns added by migrations)
        tansa.casefile.CaseStore.open(java.nio.file.Path.of(args[0])).close();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
            long events;
            long maxId;
            try (ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM event), (SELECT max(id) FROM evidence)")) {
                r.next();
                events = r.getLong(1);
                maxId = r.getLong(2);
            }
            long copies = (target + events - 1) / events - 1;
            long stride = maxId + 1;
            try (PreparedStatement ev = c.prepareStatement("INSERT INTO evidence SELECT id + ?, path || '#' || ?, root, sha256, size, "
                    + "format, events, detections, problems, ingested_by, ingested_at, ingest_host FROM evidence WHERE id < ?");
                 PreparedStatement e = c.prepareStatement("INSERT INTO event SELECT evidence_id + ?, seq, ts + to_days(CAST(? AS INTEGER)), "
                         + "computer || '-' || ?, channel, event_id, record_id, provider, source, data FROM event WHERE evidence_id < ?");
                 PreparedStatement d = c.prepareStatement("INSERT INTO detection SELECT evidence_id + ?, seq, ts + to_days(CAST(? AS INTEGER)), "
                         + "rule_id, rule_title, level, computer || '-' || ?, channel, event_id, record_id, source, data, account, tags FROM detection "
                         + "WHERE evidence_id < ?")) {
                for (long k = 1; k <= copies; k++) {
                    long off = k * stride;
                    ev.setLong(1, off);
                    ev.setString(2, Long.toString(k));
                    ev.setLong(3, stride);
                    ev.executeUpdate();
                    for (PreparedStatement p : new PreparedStatement[] {e, d}) {
                        p.setLong(1, off);
                        p.setLong(2, k);
                        p.setString(3, Long.toString(k));
                        p.setLong(4, stride);
                        p.executeUpdate();
                    }
                }
            }
            try (ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM event), (SELECT count(*) FROM detection)")) {
                r.next();
                System.out.println("case " + args[0] + ": " + r.getLong(1) + " events, " + r.getLong(2) + " detections");
            }
        }
    }
}
