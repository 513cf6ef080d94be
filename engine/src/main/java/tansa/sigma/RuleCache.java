package tansa.sigma;

import tansa.sigma.logsource.LogSourceMapping;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;

/**
 * The compiled rule-set cache: one file per key in a directory, holding what a load learns
 * from the rule files (parsed documents, load problems, per-rule compile outcomes; see
 * {@link CachedLoad}), so that a warm load skips YAML parsing, validation and compiling rules
 * that no event reaches.
 *
 * <p>The key is a SHA-256 over the cache format, the tansa version (with its build), the
 * log-source mapping (origin and text) and every rule file's path and bytes (through their SHA-256) in load order, so
 * an edited, added, removed or renamed rule, another mapping or another build never meets an
 * entry made for other inputs. The file is named after the key and repeats it inside; a
 * payload whose length or CRC-32C does not check out is reported in one note and rebuilt.
 * Entries are written to a temporary file and renamed into place, so concurrent runs see
 * either a whole entry or none. At most {@link #KEEP} entries are kept (the least recently
 * written go first).
 *
 * <p>A warm load need not read the rule files at all: a small <em>stat index</em> maps what a
 * directory walk sees of them (each path, size, modification and status-change time and file
 * key where the file system has no status-change time, with the version and mapping) to the content key of the entry last loaded for them, as
 * git's index maps stat data to blob hashes. It is trusted only when every file's times are
 * older than the index by {@link #RACY_NANOS}: a file written in the same clock tick as the
 * walk that saw it (a "racily clean" file) could change without its times changing, so then
 * the files are read and hashed again. Any edit, rename, replacement, permission change or
 * touch changes what the walk sees and so misses the index.
 *
 * <p>Thread-safe for concurrent loads in one process as well as across processes.
 */
public final class RuleCache {
    /** How a load used the cache. */
    public enum Use { HIT, MISS, REBUILT }

    static final int KEEP = 8;
    private static final byte[] MAGIC = "TANSARUL".getBytes(StandardCharsets.US_ASCII);
    /** Magic, format, key, payload length. */
    private static final int HEADER = MAGIC.length + 4 + 32 + 4;
    private static final String SUFFIX = ".rules";
    private static final byte[] STAT_MAGIC = "TANSASTA".getBytes(StandardCharsets.US_ASCII);
    /** Magic, format, stat key, content key, time written, CRC-32C. */
    private static final int STAT_LENGTH = STAT_MAGIC.length + 4 + 32 + 32 + 8 + 4;
    private static final String STAT_SUFFIX = ".key";
    /**
     * A file whose modification or status-change time is within this of the stat index's own
     * time is not trusted to be unchanged (coarse file-system clocks: FAT keeps 2 s).
     */
    static final long RACY_NANOS = 3_000_000_000L;
    /** {@link #RACY_NANOS}, shorter in tests (whose files are always new). */
    long racyNanos = RACY_NANOS;

    private final Path dir;
    private final String version;
    private final Consumer<String> notes;
    private volatile Use last;
    private volatile boolean statTrusted;

    /**
     * A cache in {@code dir} (created when first written) for this {@code version} of tansa;
     * {@code notes} receives one-line notes (a damaged entry, a directory that cannot be written).
     */
    public RuleCache(Path dir, String version, Consumer<String> notes) {
        this.dir = dir;
        this.version = version;
        this.notes = notes;
    }

