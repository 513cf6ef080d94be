package tansa.casefile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;

/**
 * One case on disk: a directory holding one DuckDB file ({@value #FILE}) with the evidence
 * registry, events and detections. Opening applies pending schema migrations.
 *
 * <p>DuckDB lets one process open a file for writing; a second gets a lock error, which is turned
 * into {@link CaseInUseException} ("case DIR is in use by another tansa process"). Not
 * thread-safe: one thread uses a store at a time.
 */
public final class CaseStore implements AutoCloseable {
    /** The store's file name inside the case directory. */
    public static final String FILE = "case.duckdb";

    private final Path dir;
    private final Connection connection;

    private CaseStore(Path dir, Connection connection) {
        this.dir = dir;
        this.connection = connection;
    }

    /** Creates the case directory (if needed) and its store; refuses a directory that already holds a case. */
    public static CaseStore create(Path dir, String name, String user, Instant now) {
        Path file = dir.resolve(FILE);
        if (Files.exists(file)) {
            throw new CaseException("case " + dir + " already exists (" + file + "); choose another directory");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CaseException(dir + " exists and is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CaseException("cannot create case directory " + dir + ": " + e.getMessage(), e);
        }
        CaseStore store = new CaseStore(dir, connect(dir, file));
        try {
            Migrations.migrate(store.connection, "case " + dir);
            try (PreparedStatement p = store.connection.prepareStatement("INSERT INTO case_info VALUES (?, ?, ?)")) {
                p.setString(1, name);
                p.setString(2, now.toString());
                p.setString(3, user);
                p.executeUpdate();
            }
            return store;
        } catch (SQLException | RuntimeException e) {
            store.close();
            throw e instanceof CaseException ? (CaseException) e : new CaseException("cannot create case " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Opens an existing case (never creates one). */
    public static CaseStore open(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new CaseException(dir + " is not a case (no " + FILE + "); create one with 'tansa case init " + dir + "'");
        }
        CaseStore store = new CaseStore(dir, connect(dir, file));
        try {
            Migrations.migrate(store.connection, "case " + dir);
            return store;
        } catch (SQLException | RuntimeException e) {
            store.close();
            throw e instanceof CaseException ? (CaseException) e : new CaseException("cannot open case " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path dir, Path file) {
        try {
            return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("could not set lock") || m.contains("conflicting lock")) {
                throw new CaseInUseException("case " + dir + " is in use by another tansa process", e);
            }
            throw new CaseException("cannot open case " + dir + ": " + firstLine(e.getMessage()), e);
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public Path dir() {
        return dir;
    }

    /** The JDBC connection; for this package's writers and readers. */
    Connection connection() {
        return connection;
    }

    public CaseStats stats() {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT (SELECT name FROM case_info LIMIT 1), "
                     + "(SELECT count(*) FROM evidence WHERE format <> 'UNKNOWN'), "
                     + "(SELECT count(*) FROM event), (SELECT count(*) FROM detection)")) {
            r.next();
            return new CaseStats(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4));
        } catch (SQLException e) {
            throw new CaseException("cannot read case " + dir + ": " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new CaseException("cannot close case " + dir + ": " + firstLine(e.getMessage()), e);
        }
    }
}
