package tansa.evtx;

import tansa.reader.OrderedPipeline;
import tansa.reader.Problems;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import tansa.event.Event;

/**
 * Reads one EVTX stream: the 4 KiB file header, then every 64 KiB chunk physically present (a
 * dirty header's chunk count is stale), read sequentially — so a gzip-compressed file streams
 * as well as a plain one — and handed to the pipeline, which decodes chunks on all cores and
 * delivers events in file and record order. Only the chunks in flight are in memory.
 */
public final class EvtxReader {
    private final Problems problems;
    private final Consumer<Event> prepare;

    /**
     * @param prepare runs on the decode thread for each event before it is delivered; must be
     *                thread-safe
     */
    public EvtxReader(Problems problems, Consumer<Event> prepare) {
        this.problems = problems;
        this.prepare = prepare;
    }

    /** Whether the first bytes are the EVTX file magic. */
    public static boolean sniff(byte[] head, int length) {
        return FileHeader.hasMagic(head, length);
    }

    /**
     * Reads the stream, submitting one decode task per chunk.
     *
     * @return the number of non-empty chunks submitted
     * @throws IOException when the stream cannot be read
     */
    public int read(InputStream in, String source, OrderedPipeline pipeline) throws IOException {
        byte[] head = new byte[FileHeader.SIZE];
        int got = in.readNBytes(head, 0, head.length);
        if (!FileHeader.hasMagic(head, got)) {
            problems.report(source, 0, "not an EVTX file: expected signature 'ElfFile\\0' at offset 0");
            return 0;
        }
        if (got < 128) {
            problems.report(source, got, "EVTX file header cut short at " + got + " bytes, expected 4096");
            return 0;
        }
        FileHeader header = FileHeader.parse(head);
        if (!header.checksumOk()) {
            problems.note(source, 124, "file header CRC32 does not match; reading every chunk present");
        } else if (header.dirty()) {
            problems.note(source, 120, "file header marked dirty (not flushed): chunk count " + header.chunkCount()
                    + " may be stale; reading every chunk present");
        }
        if (got < FileHeader.SIZE) {
            problems.report(source, got, "EVTX file ends inside its 4096-byte header (truncated file)");
            return 0;
        }
        int submitted = 0;
        long off = FileHeader.SIZE;
        byte[] buf = ChunkBuffers.take();
        for (int index = 0; ; index++) {
            int avail = in.readNBytes(buf, 0, buf.length);
            if (avail <= 0) {
                break;
            }
            if (!ChunkDecoder.isEmpty(buf, avail)) {
                if (avail < buf.length) {
                    java.util.Arrays.fill(buf, avail, buf.length, (byte) 0);
                }
                final byte[] chunk = buf;
                final int i = index;
                final long o = off;
                pipeline.submit(() -> {
                    try {
                        return ChunkDecoder.decode(chunk, avail, i, o, source, problems, prepare);
                    } finally {
                        ChunkBuffers.give(chunk);
                    }
                }, e -> problems.report(source, o, "chunk " + i + ": internal error while decoding ("
                        + e + "); chunk skipped — please report this file"));
                submitted++;
                buf = ChunkBuffers.take();
            }
            off += avail;
            if (avail < buf.length) {
                break;
            }
        }
        ChunkBuffers.give(buf);
        return submitted;
    }
}