    /**
     * The default cache directory: {@code $TANSA_CACHE_DIR}, else {@code $XDG_CACHE_HOME/tansa},
     * else {@code ~/.cache/tansa}.
     */
    public static Path defaultDir(Map<String, String> env, String userHome) {
        String own = env.get("TANSA_CACHE_DIR");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "tansa");
        }
        return Path.of(userHome, ".cache", "tansa");
    }

    public Path dir() {
        return dir;
    }

    /** How the last load through this cache used it (null before any). */
    public Use lastUse() {
        return last;
    }

    /** Whether the last stat-index lookup found the files unchanged since the index was written (their bytes were not read). */
    boolean statTrusted() {
        return statTrusted;
    }

    /** The key of a load: see the class comment. */
    byte[] key(LogSourceMapping mapping, List<RuleLoader.Source> sources) {
        MessageDigest all = sha256();
        update(all, "tansa rule cache " + RuleCodec.FORMAT);
        update(all, version);
        update(all, mapping.origin());
        update(all, mapping.text());
        all.update(ByteBuffer.allocate(4).putInt(sources.size()).array());
        for (RuleLoader.Source s : sources) {
            update(all, s.file());
            if (s.problem() != null) {
                update(all, "unreadable: " + s.problem().reason());
            } else {
                all.update(s.digest());
            }
        }
        return all.digest();
    }

    /** What the directory walk and a status read saw of the rule files: the stat index's key and the newest time among them. */
    record Stat(byte[] key, long newest) {
    }

    /**
     * The stat key of a load: the cache format, version, mapping and, per file in load order,
     * its path, size, modification time, status-change time (where the file system keeps one:
     * it changes with every write, rename and chmod and cannot be set back) and file key.
     */
    Stat stat(LogSourceMapping mapping, List<RuleLoader.Listed> files) {
        long[] changed = new long[files.size()];
        boolean unix = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
        IntStream.range(0, changed.length).parallel().forEach(i -> changed[i] = changed(files.get(i).path(), unix));
        MessageDigest all = sha256();
        update(all, "tansa rule cache stat " + RuleCodec.FORMAT);
        update(all, version);
        update(all, mapping.origin());
        update(all, mapping.text());
        // One buffer for every file's stat data, digested at once (a warm load's cost is per file).
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(files.size() * 128);
        DataOutputStream data = new DataOutputStream(bytes);
        long newest = Long.MIN_VALUE;
        try {
            data.writeInt(files.size());
            for (int i = 0; i < changed.length; i++) {
                RuleLoader.Listed l = files.get(i);
                byte[] path = l.path().toString().getBytes(StandardCharsets.UTF_8);
                data.writeInt(path.length);
                data.write(path);
                data.writeLong(l.size());
                data.writeLong(l.modified());
                data.writeLong(changed[i]);
                if (!unix) {
                    // without a status-change time, the file key tells a replaced file (with ctime: redundant)
                    data.writeUTF(String.valueOf(l.fileKey()));
                }
                newest = Math.max(newest, Math.max(l.modified(), changed[i]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array cannot fail
        }
        all.update(bytes.toByteArray());
        return new Stat(all.digest(), newest);
    }

    /** The status-change time in nanoseconds, or 0 where the file system has none or it cannot be read. */
    private static long changed(Path p, boolean unix) {
        if (!unix) {
            return 0;
        }
        try {
            return ((FileTime) Files.getAttribute(p, "unix:ctime")).to(TimeUnit.NANOSECONDS);
        } catch (IOException | RuntimeException e) {
            return -1; // unreadable: the content read that follows reports it
        }
    }

    /**
     * The content key the stat index holds for {@code stat}, or null when it has none, the
     * index is damaged, or a file is too new to be trusted unchanged: the caller reads and
     * hashes the files.
     */
    byte[] keyOf(Stat stat) {
        statTrusted = false;
        byte[] b;
        try {
            b = Files.readAllBytes(statFile(stat.key()));
        } catch (IOException e) {
            return null;
        }
        ByteBuffer bb = ByteBuffer.wrap(b);
        if (b.length != STAT_LENGTH || !Arrays.equals(b, 0, STAT_MAGIC.length, STAT_MAGIC, 0, STAT_MAGIC.length)
                || bb.getInt(STAT_MAGIC.length) != RuleCodec.FORMAT
                || !Arrays.equals(b, STAT_MAGIC.length + 4, STAT_MAGIC.length + 36, stat.key(), 0, 32)) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        if ((int) crc.getValue() != bb.getInt(b.length - 4)) {
            return null;
        }
        long written = bb.getLong(STAT_MAGIC.length + 68);
        if (stat.newest() > written - racyNanos) {
            return null;
        }
        statTrusted = true;
        return Arrays.copyOfRange(b, STAT_MAGIC.length + 36, STAT_MAGIC.length + 68);
    }

    /** Records that the files {@code stat} describes have the content key {@code key}; best effort (a failure is silent: the entry's own write reports an unwritable directory). */
    void remember(Stat stat, byte[] key) {
        ByteBuffer bb = ByteBuffer.allocate(STAT_LENGTH);
        Instant t = Instant.now();
        long now = t.getEpochSecond() * 1_000_000_000L + t.getNano();
        bb.put(STAT_MAGIC).putInt(RuleCodec.FORMAT).put(stat.key(), 0, 32).put(key, 0, 32).putLong(now);
        CRC32C crc = new CRC32C();
        crc.update(bb.array(), 0, bb.position());
        bb.putInt((int) crc.getValue());
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "stat-", ".tmp");
            Files.write(tmp, bb.array());
            Files.move(tmp, statFile(stat.key()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            prune("stat-*" + STAT_SUFFIX, 4 * KEEP, null);
        } catch (IOException | RuntimeException e) {
            // best effort: without the index the next load hashes the files
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // harmless
                }
            }
        }
    }

    Path statFile(byte[] statKey) {
        return dir.resolve("stat-" + HexFormat.of().formatHex(statKey, 0, 20) + STAT_SUFFIX);
    }

    Path file(byte[] key) {
        return dir.resolve("rules-" + HexFormat.of().formatHex(key, 0, 20) + SUFFIX);
    }

    /** The entry for {@code key}, or null when there is none or it is damaged (noted; the caller rebuilds it). */
    CachedLoad read(byte[] key) {
        byte[] b = bytes(key);
        if (b == null) {
            return null;
        }
        try {
            CachedLoad load = decode(b, key);
            last = Use.HIT;
            return load;
        } catch (CorruptCacheException e) {
            damaged(key, e);
            return null;
        }
    }

    /** The entry file's bytes, or null (a miss) when there is none or it cannot be read. */
    private byte[] bytes(byte[] key) {
        Path f = file(key);
        try {
            return Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            last = Use.MISS;
            return null;
        } catch (IOException e) {
            last = Use.MISS;
            if (!Files.exists(f)) {
                return null; // e.g. the cache directory is a file: the write reports it
            }
            notes.accept("cannot read the rule cache " + f + ": " + e.getMessage() + "; loading the rules without it");
            return null;
        }
    }

    /** The entry for {@code key} decoded but disagreed with the rules (a collision or a bug): noted, rebuilt. */
    void damaged(byte[] key, CorruptCacheException e) {
        notes.accept("rule cache " + file(key) + " is damaged (" + e.getMessage() + "); rebuilding it");
        last = Use.REBUILT;
    }

    /** The load report of the entry for {@code key}, or null as {@link #read}. */
    LoadReport readReport(byte[] key) {
        byte[] b = bytes(key);
        if (b == null) {
            return null;
        }
        try {
            checkFrame(b, key);
            LoadReport r = RuleCodec.decodeReport(b, HEADER, b.length - 4);
            last = Use.HIT;
            return r;
        } catch (CorruptCacheException e) {
            damaged(key, e);
            return null;
        } catch (RuntimeException e) {
            damaged(key, new CorruptCacheException("undecodable report (" + e.getClass().getSimpleName() + ")"));
            return null;
        }
    }

    static CachedLoad decode(byte[] b, byte[] key) {
        checkFrame(b, key);
        try {
            return RuleCodec.decode(b, HEADER, b.length - 4);
        } catch (RuntimeException e) {
            // the checksum held, so this is a bug or a collision: still never trusted
            if (e instanceof CorruptCacheException) {
                throw e;
            }
            throw new CorruptCacheException("undecodable payload (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Magic, format, key, length and CRC-32C: a file that passes is whole and made for {@code key}. */
    private static void checkFrame(byte[] b, byte[] key) {
        if (b.length < HEADER + 4) {
            throw new CorruptCacheException("file of " + b.length + " bytes is shorter than its " + (HEADER + 4) + "-byte frame");
        }
        if (!Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CorruptCacheException("not a tansa rule cache file");
        }
        ByteBuffer bb = ByteBuffer.wrap(b);
        int format = bb.getInt(MAGIC.length);
        if (format != RuleCodec.FORMAT) {
            throw new CorruptCacheException("format " + format + " vs expected " + RuleCodec.FORMAT);
        }
        if (!Arrays.equals(b, MAGIC.length + 4, MAGIC.length + 36, key, 0, 32)) {
            throw new CorruptCacheException("made for other rules");
        }
        int length = bb.getInt(MAGIC.length + 36);
        if (length != b.length - HEADER - 4) {
            throw new CorruptCacheException("payload length " + (b.length - HEADER - 4) + " vs expected " + length);
        }
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        int want = bb.getInt(b.length - 4);
        if ((int) crc.getValue() != want) {
            throw new CorruptCacheException(String.format(java.util.Locale.ROOT, "checksum %08x vs expected %08x",
                    (int) crc.getValue(), want));
        }
    }

    static byte[] encode(CachedLoad load, byte[] key) {
        byte[] payload = RuleCodec.encode(load);
        ByteBuffer bb = ByteBuffer.allocate(HEADER + payload.length + 4);
        bb.put(MAGIC).putInt(RuleCodec.FORMAT).put(key, 0, 32).putInt(payload.length).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(bb.array(), 0, bb.position());
        bb.putInt((int) crc.getValue());
        return bb.array();
    }

    /** Stores {@code load} under {@code key}: temporary file, then an atomic rename. A failure is a note. */
    void write(byte[] key, CachedLoad load) {
        Path f = file(key);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "rules-", ".tmp");
            Files.write(tmp, encode(load, key));
            try {
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            prune("rules-*" + SUFFIX, KEEP, f);
        } catch (IOException | RuntimeException e) {
            notes.accept("cannot write the rule cache in " + dir + ": " + e.getMessage() + "; the next run loads the rules again");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // best effort: a stray temporary file is harmless
                }
            }
        }
    }

    /** Deletes the oldest files matching {@code glob} beyond {@code keep} (never {@code current}); races with other runs are harmless. */
    private void prune(String glob, int keep, Path current) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) {
                entries.add(p);
            }
        }
        if (entries.size() <= keep) {
            return;
        }
        List<Aged> aged = new ArrayList<>();
        for (Path p : entries) {
            try {
                aged.add(new Aged(p, Files.getLastModifiedTime(p).toMillis()));
            } catch (IOException e) {
                // deleted by another run meanwhile
            }
        }
        aged.sort(java.util.Comparator.comparingLong(Aged::millis).reversed());
        for (int i = keep; i < aged.size(); i++) {
            if (!aged.get(i).path().equals(current)) {
                Files.deleteIfExists(aged.get(i).path());
            }
        }
    }

    private record Aged(Path path, long millis) {
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static void update(MessageDigest d, String s) {
        byte[] b = (s == null ? "\u0000null" : s).getBytes(StandardCharsets.UTF_8);
        d.update(ByteBuffer.allocate(4).putInt(b.length).array());
        d.update(b);
    }
}
