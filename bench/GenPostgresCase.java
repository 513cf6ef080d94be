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
 * COPY. The console's users and tokens are copied too, so the same token signs in.
 *
 *   java -cp app/target/tansa.jar bench/GenPostgresCase.java CASE_DIR postgresql://user@host:port/db NAME
 *   java -cp app/target/tansa.jar bench/GenPostgresCase.java CASE_DIR postgresql://... NAME users
 *       (the case exists: replace only its users and tokens with the embedded case's)
 */
public class GenPostgresCase {
    static final String[] TABLES = {"evidence", "evidence_host", "event", "detection", "console_user", "console_token", "case_state"};

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String db = args[1];
        String name = args[2];
        boolean usersOnly = args.length > 3 && args[3].equals("users");
        Path tmp = Files.createTempDirectory("tansa-gen-pg-");
        long t0 = System.nanoTime();
        try (tansa.casefile.CaseStore pg = usersOnly ? tansa.casefile.CaseStore.open(db, name)
                : tansa.casefile.CaseStore.create(db, name, "bench", Instant.now());
             Connection duck = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("case.duckdb").toAbsolutePath());
             Statement ds = duck.createStatement()) {
            Connection c = pg.connection();
            var copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            for (String t : usersOnly ? new String[] {"console_user", "console_token"} : TABLES) {
                if (usersOnly) {
                    try (Statement s = c.createStatement()) {
                        s.execute("DELETE FROM " + t);
                    }
                }
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
