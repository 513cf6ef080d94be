package tansa.reader;

import tansa.event.Event;
import tansa.evtx.EvtxReader;
import tansa.syslog.SyslogReader;
import tansa.zeek.ZeekTsvReader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads evidence files and directories into events: EVTX, reference-shaped JSON, Winlogbeat/ECS
 * JSON, Zeek logs (TSV or JSON), Suricata EVE JSON, syslog files, each optionally gzip-compressed; the format is detected from the content, not the name.
 *
 * <p>Files are visited in sorted path order (directories recursively, symbolic links not
 * followed); events reach the sink in file order, then record order, on the calling thread,
 * while EVTX chunks decode on {@code threads} threads. Files are opened read-only and hashed as
 * they are read. Bad input is reported to {@link Problems} and skipped; the run goes on.
 */
public final class EvidenceReader implements AutoCloseable {
    /** Bytes read to recognise a format (and kept for the reader that follows). */
    private static final int SNIFF = 4096;
    /** The path that means standard input. */
    public static final String STDIN = "-";

    private final int threads;
    private final Problems problems;
    private Consumer<EvidenceFile> onFile = f -> { };
    private boolean hashing;
    private Integer syslogYear;
    private Consumer<Event> prepare = e -> { };
    /** Kept across calls after {@link #keepThreads()}, until {@link #close()}; else made and ended by each call. */
    private boolean keep;
    private ExecutorService keptPool;
    private ExecutorService keptHasher;

    public EvidenceReader(int threads, Problems problems) {
        this.threads = Math.max(1, threads);
        this.problems = problems;
    }

    /**
     * Work to do for each event on the decode threads, before ordered delivery: serialising,
     * matching rules. Must be thread-safe; results go in {@link Event#attach}.
     */
    public EvidenceReader prepare(Consumer<Event> work) {
        this.prepare = work;
        return this;
    }

    /**
     * The year of the first RFC 3164 line of each syslog file (its time stamps have none); null
     * (the default) infers it from the file's modification time ({@code tansa.syslog.SyslogYear}).
     */
    public EvidenceReader syslogYear(Integer year) {
        this.syslogYear = year;
        return this;
    }

    private static java.time.Instant modified(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toInstant();
    }

    /**
     * Keeps the decode and hashing threads from one call to the next until {@link #close()}: for
     * a caller that reads many small files one call at a time (the case store), where starting
     * and ending three threads per file cost more CPU than reading the file.
     */
    public EvidenceReader keepThreads() {
        this.keep = true;
        return this;
    }

    /** Ends the threads kept by {@link #keepThreads()}. */
    @Override
    public void close() {
        if (keptPool != null) {
            keptPool.shutdownNow();
            keptPool = null;
        }
        if (keptHasher != null) {
            keptHasher.shutdownNow();
            keptHasher = null;
        }
    }

    /** Computes each file's SHA-256 while reading it (reported through {@link #onFile}). */
    public EvidenceReader hashing(boolean on) {
        this.hashing = on;
        return this;
    }

    /** Called after each file with its hash (when hashing) and event count. */
    public EvidenceReader onFile(Consumer<EvidenceFile> listener) {
        this.onFile = listener;
        return this;
    }

    public ReadSummary read(List<Path> paths, Consumer<Event> sink) {
        return run(paths, null, sink);
    }

    /**
     * The evidence files {@code root} names, in the order {@link #read} reads them: itself, or a
     * directory's regular files (recursively, sorted); a missing root, a FIFO or an unreadable
     * directory is reported to this reader's {@link Problems}. With {@link #readListed}, a caller
     * can decide per file (the case store skips files it already holds).
     */
    public List<Path> list(Path root) {
        return expand(root, problems);
    }

    /**
     * Reads one file from {@link #list}, as {@link #read} of its root would: {@code inDirectory}
     * when the root was a directory (a file there that neither looks nor is named like evidence
     * is a note, not an error). {@link ReadSummary#files()} is 0 when it was not evidence.
     */
    public ReadSummary readListed(Path file, boolean inDirectory, Consumer<Event> sink) {
        return run(List.of(file), inDirectory, sink);
    }

