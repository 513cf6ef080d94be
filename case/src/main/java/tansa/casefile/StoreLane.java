package tansa.casefile;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The store's side of ingest on a thread of its own: the reading thread hands over rows in
 * batches of {@value #BATCH}, one thread writes them to the {@link RowSink} in the order given,
 * so decoding and serialising the next events overlaps with the appender or COPY (on DuckDB the
 * appender's vector flushes were a third of the run). At most {@value #IN_FLIGHT} batches wait,
 * which bounds memory. {@link #drain()} waits for every batch and rethrows a store error.
 *
 * <p>The reading thread uses {@link #begin}, {@link #add} and {@link #drain}; the sink is opened,
 * written and closed on the lane's thread (DuckDB's appender is confined to the thread that made
 * it), and the reading thread does not touch the connection between begin and drain, so it is
 * used by one thread at a time.
 */
final class StoreLane implements AutoCloseable {
    static final int BATCH = 1024;
    static final int IN_FLIGHT = 4;

    /** Writes one element of a batch (an event or a detection row) to the sink. */
    interface Writer {
        void write(RowSink sink, Object row) throws SQLException;
    }

    /** Opens a file's sink (on the lane's thread). */
    interface Opener {
        RowSink open() throws SQLException;
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tansa-store");
        t.setDaemon(true);
        return t;
    });
    private final ArrayDeque<Future<?>> pending = new ArrayDeque<>();
    /** Used only on the lane's thread. */
    private RowSink sink;
    private Writer writer;
    private Object[] batch = new Object[BATCH];
    private int n;

    /** Starts a file: rows go to the sink {@code opener} opens, through {@code writer}, until {@link #drain()}. */
    void begin(Opener opener, Writer writer) {
        this.writer = writer;
        pending.add(thread.submit(() -> {
            sink = opener.open();
            return null;
        }));
    }

    void add(Object row) throws SQLException {
        batch[n++] = row;
        if (n == BATCH) {
            submit();
        }
    }

    private void submit() throws SQLException {
        Object[] full = batch;
        int count = n;
        Writer w = writer;
        pending.add(thread.submit(() -> {
            for (int i = 0; i < count; i++) {
                w.write(sink, full[i]);
            }
            return null;
        }));
        batch = new Object[BATCH];
        n = 0;
        while (pending.size() > IN_FLIGHT) {
            await(pending.poll());
        }
    }

    /** Writes what is left, closes the sink (its rows are then in the transaction) and waits for both. */
    void drain() throws SQLException {
        if (n > 0) {
            submit();
        }
        pending.add(thread.submit(() -> {
            RowSink s = sink;
            sink = null;
            if (s != null) {
                s.close();
            }
            return null;
        }));
        SQLException first = null;
        while (!pending.isEmpty()) {
            try {
                await(pending.poll());
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Forgets the rows not yet written (after a failure), closes the sink and waits for the lane to be idle. */
    void discard() {
        n = 0;
        pending.add(thread.submit(() -> {
            RowSink s = sink;
            sink = null;
            if (s != null) {
                s.close();
            }
            return null;
        }));
        while (!pending.isEmpty()) {
            try {
                await(pending.poll());
            } catch (SQLException e) {
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
