package tansa.exposure.scan;

import tansa.exposure.detect.TextScanner;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads, hashes (SHA-256) and decodes UTF-8 plain text into a {@link TextScanner}, on a thread of
 * its own or on the caller's. Beside the scan, the scanning thread gets decoded pieces while the
 * other core does the byte work (issue 4: hashing and decoding were about half of a plain-text
 * scan's time); inline, the calling thread reads and decodes straight into the scanner's window.
 *
 * <p>Thread safety: one scanning thread at a time. A piece is the scanning thread's until it
 * gives it back with {@link #recycle}; the worker writes only pieces it took from the free queue.
 * The worker is a daemon stopped by {@link #close}.
 */
final class Utf8Reader implements AutoCloseable {
    static final int BYTES = 1 << 17;
    private static final int PIECES = 4;
    /** The least room in a scanner's window worth decoding into: more than a sequence's 4 bytes. */
    private static final int ROOM = 64;
    /**
     * Bytes decoded per call. Many short calls rather than one a piece: C2 compiles a method
     * once it has been called some 600 times, and one call a piece made that the first 40 MB of
     * a scan; a long first call got instead an on-stack-replacement compile that had never seen
     * the loop end, trapped there and ran the slower code until the late full compile (0.2 s of
     * decoding in the first ten files of the benchmark).
     */
    private static final int SLICE = 1 << 13;

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
    /** The reading thread, or null when the caller reads. */
    private final Thread worker;
    /** The caller's stream state, for a reader without a thread. */
    private final Stream inline;
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
            inline = new Stream();
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

    /**
     * Reads {@code in} to its end, feeding every byte to {@code digest} (may be null), and appends
     * its text to {@code scanner} (without {@link TextScanner#finish}). Throws what reading or the
     * scanner threw, leaving this reader ready for the next stream.
     */
    void read(InputStream in, MessageDigest digest, TextScanner scanner) throws IOException {
        if (inline != null) {
            inline.start(in, digest);
            do {
                inline.fill();
            } while (!inline.decodeInto(scanner));
            return;
        }
        start(in, digest);
        Piece p = null;
        boolean done = false;
        try {
            while ((p = next()) != null) {
                scanner.append(p.chars, 0, p.n);
                recycle(p);
                p = null;
            }
            done = true;
        } finally {
            if (!done) {
                if (p != null) {
                    recycle(p);
                }
                abandon();
            }
        }
    }

    /** Starts reading {@code in} on the worker, feeding every byte to {@code digest} (may be null). */
    private void start(InputStream in, MessageDigest digest) throws InterruptedIOException {
        if (open) {
            throw new IllegalStateException("the previous stream was not read to its end");
        }
        cancelled = false;
        open = true;
        put(jobs, new Job(in, digest));
    }

    /**
     * The next decoded piece, or null at the end of the stream (the digest then holds every byte).
     * Throws what reading threw.
     */
    private Piece next() throws IOException {
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

    private void recycle(Piece p) throws InterruptedIOException {
        put(free, p);
    }

    /**
     * Stops reading the current stream and waits until the worker has left it, so the stream can
     * be closed; pieces the caller still holds go back with {@link #recycle} first.
     */
    private void abandon() throws IOException {
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

    /**
     * One stream's bytes: each {@link #fill} reads (and hashes) up to {@value #BYTES} bytes, then
     * they are decoded into a piece or a scanner, keeping a sequence cut at the end for the next.
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
            int sp = skipBom();
            int n = 0;
            while (true) {
                int to = Math.min(end, sp + SLICE);
                long r = Utf8.decode(bytes, sp, to, p.chars, n, eof && to == end);
                sp += (int) r;
                n += (int) (r >>> 32);
                if (to == end) {
                    break;
                }
            }
            p.n = n;
            keepFrom(sp);
            return eof;
        }

        /**
         * Decodes what {@link #fill} read straight into the scanner's window, in as many slices as
         * it has room for; whether that was the end of the stream.
         */
        boolean decodeInto(TextScanner scanner) {
            int sp = skipBom();
            while (true) {
                char[] dst = scanner.window(ROOM);
                int at = scanner.length();
                int to = Math.min(end, Math.min(sp + SLICE, sp + dst.length - at - 1));
                long r = Utf8.decode(bytes, sp, to, dst, at, eof && to == end);
                sp += (int) r;
                scanner.appended((int) (r >>> 32));
                if (to == end) {
                    break;
                }
            }
            keepFrom(sp);
            return eof;
        }

        /** Where the text starts: past a UTF-8 byte order mark at the start of the stream. */
        private int skipBom() {
            int from = 0;
            if (bom && end >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
                from = 3;
            }
            bom = false;
            return from;
        }

        /** Keeps bytes[used, end), a sequence cut by the buffer, for the next fill. */
        private void keepFrom(int used) {
            keep = end - used;
            System.arraycopy(bytes, used, bytes, 0, keep);
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
