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

    Gate(HitSink target) {
        this.target = target;
    }

    @Override
    public synchronized void hit(Hit hit) {
        if (closed) {
            throw new Closed();
        }
        target.hit(hit);
    }

    synchronized void close() {
        closed = true;
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
