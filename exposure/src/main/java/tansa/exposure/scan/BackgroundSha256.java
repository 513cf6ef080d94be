package tansa.exposure.scan;

import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * SHA-256 of the plain-text stream on a thread of its own, beside the decoding and detection
 * (issue 4: hashing every file took about a third of a single-threaded plain-text scan). The
 * reading thread takes a buffer with {@link #buffer()}, fills it, hands the new bytes over with
 * {@link #submit} and keeps reading the buffer (the hasher only reads it too); a buffer comes back
 * from {@link #buffer()} only after the hasher is done with it, and only to the one reading
 * thread, so nothing overwrites bytes still being hashed.
 *
 * <p>Thread safety: one reading thread at a time; {@link #digest()} waits for every submitted byte
 * and leaves the hasher ready for the next file. The worker is a daemon stopped by {@link #close}.
 */
final class BackgroundSha256 implements AutoCloseable {
    static final int BUFFER = 1 << 18;
    private static final int BUFFERS = 4;

    private record Slice(byte[] b, int off, int len) {
    }

    /** Asks the worker for the digest so far (and to start over). */
    private static final Slice DIGEST = new Slice(new byte[0], 0, 0);
    private static final Slice STOP = new Slice(new byte[0], 0, 0);

    private final BlockingQueue<Slice> work = new ArrayBlockingQueue<>(BUFFERS + 2);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<byte[]> digests = new ArrayBlockingQueue<>(1);
    private final Thread worker;

    BackgroundSha256() {
        for (int k = 0; k < BUFFERS; k++) {
            free.add(new byte[BUFFER]);
        }
        worker = new Thread(this::run, "tansa-sha256");
        worker.setDaemon(true);
        worker.start();
    }

    private void run() {
        // Here rather than on the scanning thread: the scan starts while C2 compiles the digest.
        Members.warmUpSha256();
        MessageDigest md = Members.sha256();
        try {
            while (true) {
                Slice s = work.take();
                if (s == STOP) {
                    return;
                }
                if (s == DIGEST) {
                    digests.put(md.digest());
                    continue;
                }
                PlainText.update(md, s.b, s.off, s.len);
                free.put(s.b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A buffer of {@value #BUFFER} bytes the hasher no longer reads; blocks while all are queued. */
    byte[] buffer() throws InterruptedIOException {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the SHA-256 thread");
        }
    }

    /** Queues b[off, off + len) for hashing; b returns to {@link #buffer()} once hashed. */
    void submit(byte[] b, int off, int len) throws InterruptedIOException {
        put(new Slice(b, off, len));
    }

    /** Gives a buffer back without hashing anything from it. */
    void release(byte[] b) throws InterruptedIOException {
        submit(b, 0, 0);
    }

    /** The digest of every byte submitted since the last call; the next file starts afresh. */
    byte[] digest() throws InterruptedIOException {
        put(DIGEST);
        try {
            return digests.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the SHA-256 thread");
        }
    }

    private void put(Slice s) throws InterruptedIOException {
        try {
            work.put(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the SHA-256 thread");
        }
    }

    @Override
    public void close() {
        if (!work.offer(STOP)) {
            worker.interrupt();
        }
    }
}
