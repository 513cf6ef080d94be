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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One case: on DuckDB a directory holding one file ({@value #FILE}); on PostgreSQL one schema
 * ({@code tansa_case_ID}) of a database that holds many cases, listed in {@code tansa.cases}. Both
 * hold the same tables, made by the same migration scripts; opening applies pending migrations.
 *
 * <p>DuckDB lets one process open a file; a second gets a lock error, which is turned into
 * {@link CaseInUseException} ("case DIR is in use by another tansa process"). PostgreSQL serves
 * many processes; {@link #lockForIngest()} keeps two ingests apart. Not thread-safe: one thread
 * uses a store at a time.
 */
public final class CaseStore implements AutoCloseable {
    /** The store's file name inside the case directory. */
    public static final String FILE = "case.duckdb";
    /** The PostgreSQL schema that lists the cases of a database. */
    static final String REGISTRY = "tansa";
    private static final long LOCK_BASE = 0x74616e7361L << 24; // "tansa": advisory lock keys of this program

    private final Path dir;
    private final Dialect dialect;
    private final long caseId;
    private final String label;
    private final Connection connection;
    /** False for a view over a connection its caller owns ({@link #over}): closing the view leaves it open. */
    private final boolean owned;
    /** Where a PostgreSQL case lives (for {@link #connectAgain}); null on DuckDB. */
    private PostgresUrl url;

    private CaseStore(Path dir, Dialect dialect, long caseId, String label, Connection connection) {
        this(dir, dialect, caseId, label, connection, true);
    }

    private CaseStore(Path dir, Dialect dialect, long caseId, String label, Connection connection, boolean owned) {
        this.dir = dir;
        this.dialect = dialect;
        this.caseId = caseId;
        this.label = label;
        this.connection = connection;
        this.owned = owned;
    }

    /**
     * A store over a connection to an embedded case that the caller opened, migrated and owns
     * (the console's pooled connections): for reading with the case's own queries (the report);
     * {@link #close} does not close the connection.
     */
    public static CaseStore over(Path dir, Connection connection) {
        return new CaseStore(dir, Dialect.DUCKDB, 0, "case " + dir, connection, false);
    }

    /** A store over a connection to a case of a PostgreSQL database (its search path on the case's schema) that the caller owns. */
    public static CaseStore overPostgres(long caseId, String label, Connection connection) {
        return new CaseStore(null, Dialect.POSTGRESQL, caseId, label, connection, false);
    }

    /**
     * Another connection to this PostgreSQL case (search path on its schema, UTC), owned by the
     * caller: the console's pool. Only for a store opened by {@link #open(String, String)}.
     */
    public Connection connectAgain() {
        if (url == null) {
            throw new IllegalStateException("connectAgain is for a case opened in PostgreSQL");
        }
        Connection c = connectPostgres(url);
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema(caseId));
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new CaseException("cannot connect to " + label + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** A case of a PostgreSQL database as {@code tansa.cases} lists it. */
    public record Entry(long id, String name, String createdAt, String createdBy) {
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
        CaseStore store = new CaseStore(dir, Dialect.DUCKDB, 0, "case " + dir, connect(dir, file));
        store.initialise(name, user, now);
        return store;
    }

    /** Opens an existing case (never creates one). */
    public static CaseStore open(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new CaseException(dir + " is not a case (no " + FILE + "); create one with 'tansa case init " + dir + "'");
        }
        CaseStore store = new CaseStore(dir, Dialect.DUCKDB, 0, "case " + dir, connect(dir, file));
        store.migrate();
        return store;
    }

    /** Creates a case named {@code name} in the PostgreSQL database {@code db}; refuses a name the database holds. */
    public static CaseStore create(String db, String name, String user, Instant now) {
        PostgresUrl url = PostgresUrl.parse(db);
        Connection c = connectPostgres(url);
        long id;
        try {
            c.setAutoCommit(false);
            registry(c);
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM " + REGISTRY + ".cases WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        throw new CaseException("case '" + name + "' already exists in " + url.shown() + " (id " + r.getLong(1)
                                + "); choose another name");
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + REGISTRY
                    + ".cases (name, created_at, created_by) VALUES (?, ?, ?) RETURNING id")) {
                p.setString(1, name);
                p.setString(2, now.toString());
                p.setString(3, user);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    id = r.getLong(1);
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema(id));
                s.execute("SET search_path TO " + schema(id));
            }
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e instanceof CaseException ce ? ce
                    : new CaseException("cannot create case '" + name + "' in " + url.shown() + ": " + firstLine(e.getMessage()), e);
        }
        CaseStore store = new CaseStore(null, Dialect.POSTGRESQL, id, "case '" + name + "' (id " + id + ") in " + url.shown(), c);
        store.initialise(name, user, now);
        return store;
    }

    /**
     * Opens a case of the PostgreSQL database {@code db} by id or name; {@code ref} null picks the
     * database's only case.
     */
    public static CaseStore open(String db, String ref) {
        PostgresUrl url = PostgresUrl.parse(db);
        Connection c = connectPostgres(url);
        try {
            List<Entry> cases = list(c);
            Entry found = null;
            if (ref == null) {
                if (cases.size() != 1) {
                    throw new CaseException(url.shown() + " holds " + cases.size() + " cases; pick one with --case-id ID|NAME"
                            + (cases.isEmpty() ? " after 'tansa case init --db URL --name NAME'" : " ('tansa case list --db URL')"));
                }
                found = cases.get(0);
            } else {
                for (Entry e : cases) {
                    if (e.name().equals(ref) || Long.toString(e.id()).equals(ref)) {
                        found = e;
                        break;
                    }
                }
                if (found == null) {
                    throw new CaseException(url.shown() + " holds no case with id or name '" + cap(ref)
                            + "' ('tansa case list --db URL' lists them)");
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("SET search_path TO " + schema(found.id()));
            }
            CaseStore store = new CaseStore(null, Dialect.POSTGRESQL, found.id(),
                    "case '" + found.name() + "' (id " + found.id() + ") in " + url.shown(), c);
            store.url = url;
            store.migrate();
            return store;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new CaseException("cannot open a case in " + url.shown() + ": " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** The cases of a PostgreSQL database, by id. */
    public static List<Entry> list(String db) {
        PostgresUrl url = PostgresUrl.parse(db);
        Connection c = connectPostgres(url);
        try {
            return list(c);
        } catch (SQLException e) {
            throw new CaseException("cannot list the cases in " + url.shown() + ": " + firstLine(e.getMessage()), e);
        } finally {
            closeQuietly(c);
        }
    }

    private static List<Entry> list(Connection c) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT to_regclass('" + REGISTRY + ".cases') IS NOT NULL")) {
            r.next();
            if (!r.getBoolean(1)) {
                return out;
            }
        }
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id, name, created_at, created_by FROM " + REGISTRY + ".cases ORDER BY id")) {
            while (r.next()) {
                out.add(new Entry(r.getLong(1), r.getString(2), r.getString(3), r.getString(4)));
            }
        }
        return out;
    }

    private static void registry(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + REGISTRY);
            s.execute("CREATE TABLE IF NOT EXISTS " + REGISTRY + ".cases (id BIGSERIAL PRIMARY KEY, name VARCHAR NOT NULL UNIQUE, "
                    + "created_at VARCHAR NOT NULL, created_by VARCHAR NOT NULL)");
        }
    }

    static String schema(long id) {
        return "tansa_case_" + id;
    }

    private void initialise(String name, String user, Instant now) {
        try {
            Migrations.migrate(connection, label);
            connection.setAutoCommit(false);
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO case_info VALUES (?, ?, ?)")) {
                p.setString(1, name);
                p.setString(2, now.toString());
                p.setString(3, user);
                p.executeUpdate();
            }
            Audit.append(connection, now, user, "case.create", name, null,
                    "{\"name\":" + Json.quote(name) + ",\"backend\":\"" + dialect.name().toLowerCase(Locale.ROOT) + "\"}");
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            if (dialect == Dialect.POSTGRESQL) {
                dropQuietly();
            }
            closeQuietly(connection);
            throw e instanceof CaseException ce ? ce : new CaseException("cannot create " + label + ": " + firstLine(e.getMessage()), e);
        }
    }

    private void dropQuietly() {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
            try (Statement s = connection.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema(caseId) + " CASCADE");
                s.execute("DELETE FROM " + REGISTRY + ".cases WHERE id = " + caseId);
            }
        } catch (SQLException e) {
            // the half-made case stays listed; the error that caused this is what the user needs
        }
    }

    private void migrate() {
        try {
            Migrations.migrate(connection, label);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e instanceof CaseException ce ? ce : new CaseException("cannot open " + label + ": " + firstLine(e.getMessage()), e);
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
        } catch (ExceptionInInitializerError | NoClassDefFoundError | UnsatisfiedLinkError e) {
            // the build puts DuckDB's native libraries (libduckdb_java.so_*) beside tansa-rest.jar
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new CaseException("cannot load DuckDB's native library (keep the libduckdb_java.so_* files of app/target "
                    + "beside tansa.jar and tansa-rest.jar): " + firstLine(String.valueOf(root.getMessage())), e);
        }
    }

    private static Connection connectPostgres(PostgresUrl url) {
        try {
            Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties());
            try (Statement s = c.createStatement()) {
                s.execute("SET TIME ZONE 'UTC'");
            }
            return c;
        } catch (SQLException e) {
            throw new CaseException("cannot connect to " + url.shown() + ": " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Keeps other ingests off this case until the store is closed. DuckDB: the file lock already
     * does. PostgreSQL: a session advisory lock on the case's id; a second ingest is refused.
     */
    public void lockForIngest() {
        if (dialect != Dialect.POSTGRESQL) {
            return;
        }
        try (PreparedStatement p = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            p.setLong(1, LOCK_BASE + caseId);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                if (!r.getBoolean(1)) {
                    throw new CaseInUseException(label + " is being ingested by another tansa process; try again when it is done", null);
                }
            }
        } catch (SQLException e) {
            throw new CaseException("cannot lock " + label + ": " + firstLine(e.getMessage()), e);
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String cap(String s) {
        return s.length() > 256 ? s.substring(0, 256) + "..." : s;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing after a failure: the failure is what is reported
        }
    }

    /** The case directory; null for a case in PostgreSQL. */
    public Path dir() {
        return dir;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The case's id in its PostgreSQL database; 0 on DuckDB. */
    public long caseId() {
        return caseId;
    }

    /** How messages name this case: "case DIR", or "case 'NAME' (id N) in postgresql://user@host:port/db". */
    public String label() {
        return label;
    }

    /**
     * The JDBC connection, its search path on the case's schema on PostgreSQL. For this package's
     * writers and readers and for the console's tables; whoever writes through it records the
     * change with {@link Audit#append} in the same transaction.
     */
    public Connection connection() {
        return connection;
    }

    public CaseStats stats() {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT (SELECT name FROM case_info LIMIT 1), "
                     + "(SELECT count(*) FROM evidence WHERE format <> 'UNKNOWN'), "
                     + "(SELECT count(*) FROM event), (SELECT count(*) FROM detection), "
                     + "(SELECT count(*) FROM attachment), (SELECT count(*) FROM scan_file), "
                     + "(SELECT count(*) FROM scan_finding), (SELECT count(*) FROM claim WHERE kind = 'claim'), "
                     + "(SELECT count(*) FROM audit_log)")) {
            r.next();
            return new CaseStats(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6),
                    r.getLong(7), r.getLong(8), r.getLong(9));
        } catch (SQLException e) {
            throw new CaseException("cannot read " + label + ": " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        if (!owned) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            throw new CaseException("cannot close " + label + ": " + firstLine(e.getMessage()), e);
        }
    }
}
