package tansa.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills {@code detection.account} and {@code detection.tags} (schema version 6) for detections stored
 * before them, once, inside the migration's transaction: each detection's event is found as the
 * report used to find it (same file, record number and computer; the first such event), and the
 * columns are computed as ingest now computes them. New rows get them at ingest.
 */
final class QueryColumns {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int BATCH = 4096;

    private QueryColumns() {
    }

    static void backfill(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM detection")) {
            r.next();
            if (r.getLong(1) == 0) {
                return;
            }
        }
        boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        List<Object[]> rows = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE detection_backfill (evidence_id BIGINT, seq BIGINT, account VARCHAR, tags VARCHAR)");
        }
        try (PreparedStatement q = c.prepareStatement("SELECT d.evidence_id, d.seq, d.data, (SELECT e.data FROM event e "
                + "WHERE e.evidence_id = d.evidence_id AND e.record_id = d.record_id AND e.computer IS NOT DISTINCT FROM d.computer "
                + "LIMIT 1) FROM detection d");
             PreparedStatement in = c.prepareStatement("INSERT INTO detection_backfill VALUES (?, ?, ?, ?)")) {
            q.setFetchSize(2048);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    JsonNode det = parse(r.getString(3));
                    List<String> tags = new ArrayList<>();
                    if (det != null) {
                        det.path("tags").forEach(t -> tags.add(t.asText()));
                    }
                    String account = Accounts.of(parse(r.getString(4)));
                    if (postgres && account != null) {
                        account = account.replace('\u0000', '\uFFFD');
                    }
                    rows.add(new Object[] {r.getLong(1), r.getLong(2), account, Accounts.tags(tags)});
                }
            }
            for (int i = 0; i < rows.size(); i++) {
                Object[] row = rows.get(i);
                in.setLong(1, (Long) row[0]);
                in.setLong(2, (Long) row[1]);
                in.setString(3, (String) row[2]);
                in.setString(4, (String) row[3]);
                in.addBatch();
                if (i % BATCH == BATCH - 1) {
                    in.executeBatch();
                }
            }
            in.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("UPDATE detection SET account = b.account, tags = b.tags FROM detection_backfill b "
                    + "WHERE detection.evidence_id = b.evidence_id AND detection.seq = b.seq");
            s.execute("DROP TABLE detection_backfill");
        }
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            return null; // a damaged row keeps null columns, as the report left it out before
        }
    }
}
