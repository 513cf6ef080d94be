package tansa.casefile;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Everything ingest does to the connection, on one thread of its own: the reading thread hands
 * over rows in batches of {@value #BATCH} and statements as {@link Task}s, and the lane runs them
 * in the order given. The reading thread never waits for a file to be stored: it decodes the
 * next file while the lane appends the last one's rows and writes its registry row (a wait per
 * file for the appender's flush and the registry statements was a third of the corpus's time
 * beyond decoding). At most {@value #IN_FLIGHT} row batches and {@value #TASKS} units of work wait,
 * which bounds memory; {@link #drain()} waits for all of it and rethrows the first store error.
 *
 * <p>The sink (DuckDB's appender, PostgreSQL's COPY) is opened on the lane when rows come and
 * stays open across files until a task closes it ({@link #closeSink()}: before a commit, before
 * deleting a dropped file's rows, before a statement on PostgreSQL, where COPY holds the
 * connection). The reading thread uses {@link #writer}, {@link #add}, {@link #run}, {@link #drain}
 * and {@link #discard}; it does not touch the connection until {@link #drain} or {@link #discard}
 * has returned, so the connection is used by one thread at a time.
 */
final class StoreLane implements AutoCloseable {
    static final int BATCH = 1024;
    static final int IN_FLIGHT = 4;
    static final int TASKS = 64;

    /** Writes one element of a batch (an event or a detection row) to the sink. */
    interface Writer {
        void write(RowSink sink, Object row) throws SQLException;
    }

    /** Opens a sink (on the lane's thread). */
    interface Opener {
        RowSink open() throws SQLException;
    }

    /** Work on the connection, run on the lane's thread after everything given before it. */
    interface Task {
        void run() throws SQLException;
    }

    private record Pending(Future<?> future, boolean rows) {
    }

    /** Work of the lane: after a failure, nothing more runs (a commit after a failed file would keep half of it). */
    private interface Unit {
        void run() throws Exception;
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tansa-store");
        t.setDaemon(true);
        return t;
    });
    private final Opener opener;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private int rowBatches;
    /** Used only on the lane's thread. */
    private RowSink sink;
    /** Set on the lane's thread when a unit fails; the units after it are skipped. */
    private boolean failed;
    private Writer writer;
    private Object[] batch = new Object[BATCH];
    private int n;

    StoreLane(Opener opener) {
        this.opener = opener;
    }

    /** Rows added from now on are written through {@code writer} (the file being read). */
    void writer(Writer writer) throws SQLException {
        if (n > 0) {
            submitRows();
        }
        this.writer = writer;
    }

    void add(Object row) throws SQLException {
        batch[n++] = row;
        if (n == BATCH) {
            submitRows();
        }
    }

    /** Runs {@code task} on the lane once the rows and tasks given before it are done. */
    void run(Task task) throws SQLException {
        if (n > 0) {
            submitRows();
        }
        submit(thread.submit(guarded(task::run)), false);
    }

    /** On the lane's thread (inside a {@link Task}): closes the sink, so that its rows are in the open transaction. */
    void closeSink() throws SQLException {
        RowSink s = sink;
        sink = null;
        if (s != null) {
            s.close();
        }
    }

    private void submitRows() throws SQLException {
        Object[] full = batch;
        int count = n;
        Writer w = writer;
        submit(thread.submit(guarded(() -> {
            RowSink s = sink;
            if (s == null) {
                s = opener.open();
                sink = s;
            }
            for (int i = 0; i < count; i++) {
                w.write(s, full[i]);
            }
        })), true);
        batch = new Object[BATCH];
        n = 0;
    }

    private java.util.concurrent.Callable<Void> guarded(Unit unit) {
        return () -> {
            if (failed) {
                throw new SQLException("not stored: an earlier store error stopped the run");
            }
            try {
                unit.run();
            } catch (Exception | Error e) {
                failed = true;
                throw e;
            }
            return null;
        };
    }

    private void submit(Future<?> f, boolean rows) throws SQLException {
        pending.add(new Pending(f, rows));
        if (rows) {
            rowBatches++;
        }
        while (rowBatches > IN_FLIGHT || pending.size() > TASKS) {
            awaitOldest();
        }
    }

    private void awaitOldest() throws SQLException {
        Pending p = pending.poll();
        if (p.rows()) {
            rowBatches--;
        }
        await(p.future());
    }

    /** Waits for every row and task given (the sink stays as the tasks left it) and rethrows the first store error. */
    void drain() throws SQLException {
        if (n > 0) {
            submitRows();
        }
        SQLException first = null;
        RuntimeException firstRuntime = null;
        while (!pending.isEmpty()) {
            try {
                awaitOldest();
            } catch (SQLException e) {
                first = first == null ? e : first;
            } catch (RuntimeException e) {
                firstRuntime = firstRuntime == null ? e : firstRuntime;
            }
        }
        if (first != null) {
            throw first;
        }
        if (firstRuntime != null) {
            throw firstRuntime;
        }
    }

    /** Forgets the rows not yet given (after a failure), closes the sink and waits for the lane to be idle. */
    void discard() {
        n = 0;
        pending.add(new Pending(thread.submit(() -> {
            closeSink();
            return null;
        }), false));
        while (!pending.isEmpty()) {
            try {
                awaitOldest();
            } catch (SQLException | RuntimeException e) {
                // the failure being handled is reported by the caller
            }
        }
    }

    private static void await(Future<?> f) throws SQLException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while storing", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException s) {
                throw s;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new SQLException(cause);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
