package tansa.console;

import org.duckdb.DuckDBConnection;
import tansa.casefile.CaseException;
import tansa.casefile.CaseInUseException;
import tansa.casefile.CaseStore;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The console's handle on one case's DuckDB store: opened once (through {@link CaseStore#open},
 * which applies pending migrations), then a fixed pool of connections duplicated from one
 * database instance so that requests read in parallel. Thread-safe: each call borrows a
 * connection for its duration.
 *
 * <p>While the server holds the store, another process's {@code tansa ingest} on the case is
 * refused with "case DIR is in use" (DuckDB's file lock); it never corrupts it.
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
    /**
     * Writes one at a time: every write appends to the audit chain, whose head row two concurrent
     * DuckDB transactions would both update (the second would fail with a write conflict).
     */
    private final java.util.concurrent.locks.ReentrantLock writing = new java.util.concurrent.locks.ReentrantLock();

    private CaseDatabase(Path dir, DuckDBConnection root, BlockingQueue<Connection> pool) {
        this.dir = dir;
        this.root = root;
        this.pool = pool;
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
        return new CaseDatabase(dir, root, pool);
    }

    public Path dir() {
        return dir;
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode. */
    public <T> T read(Work<T> work) {
        Connection c = borrow();
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new CaseException("case " + dir + ": " + firstLine(e.getMessage()), e);
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
            throw new CaseException("case " + dir + ": " + firstLine(e.getMessage()), e);
        } finally {
            pool.add(c);
        }
    }

    private Connection borrow() {
        try {
            Connection c = pool.poll(30, TimeUnit.SECONDS);
            if (c == null) {
                throw new CaseException("case " + dir + ": no free connection after 30 s; the server is overloaded");
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaseException("interrupted while waiting for case " + dir, e);
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
        for (Connection c : pool) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        try {
            root.close();
        } catch (SQLException e) {
            throw new CaseException("cannot close case " + dir + ": " + firstLine(e.getMessage()), e);
        }
    }
}
