package tansa.reader;

import tansa.event.Event;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs decode tasks (one per EVTX chunk, across file boundaries) on a pool and delivers their
 * events to the sink in submission order, on the submitting thread. The window of tasks in
 * flight is bounded, so memory stays bounded whatever the input size. Without a pool, tasks run
 * inline. Used by one submitting thread.
 */
public final class OrderedPipeline {
    private final ExecutorService pool;
    private final int window;
    private final Consumer<Event> sink;
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private long delivered;

    private record Pending(Future<List<Event>> future, Consumer<Throwable> onFailure, Runnable marker) {
    }

    public OrderedPipeline(ExecutorService pool, int threads, Consumer<Event> sink) {
        this.pool = pool;
        this.window = Math.max(2, threads * 4);
        this.sink = sink;
    }

    /** Submits a task; {@code onFailure} is told if it throws (a defect, not bad input). */
    public void submit(Callable<List<Event>> task, Consumer<Throwable> onFailure) {
        if (pool == null) {
            try {
                deliver(task.call());
            } catch (Exception | StackOverflowError e) {
                onFailure.accept(e);
            }
            return;
        }
        inFlight.add(new Pending(pool.submit(task), onFailure, null));
        while (inFlight.size() >= window) {
            takeOne();
        }
    }

    /** Runs {@code action} on the submitting thread once everything submitted before it is delivered. */
    public void mark(Runnable action) {
        if (pool == null || inFlight.isEmpty()) {
            action.run();
            return;
        }
        inFlight.add(new Pending(null, null, action));
    }

    /** Delivers everything still in flight. */
    public void drain() {
        while (!inFlight.isEmpty()) {
            takeOne();
        }
    }

    /** Counts events that a caller delivered to the sink itself (after {@link #drain}). */
    public void add(long events) {
        delivered += events;
    }

    /** Events delivered so far. */
    public long delivered() {
        return delivered;
    }

    private void takeOne() {
        Pending p = inFlight.poll();
        if (p.marker() != null) {
            p.marker().run();
            return;
        }
        try {
            deliver(p.future().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding evidence", e);
        } catch (ExecutionException e) {
            p.onFailure().accept(e.getCause());
        }
    }

    private void deliver(List<Event> events) {
        for (int i = 0, n = events.size(); i < n; i++) {
            sink.accept(events.get(i));
        }
        delivered += events.size();
    }
}
