package tansa.exposure.scan;

import tansa.exposure.detect.Detectors;
import tansa.exposure.detect.Hit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A scan on several threads with the output of one. A lane (a {@link Scanner}) uses two threads:
 * one reads, hashes and decodes plain text, the other detects; so N threads make N / 2 lanes, and
 * one thread alone does everything, the walk included, on the calling thread. With several lanes
 * each takes the next top-level file of the walk on a thread of its own, and the results reach the
 * listener in walk order, exactly as one lane writes them. The file due next writes straight
 * through; a file scanned ahead of its turn holds its results until then, and past {@value #HELD}
 * of them its lane waits, so memory stays bounded whatever a file holds. With one lane the walk and
 * the scan run on the calling thread.
 *
 * <p>Not thread-safe: one scan at a time.
 */
public final class ParallelScan implements AutoCloseable {
    /** Results a file scanned ahead of its turn holds before its lane waits for the turn. */
    static final int HELD = 1 << 14;

    private final ScanListener listener;
    private final Scanner single;
    private final List<Scanner> lanes = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final BlockingQueue<Slot> work = new LinkedBlockingQueue<>();
    /** Files handed to the lanes and walk problems, in walk order, not yet written. */
    private final ArrayDeque<Slot> pending = new ArrayDeque<>();
    private final int window;
    private final int held;
    /** Whether the last scan ran to its end: if not, lanes may wait for turns that will not come. */
    private boolean finished = true;

    private static final Slot STOP = new Slot(null, null, 0);

    public ParallelScan(Detectors detectors, ScanLimits limits, ScanListener listener, int threads) throws IOException {
        this(detectors, limits, listener, threads, HELD);
    }

    /** With {@code held} results held per file ahead of its turn (tests make it small). */
    ParallelScan(Detectors detectors, ScanLimits limits, ScanListener listener, int threads, int held) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        this.listener = listener;
        int count = Math.max(1, threads / 2);
        this.window = 2 * count;
        this.held = held;
        if (count == 1) {
            single = new Scanner(detectors, limits, listener, threads > 1);
            return;
        }
        single = null;
        try {
            for (int k = 0; k < count; k++) {
                Lane lane = new Lane();
                Scanner s = new Scanner(detectors, limits, lane);
                lanes.add(s);
                Thread t = new Thread(() -> run(s, lane), "tansa-scan-" + (k + 1));
                t.setDaemon(true);
                this.threads.add(t);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        this.threads.forEach(Thread::start);
    }

    /** Scans every root in order, as {@link Scanner#scan} does. */
    public void scan(List<Path> roots, List<String> displayNames, Set<String> done) {
        if (single != null) {
            single.scan(roots, displayNames, done);
            return;
        }
        // What the walk itself reports (paths it could not go into) takes its place in walk order.
        Events walk = new Events() {
            @Override
            void add(Object event) {
                inOrder(event);
            }
        };
        finished = false;
        try {
            new Walker(walk, this::submit).walk(roots, displayNames, done);
            while (!pending.isEmpty()) {
                writeNext();
            }
            finished = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("scan interrupted"));
        }
    }

    /** A record or problem line of the walk: written now if nothing is pending, else after what is. */
    private void inOrder(Object event) {
        if (pending.isEmpty()) {
            deliver(event);
        } else {
            Slot s = new Slot(null, null, 0);
            s.events.add(event);
            s.done = true;
            pending.add(s);
        }
    }

    private void submit(String display, Path file, long size) {
        Slot s = new Slot(display, file, size);
        pending.add(s);
        work.add(s);
        try {
            while (pending.size() > window) {
                writeNext();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("scan interrupted"));
        }
    }

    /** Writes what the first pending slot holds, lets its lane write the rest, and waits for its end. */
    private void writeNext() throws InterruptedException {
        Slot s = pending.removeFirst();
        synchronized (s) {
            for (Object e : s.events) {
                deliver(e);
            }
            s.events.clear();
            s.due = true;
            s.notifyAll();
            while (!s.done) {
                s.wait();
            }
        }
        if (s.failure instanceof Error e) {
            throw e;
        }
        if (s.failure instanceof RuntimeException e) {
            throw e;
        }
        if (s.failure != null) {
            throw new IllegalStateException("scanning " + s.display + " failed", s.failure);
        }
    }

    private void deliver(Object e) {
        if (e instanceof Found f) {
            listener.finding(f.path, f.hit);
        } else if (e instanceof FileRecord r) {
            listener.file(r);
        } else {
            listener.problem((String) e);
        }
    }

    private void run(Scanner scanner, Lane lane) {
        try {
            while (true) {
                Slot s = work.take();
                if (s == STOP) {
                    return;
                }
                lane.slot = s;
                Throwable failure = null;
                try {
                    scanner.scanFile(s.display, s.file, s.size);
                } catch (Throwable t) {
                    failure = t;
                }
                synchronized (s) {
                    s.failure = failure;
                    s.done = true;
                    s.notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (single != null) {
            single.close();
            return;
        }
        work.clear();
        for (int k = 0; k < threads.size(); k++) {
            work.add(STOP);
        }
        for (Thread t : threads) {
            if (!finished) {
                t.interrupt(); // the scan was abandoned: a lane may wait for a turn that will not come
            }
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lanes.forEach(Scanner::close);
    }

    private record Found(String path, Hit hit) {
    }

    /** A top-level file of the walk (or a walk problem) and what its scan has to write. */
    private static final class Slot {
        final String display;
        final Path file;
        final long size;
        /** Results held until the slot is due: {@link Found}, {@link FileRecord} or a problem line. */
        final ArrayList<Object> events = new ArrayList<>();
        boolean due;
        boolean done;
        Throwable failure;

        Slot(String display, Path file, long size) {
            this.display = display;
            this.file = file;
            this.size = size;
        }
    }

    /** A listener that turns each result into one event: {@link Found}, {@link FileRecord} or a problem line. */
    private abstract static class Events implements ScanListener {
        abstract void add(Object event);

        @Override
        public void finding(String path, Hit hit) {
            add(new Found(path, hit));
        }

        @Override
        public void file(FileRecord file) {
            add(file);
        }

        @Override
        public void problem(String line) {
            add(line);
        }
    }

    /** The listener of one lane: holds results for the slot it scans, or writes them when due. */
    private final class Lane extends Events {
        Slot slot;

        @Override
        void add(Object e) {
            Slot s = slot;
            synchronized (s) {
                while (!s.due && s.events.size() >= held) {
                    try {
                        s.wait();
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("scan abandoned");
                    }
                }
                if (s.due) {
                    deliver(e);
                } else {
                    s.events.add(e);
                }
            }
        }
    }
}
