package tansa.reader;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The SHA-256 of exactly the bytes read through this stream, computed on another thread: the
 * bytes are copied into blocks that the hashing thread digests in order, so hashing overlaps
 * with decoding instead of adding to it (with C1 only, the JDK's SHA-256 runs as compiled Java,
 * not as the CPU's SHA instructions: about 100 MB/s, a tenth of an ingest of the EVTX corpus).
 * At most {@value #BLOCKS} blocks of {@value #BLOCK} bytes wait, which bounds memory; a reader
 * ahead of the hashing thread waits for a free block.
 *
 * <p>{@code skip} reads and hashes what it skips; mark and reset are not supported. Used by one
 * reading thread; {@code hasher} must run its tasks one at a time, in order.
 */
final class BackgroundDigest extends FilterInputStream {
    static final int BLOCK = 1 << 16;
    static final int BLOCKS = 4;

    private final ExecutorService hasher;
    private final MessageDigest sha;
    private final ArrayBlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BLOCKS);
    private byte[] block;
    private int used;
    private final byte[] one = new byte[1];

    BackgroundDigest(InputStream in, ExecutorService hasher) {
        super(in);
        this.hasher = hasher;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 1; i < BLOCKS; i++) {
            free.add(new byte[BLOCK]);
        }
        block = new byte[BLOCK];
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n == 1 ? one[0] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            put(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // read, not skipped: the hash covers every byte up to where the readers stopped
        long done = 0;
        byte[] buf = new byte[(int) Math.min(8192, Math.max(1, n))];
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r <= 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void put(byte[] b, int off, int n) throws IOException {
        while (n > 0) {
            int k = Math.min(n, BLOCK - used);
            System.arraycopy(b, off, block, used, k);
            used += k;
            off += k;
            n -= k;
            if (used == BLOCK) {
                hand();
            }
        }
    }

    /** Gives the full part of the current block to the hashing thread and takes a free one. */
    private void hand() throws IOException {
        byte[] full = block;
        int length = used;
        hasher.execute(() -> {
            sha.update(full, 0, length);
            free.add(full);
        });
        try {
            block = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        }
        used = 0;
    }

    /** The SHA-256 (hex) of every byte read so far; call once, after the last read. */
    String finish() throws IOException {
        if (used > 0) {
            hand();
        }
        Future<byte[]> digest = hasher.submit(() -> sha.digest());
        try {
            return HexFormat.of().formatHex(digest.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing failed", e.getCause());
        }
    }
}