    /** Reads roots ({@code listedInDirectory} null) or files from {@link #list} (true when their root was a directory). */
    private ReadSummary run(List<Path> paths, Boolean listedInDirectory, Consumer<Event> sink) {
        boolean listed = listedInDirectory != null;
        AtomicLong problemCount = new AtomicLong();
        Problems counting = new Problems() {
            @Override
            public void report(String resource, long offset, String message) {
                problemCount.incrementAndGet();
                problems.report(resource, offset, message);
            }

            @Override
            public void note(String resource, long offset, String message) {
                problems.note(resource, offset, message);
            }
        };
        ExecutorService pool = keptPool != null ? keptPool : threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tansa-decode");
            t.setDaemon(true);
            return t;
        }) : null;
        // hashing on a thread of its own, overlapped with reading and decoding (BackgroundDigest)
        ExecutorService hasher = keptHasher != null ? keptHasher : hashing ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tansa-hash");
            t.setDaemon(true);
            return t;
        }) : null;
        if (keep) {
            keptPool = pool;
            keptHasher = hasher;
        }
        int files = 0;
        try {
            OrderedPipeline pipeline = new OrderedPipeline(pool, threads, sink);
            if (listed) {
                for (Path file : paths) {
                    if (readFile(file, listedInDirectory, pipeline, sink, counting, hasher)) {
                        files++;
                    }
                }
            }
            for (Path root : listed ? List.<Path>of() : paths) {
                List<Path> found = expand(root, counting);
                int evidence = 0;
                for (Path file : found) {
                    if (readFile(file, found.size() > 1 || Files.isDirectory(root), pipeline, sink, counting, hasher)) {
                        evidence++;
                        files++;
                    }
                }
                if (Files.isDirectory(root) && evidence == 0) {
                    counting.report(root.toString(), -1, "no evidence found in this directory (looked for EVTX, JSON, Zeek and syslog logs, plain or gzip)");
                }
            }
            pipeline.drain();
            return new ReadSummary(files, pipeline.delivered(), problemCount.get());
        } finally {
            if (!keep && pool != null) {
                pool.shutdownNow();
            }
            if (!keep && hasher != null) {
                hasher.shutdownNow();
            }
        }
    }

    private List<Path> expand(Path root, Problems problems) {
        List<Path> out = new ArrayList<>();
        if (root.toString().equals(STDIN)) {
            out.add(root);
            return out;
        }
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            problems.report(root.toString(), -1, "no such file or directory");
            return out;
        }
        if (!Files.isDirectory(root)) {
            if (!Files.isRegularFile(root)) {
                problems.report(root.toString(), -1, Files.exists(root)
                        ? "not a regular file (a FIFO, device or socket); skipped"
                        : "dangling symbolic link; skipped");
            } else {
                out.add(root);
            }
            return out;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        out.add(file);
                    } else if (attrs.isOther()) {
                        problems.report(file.toString(), -1, "not a regular file (a FIFO, device or socket); skipped");
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.report(file.toString(), -1, "cannot read: " + (e instanceof AccessDeniedException
                            ? "permission denied" : String.valueOf(e.getMessage())) + "; skipped");
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.report(root.toString(), -1, "cannot list directory: " + e.getMessage());
        }
        out.sort(null);
        return out;
    }

    /** Reads one file; false when it was not evidence. */
    private boolean readFile(Path file, boolean inWalk, OrderedPipeline pipeline, Consumer<Event> sink, Problems problems,
                             ExecutorService hasher) {
        String source = file.toString();
        long size;
        boolean stdin = source.equals(STDIN);
        try (InputStream raw = stdin ? new NonClosing(System.in) : Files.newInputStream(file, StandardOpenOption.READ);
             InputStream digest = hasher != null ? new BackgroundDigest(raw, hasher) : raw) {
            size = stdin ? -1 : Files.size(file);
            BufferedInputStream in = new BufferedInputStream(digest, 1 << 16);
            InputStream content = in;
            in.mark(4);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            if (gzip) {
                content = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            }
            content.mark(SNIFF);
            byte[] head = new byte[SNIFF];
            int n = content.readNBytes(head, 0, head.length);
            content.reset();
            EvidenceFile.Format format = sniff(head, n);
            long[] before = new long[1];
            pipeline.mark(() -> before[0] = pipeline.delivered());
            if (format == EvidenceFile.Format.UNKNOWN) {
                if (n == 0) {
                    problems.report(source, 0, "empty file: no evidence to read");
                } else if (inWalk && !namedAsEvidence(source)) {
                    problems.note(source, 0, "not evidence (expected EVTX 'ElfFile', JSON objects, a Zeek log or syslog lines, plain or gzip); skipped");
                    return false;
                } else {
                    problems.report(source, 0, "not evidence: expected an EVTX file ('ElfFile' at offset 0), JSON objects, a Zeek log ('#separator') or syslog lines ('<PRI>', 'Mmm dd hh:mm:ss host', an ISO-8601 time and host), plain or gzip");
                }
            } else if (format == EvidenceFile.Format.EVTX) {
                new EvtxReader(problems, prepare).read(content, source, pipeline);
            } else {
                pipeline.drain();
                Consumer<Event> s = sink;
                Consumer<Event> w = prepare;
                Consumer<Event> deliver = e -> {
                    w.accept(e);
                    s.accept(e);
                };
                long events = format == EvidenceFile.Format.ZEEK
                        ? new ZeekTsvReader(problems).read(content, source, deliver)
                        : format == EvidenceFile.Format.SYSLOG
                        ? new SyslogReader(problems, syslogYear, stdin ? java.time.Instant.now() : modified(file)).read(content, source, deliver)
                        : new JsonEventReader(problems).read(content, source, deliver);
                pipeline.add(events);
            }
            String hash = null;
            if (digest instanceof BackgroundDigest background) {
                byte[] buf = new byte[1 << 16];
                while (digest.read(buf) > 0) {
                    // hash the bytes no reader needed (e.g. free space after the last chunk)
                }
                hash = background.finish();
            }
            String h = hash;
            EvidenceFile.Format f = format;
            pipeline.mark(() -> onFile.accept(new EvidenceFile(source, f, h, size, pipeline.delivered() - before[0])));
            return format != EvidenceFile.Format.UNKNOWN;
        } catch (NoSuchFileException e) {
            problems.report(source, -1, "no such file");
        } catch (AccessDeniedException e) {
            problems.report(source, -1, "permission denied: cannot open for reading");
        } catch (java.util.zip.ZipException e) {
            problems.report(source, -1, "damaged gzip stream (" + e.getMessage() + "); the rest of the file is skipped");
        } catch (java.io.EOFException e) {
            problems.report(source, -1, "gzip stream ends early (truncated file); the rest of the file is skipped");
        } catch (IOException e) {
            problems.report(source, -1, "cannot read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return false;
    }

    /**
     * A name that says the file is evidence: found in a directory and not evidence, it is damaged
     * (an error, exit code 1), where a README or a binary beside the logs is only a note.
     */
    private static boolean namedAsEvidence(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        return n.endsWith(".evtx") || n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson");
    }

    /** Standard input, left open for the caller. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }

    static EvidenceFile.Format sniff(byte[] head, int n) {
        if (EvtxReader.sniff(head, n)) {
            return EvidenceFile.Format.EVTX;
        }
        int i = 0;
        if (n >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            i = 3;
        }
        while (i < n && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) {
            i++;
        }
        if (i < n && (head[i] == '{' || head[i] == '[')) {
            return EvidenceFile.Format.JSON;
        }
        if (ZeekTsvReader.sniff(head, n)) {
            return EvidenceFile.Format.ZEEK;
        }
        if (SyslogReader.sniff(head, n)) {
            return EvidenceFile.Format.SYSLOG;
        }
        return EvidenceFile.Format.UNKNOWN;
    }
}
