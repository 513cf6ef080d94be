package tansa.console;

import org.duckdb.DuckDBConnection;
import tansa.casefile.CaseException;
import tansa.casefile.CaseInUseException;
import tansa.casefile.CaseStore;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The console's handle on one case's store: opened once (through {@link CaseStore#open}, which
 * applies pending migrations), then a fixed pool of connections so that requests read in
 * parallel: on DuckDB duplicated from one database instance, on PostgreSQL one session each on
 * the case's schema. Thread-safe: each call borrows a connection for its duration.
 *
 * <p>While the server holds an embedded store, another process's {@code tansa ingest} on the case is
 * refused with "case DIR is in use" (DuckDB's file lock); it never corrupts it. A PostgreSQL case
 * can be ingested while it is served; {@link #version} tells readers that cache when it changed.
 */
public final class CaseDatabase implements AutoCloseable {
    /** A unit of work on a borrowed connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Path dir;
    private final DuckDBConnection root;
    private final BlockingQueue<Connection> pool;
    private final String label;
    private final String slug;
    private final long caseId;
    private final List<Connection> all;
    /**
     * Writes one at a time: every write appends to the audit chain, whose head row two concurrent
     * DuckDB transactions would both update (the second would fail with a write conflict).
     */
    private final java.util.concurrent.locks.ReentrantLock writing = new java.util.concurrent.locks.ReentrantLock();

    private CaseDatabase(Path dir, DuckDBConnection root, BlockingQueue<Connection> pool, String label, String slug, long caseId) {
        this.dir = dir;
        this.root = root;
        this.pool = pool;
        this.label = label;
        this.slug = slug;
        this.caseId = caseId;
        this.all = List.copyOf(pool);
    }

    /** Opens the case at {@code dir} with {@code connections} pooled connections. */
    public static CaseDatabase open(Path dir, int connections) {
        CaseStore.open(dir).close(); // the case's own checks and migrations, then the file is ours
        DuckDBConnection root;
        try {
            root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(CaseStore.FILE).toAbsolutePath());
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("lock")) {
                throw new CaseInUseException("case " + dir + " is in use by another tansa process", e);
            }
            throw new CaseException("cannot open case " + dir + ": " + firstLine(e.getMessage()), e);
        }
        BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(connections);
        try {
            for (int i = 0; i < connections; i++) {
                pool.add(root.duplicate());
            }
        } catch (SQLException e) {
            throw new CaseException("cannot open case " + dir + ": " + firstLine(e.getMessage()), e);
        }
        return new CaseDatabase(dir, root, pool, "case " + dir, ConsoleServer.slug(dir), 0);
    }

    /**
     * Opens the case {@code ref} (id or name; null: the only one) of the PostgreSQL database
     * {@code db} with {@code connections} pooled sessions.
     */
    public static CaseDatabase open(String db, String ref, int connections) {
        CaseStore store = CaseStore.open(db, ref);
        BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(connections);
        String name;
        try {
            pool.add(store.connection());
            try (java.sql.PreparedStatement p = store.connection().prepareStatement("SELECT name FROM case_info LIMIT 1");
                 java.sql.ResultSet r = p.executeQuery()) {
                name = r.next() ? r.getString(1) : "case-" + store.caseId();
            }
            for (int i = 1; i < connections; i++) {
                pool.add(store.connectAgain());
            }
        } catch (SQLException | RuntimeException e) {
            for (Connection c : pool) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing after the failure reported below
                }
            }
            throw e instanceof CaseException ce ? ce : new CaseException("cannot open " + store.label() + ": " + e.getMessage(), e);
        }
        return new CaseDatabase(null, null, pool, store.label(), ConsoleServer.slug(Path.of(name)), store.caseId());
    }

    /** The case directory; null for a case in PostgreSQL. */
    public Path dir() {
        return dir;
    }

    /** How messages name the case ("case DIR", or "case 'NAME' (id N) in postgresql://..."). */
    public String label() {
        return label;
    }

    /** The case's id in the console's URLs before duplicates are numbered: the directory's or the case's name. */
    String slug() {
        return slug;
    }

    public tansa.casefile.Dialect dialect() {
        return root != null ? tansa.casefile.Dialect.DUCKDB : tansa.casefile.Dialect.POSTGRESQL;
    }

    /** A read-only {@link CaseStore} over {@code c} (a connection this database lent), for the report. */
    public CaseStore view(Connection c) {
        return root != null ? CaseStore.over(dir, c) : CaseStore.overPostgres(caseId, label, c);
    }

    /**
     * Changes whenever an ingest commits (evidence rows and their detections commit together): what
     * the console's caches are valid for. Constant on DuckDB, where the server holds the file.
     */
    long version(Connection c) throws SQLException {
        if (root != null) {
            return 0;
        }
        try (java.sql.PreparedStatement p = c.prepareStatement("SELECT count(*) * 1000003 + coalesce(max(id), 0) FROM evidence");
             java.sql.ResultSet r = p.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** SQL for the text at {@code path} of the JSON held in {@code column}, in this store's dialect. */
    String json(String column, String... path) {
        if (root != null) {
            return "json_extract_string(" + column + ", '$." + String.join(".", path) + "')";
        }
        return "(" + column + "::json #>> '{" + String.join(",", path) + "}')";
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode. */
    public <T> T read(Work<T> work) {
        Connection c = borrow();
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new CaseException(label + ": " + firstLine(e.getMessage()), e);
        } finally {
            pool.add(c);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T write(Work<T> work) {
        writing.lock();
        try {
            return writeLocked(work);
        } finally {
            writing.unlock();
        }
    }

    private <T> T writeLocked(Work<T> work) {
        Connection c = borrow();
        try {
            c.setAutoCommit(false);
            try {
                T t = work.run(c);
                c.commit();
                return t;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new CaseException(label + ": " + firstLine(e.getMessage()), e);
        } finally {
            pool.add(c);
        }
    }

    private Connection borrow() {
        try {
            Connection c = pool.poll(30, TimeUnit.SECONDS);
            if (c == null) {
                throw new CaseException(label + ": no free connection after 30 s; the server is overloaded");
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaseException("interrupted while waiting for " + label, e);
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() {
        for (Connection c : all) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        if (root == null) {
            return;
        }
        try {
            root.close();
        } catch (SQLException e) {
            throw new CaseException("cannot close case " + dir + ": " + firstLine(e.getMessage()), e);
        }
    }
}
