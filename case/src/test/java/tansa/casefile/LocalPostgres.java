package tansa.casefile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests, from Debian's package ({@code /usr/lib/postgresql/N/bin}):
 * a fresh cluster in a temporary directory, trust authentication for the user {@value #USER}, a
 * free TCP port on 127.0.0.1 and the Unix socket in the same directory, fsync off. Run as root, the
 * server runs as the {@code postgres} user (PostgreSQL refuses root) through {@code runuser}.
 *
 * <p>{@link #shared()} starts one server per JVM on first use and stops it when the JVM exits; each
 * test takes its own database with {@link #newDatabase()}. Reused by other modules' tests through
 * tansa-case's test-jar. Thread-safe.
 */
public final class LocalPostgres implements AutoCloseable {
    public static final String USER = "tansa";
    private static LocalPostgres shared;

    private final Path dir;
    private final Path data;
    private final int port;
    private final Path bin;
    private final boolean root;
    private final AtomicInteger databases = new AtomicInteger();

    private LocalPostgres(Path dir, Path bin, int port, boolean root) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.bin = bin;
        this.port = port;
        this.root = root;
    }

    /** The JVM's server, started on first call and stopped at exit. */
    public static synchronized LocalPostgres shared() {
        if (shared == null) {
            LocalPostgres pg = start();
            Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "local-postgres-stop"));
            shared = pg;
        }
        return shared;
    }

    /** Whether a PostgreSQL server binary is installed (tests that need one can be skipped without it). */
    public static boolean available() {
        return findBin() != null;
    }

    /** Starts a new server; {@link #close()} stops it and deletes its files. */
    public static LocalPostgres start() {
        Path bin = findBin();
        if (bin == null) {
            throw new IllegalStateException("no PostgreSQL server found under /usr/lib/postgresql/*/bin "
                    + "(install Debian's postgresql package: scripts/setup --tests)");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("tansa-pg-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            LocalPostgres pg = new LocalPostgres(dir, bin, freePort(), root);
            pg.boot();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findBin() {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return null;
        }
        try (Stream<Path> s = Files.list(base)) {
            return s.map(p -> p.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("pg_ctl")))
                    .max(Comparator.comparing(p -> versionOf(p.getParent().getFileName().toString()))).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name.replaceAll("[^0-9].*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void boot() throws IOException {
        Files.createDirectories(data);
        if (root) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8",
                "--no-locale", "--no-sync"), true);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off "
                        + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100", "start"), true);
    }

    private void run(List<String> command, boolean asServerUser) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (root && asServerUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        Path log = Files.createTempFile("tansa-pg-cmd-", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                throw new IOException("failed (exit " + p.exitValue() + "): " + String.join(" ", cmd) + "\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    public int port() {
        return port;
    }

    /** {@code postgresql://tansa@127.0.0.1:PORT/DB}, the form {@code tansa --db} takes. */
    public String url(String database) {
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + database;
    }

    /** A JDBC URL for {@code database} (user in the URL's parameters). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    /** Creates an empty database of its own and returns its {@link #url(String)}. */
    public String newDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    /** Stops the server (immediately: its data is thrown away) and deletes its directory. */
    @Override
    public synchronized void close() {
        if (!Files.isDirectory(data)) {
            return;
        }
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), true);
        } catch (IOException e) {
            // already stopped, or never started: the files still go
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
