package tansa.exposure.scan;

import tansa.exposure.detect.Hit;
import tansa.exposure.detect.HitSink;

/**
 * Passes hits from an extraction worker to the listener until it is closed; an abandoned worker
 * that produces more text then fails with {@link Closed} instead of writing into the next file.
 */
final class Gate implements HitSink {
    /** Thrown into an abandoned worker. */
    static final class Closed extends RuntimeException {
        Closed() {
            super("extraction abandoned", null, false, false);
        }
    }

    private final HitSink target;
    private boolean closed;
    /**
     * Nanoseconds spent in the target (a parallel scan's lane waiting for its turn), and since when
     * now, or 0. Written by the worker only (under this lock), read by the thread timing it.
     */
    private volatile long handedOff;
    private volatile long inTargetSince;

    Gate(HitSink target) {
        this.target = target;
    }

    @Override
    public synchronized void hit(Hit hit) {
        if (closed) {
            throw new Closed();
        }
        long t = System.nanoTime();
        inTargetSince = t;
        try {
            target.hit(hit);
        } finally {
            inTargetSince = 0;
            handedOff += System.nanoTime() - t;
        }
    }

    /**
     * Nanoseconds the worker has spent handing hits on, including a hand-off under way: in a
     * parallel scan a file scanned ahead of its turn waits there, which is not the parser's time.
     */
    long handOffNanos() {
        long since = inTargetSince;
        return handedOff + (since == 0 ? 0 : System.nanoTime() - since);
    }

    synchronized void close() {
        closed = true;
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
