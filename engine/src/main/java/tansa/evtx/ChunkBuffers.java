package tansa.evtx;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recycles 64 KiB chunk buffers: a buffer goes back once its chunk is decoded (events keep no
 * reference to it: every value is copied out). Keeps at most {@link #MAX_FREE} idle buffers.
 * Thread-safe.
 */
final class ChunkBuffers {
    static final int MAX_FREE = 64;
    private static final ConcurrentLinkedQueue<byte[]> FREE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger IDLE = new AtomicInteger();

    private ChunkBuffers() {
    }

    static byte[] take() {
        byte[] b = FREE.poll();
        if (b == null) {
            return new byte[ChunkDecoder.SIZE];
        }
        IDLE.decrementAndGet();
        return b;
    }

    static void give(byte[] b) {
        if (IDLE.incrementAndGet() <= MAX_FREE) {
            FREE.offer(b);
        } else {
            IDLE.decrementAndGet();
        }
    }
}
