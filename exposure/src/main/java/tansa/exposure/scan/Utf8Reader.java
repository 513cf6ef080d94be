package tansa.exposure.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads, hashes (SHA-256) and decodes UTF-8 plain text, on a thread of its own or on the caller's.
 * Beside the scan, the scanning thread gets decoded pieces while the other core does the byte work
 * (issue 4: hashing and decoding were about half of a plain-text scan's time); inline, each
 * {@link #next} reads and decodes on the calling thread, for a scan on one thread. A stream is
 * read by {@link #start}, then {@link #next} until it returns null.
 *
 * <p>Thread safety: one scanning thread at a time. A piece is the scanning thread's until it
 * gives it back with {@link #recycle}; the worker writes only pieces it took from the free queue.
 * The worker is a daemon stopped by {@link #close}.
 */
final class Utf8Reader implements AutoCloseable {
    static final int BYTES = 1 << 17;
    private static final int PIECES = 4;

    /** Decoded characters {@code chars[0, n)}. */
    static final class Piece {
        final char[] chars = new char[BYTES + 1];
        int n;
    }

    private record Job(InputStream in, MessageDigest digest) {
    }

    private static final Job STOP = new Job(null, null);
    /** Closes a stream's pieces; a Throwable closes it in failure. */
    private static final Object END = new Object();

    private final BlockingQueue<Job> jobs = new ArrayBlockingQueue<>(1);
    private final BlockingQueue<Piece> free = new ArrayBlockingQueue<>(PIECES);
    private final BlockingQueue<Object> full = new ArrayBlockingQueue<>(PIECES + 1);
    /** The reading thread, or null when the caller reads ({@link #inline}). */
    private final Thread worker;
    private final Inline inline;
    private volatile boolean cancelled;
    private boolean open;

    /** A reader on a thread of its own. */
    Utf8Reader() {
        this(true);
    }

    /** @param beside whether to read on a thread of its own, or on the thread that calls {@link #next} */
    Utf8Reader(boolean beside) {
        if (!beside) {
            worker = null;
            inline = new Inline();
            return;
        }
        inline = null;
        for (int k = 0; k < PIECES; k++) {
            free.add(new Piece());
        }
        worker = new Thread(this::run, "tansa-utf8-reader");
        worker.setDaemon(true);
        worker.start();
    }

    /** Starts reading {@code in}, feeding every byte to {@code digest} (may be null). */
    void start(InputStream in, MessageDigest digest) throws InterruptedIOException {
        if (open) {
            throw new IllegalStateException("the previous stream was not read to its end");
        }
        cancelled = false;
        open = true;
        if (inline != null) {
            inline.stream.start(in, digest);
            return;
        }
        put(jobs, new Job(in, digest));
    }

    /**
     * The next decoded piece, or null at the end of the stream (the digest then holds every byte).
     * Throws what reading threw.
     */
    Piece next() throws IOException {
        if (inline != null) {
            if (!open) {
                return null;
            }
            open = !inline.stream.step(inline.piece);
            return inline.piece;
        }
        Object o = take(full);
        if (o instanceof Piece p) {
            return p;
        }
        open = false;
        if (o == END) {
            return null;
        }
        if (o instanceof IOException e) {
            throw e;
        }
        if (o instanceof RuntimeException e) {
            throw e;
        }
        if (o instanceof Error e) {
            throw e;
        }
        throw new IOException("reading failed", (Throwable) o);
    }

    void recycle(Piece p) throws InterruptedIOException {
        if (inline == null) {
            put(free, p);
        }
    }

    /**
     * Stops reading the current stream and waits until the worker has left it, so the stream can
     * be closed; pieces the caller still holds go back with {@link #recycle} first.
     */
    void abandon() throws IOException {
        if (inline != null) {
            open = false;
            return;
        }
        cancelled = true;
        while (open) {
            Object o = take(full);
            if (o instanceof Piece p) {
                recycle(p);
            } else {
                open = false;
            }
        }
    }

    private void run() {
        // Here rather than on the scanning thread: the scan starts while C2 compiles the digest.
        Members.warmUpSha256();
        Stream stream = new Stream();
        try {
            while (true) {
                Job job = jobs.take();
                if (job == STOP) {
                    return;
                }
                Object last = END;
                try {
                    read(job, stream);
                } catch (Throwable e) {
                    last = e;
                }
                full.put(last);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(Job job, Stream stream) throws IOException, InterruptedException {
        stream.start(job.in, job.digest);
        boolean eof = false;
        while (!cancelled && !eof) {
            stream.fill();
            Piece p = free.take();
            eof = stream.decode(p);
            full.put(p);
        }
    }

    /** The caller's piece and stream state, for a reader without a thread. */
    private static final class Inline {
        final Piece piece = new Piece();
        final Stream stream = new Stream();
    }

    /**
     * One stream's bytes: each step reads (and hashes) up to {@value #BYTES} bytes, then decodes
     * them into a piece, keeping a sequence cut at the end for the next step.
     */
    private static final class Stream {
        final byte[] bytes = new byte[BYTES];
        InputStream in;
        MessageDigest digest;
        int keep;
        int end;
        boolean eof;
        boolean bom;

        void start(InputStream in, MessageDigest digest) {
            this.in = in;
            this.digest = digest;
            keep = 0;
            end = 0;
            eof = false;
            bom = true;
        }

        void fill() throws IOException {
            int n = in.readNBytes(bytes, keep, bytes.length - keep);
            if (n > 0 && digest != null) {
                PlainText.update(digest, bytes, keep, n);
            }
            end = keep + n;
            eof = n == 0 || end < bytes.length;
        }

        /** Decodes what {@link #fill} read into p; whether that was the end of the stream. */
        boolean decode(Piece p) {
            int from = 0;
            if (bom && end >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
                from = 3;
            }
            bom = false;
            long r = Utf8.decode(bytes, from, end, p.chars, eof);
            p.n = (int) (r >>> 32);
            int used = from + (int) r;
            keep = end - used;
            System.arraycopy(bytes, used, bytes, 0, keep);
            return eof;
        }

        /** Reads and decodes the next piece into p; whether that was the end of the stream. */
        boolean step(Piece p) throws IOException {
            fill();
            return decode(p);
        }
    }

    private static <T> void put(BlockingQueue<T> q, T t) throws InterruptedIOException {
        try {
            q.put(t);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the UTF-8 reading thread");
        }
    }

    private static <T> T take(BlockingQueue<T> q) throws InterruptedIOException {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the UTF-8 reading thread");
        }
    }

    @Override
    public void close() {
        if (worker == null) {
            return;
        }
        if (!jobs.offer(STOP)) {
            worker.interrupt();
        }
    }
}
