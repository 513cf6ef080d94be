import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;

/**
 * Copies an embedded case (e.g. the one bench/console.sh grew to 1,000,000 events) into a new case
 * of a PostgreSQL database, for bench/console.sh's PostgreSQL run: the case is created by tansa
 * (migrations, schema tansa_case_ID), then each table is exported by DuckDB as CSV and loaded with
 * COPY. Users and tokens are not copied: make them with {@code tansa user add --db URL --case-id
 * NAME} and {@code tansa token create --db URL --case-id NAME}.
 *
 *   java -cp app/target/tansa.jar bench/GenPostgresCase.java CASE_DIR postgresql://user@host:port/db NAME
 */
public class GenPostgresCase {
    static final String[] TABLES = {"evidence", "evidence_host", "event", "detection", "case_state"};

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String db = args[1];
        String name = args[2];
        Path tmp = Files.createTempDirectory("tansa-gen-pg-");
        long t0 = System.nanoTime();
        try (tansa.casefile.CaseStore pg = tansa.casefile.CaseStore.create(db, name, "bench", Instant.now());
             Connection duck = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("case.duckdb").toAbsolutePath());
             Statement ds = duck.createStatement()) {
            Connection c = pg.connection();
            var copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            for (String t : TABLES) {
                Path csv = tmp.resolve(t + ".csv");
                ds.execute("COPY " + t + " TO '" + csv + "' (FORMAT csv, HEADER false)");
                try (InputStream in = new FileInputStream(csv.toFile())) {
                    long n = copy.copyIn("COPY " + t + " FROM STDIN WITH (FORMAT csv)", in);
                    System.out.println(t + ": " + n + " rows");
                }
                Files.delete(csv);
            }
            try (Statement s = c.createStatement()) {
                s.execute("SELECT setval('evidence_ids', (SELECT max(id) FROM evidence))");
                s.execute("ANALYZE");
            }
            System.out.println(pg.label() + " made in " + (System.nanoTime() - t0) / 1_000_000_000 + " s");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
