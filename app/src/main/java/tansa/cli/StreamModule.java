package tansa.cli;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The stream module ({@code stream/}: Flink, Kafka and their ~100 MB of jars), loaded only by
 * {@code tansa stream} and {@code tansa ship}: from this class loader when it is on the class
 * path already (tests), else from {@code stream/target/tansa-stream.jar} and
 * {@code stream/target/lib/} beside the build (or {@code $TANSA_STREAM_HOME}) in a class loader
 * of its own whose parent is the CLI's, so engine types cross the boundary. No other command
 * loads a class of it: their start-up and class-data archive are unchanged.
 */
final class StreamModule {
    static final String FACADE = "tansa.stream.Commands";

    private StreamModule() {
    }

    /** Thrown when the module cannot be found or loaded; the message is one line for the user. */
    static final class Missing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Missing(String message) {
            super(message);
        }
    }

    /** Calls the facade's static method {@code name}; unwraps what it throws. */
    static Object call(String name, Object... args) {
        Class<?> facade = facade();
        for (Method m : facade.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                ClassLoader before = Thread.currentThread().getContextClassLoader();
                Thread.currentThread().setContextClassLoader(facade.getClassLoader());
                try {
                    return m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    Throwable t = e.getCause();
                    if (t instanceof RuntimeException r) {
                        throw r;
                    }
                    if (t instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(t.getMessage(), t);
                } catch (IllegalAccessException e) {
                    throw new Missing("the stream module's " + name + " cannot be called: " + e.getMessage());
                } finally {
                    Thread.currentThread().setContextClassLoader(before);
                }
            }
        }
        throw new Missing("the stream module has no " + name + " (stream/target is from another build: rebuild)");
    }

    /** Whether the module is on this JVM's class path (launched by ./tansa, or in its own tests). */
    static boolean onClassPath() {
        try {
            Class.forName(FACADE, false, StreamModule.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Class<?> facade() {
        try {
            return Class.forName(FACADE, true, StreamModule.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new Missing("the stream module is not on the class path: run 'tansa stream' and 'tansa ship' through ./tansa");
        }
    }

    /**
     * Runs this command again in a JVM whose class path has the module: Flink's MiniCluster
     * resolves job classes through the class loader that loaded Flink, which must be the
     * application's (a nested class loader fails job submission). For {@code java -jar
     * tansa.jar stream ...} and tests; ./tansa puts the module on the class path directly.
     * The child's output is copied to {@code out} and {@code err}; returns its exit code.
     */
    static int relaunch(List<String> args, PrintWriter out, PrintWriter err) {
        Path home = home();
        String cp = System.getProperty("java.class.path") + File.pathSeparator + home.resolve("tansa-stream.jar")
                + File.pathSeparator + home.resolve("lib") + File.separator + "*";
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-XX:+UseParallelGC"));
        String cacheDir = System.getProperty("tansa.cache.dir");
        if (cacheDir != null) {
            cmd.add("-Dtansa.cache.dir=" + cacheDir);
        }
        cmd.addAll(List.of("-cp", cp, "tansa.cli.Main"));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
            Thread e = pump(p.getErrorStream(), err);
            Thread o = pump(p.getInputStream(), out);
            int code = p.waitFor();
            o.join();
            e.join();
            return code;
        } catch (java.io.IOException e) {
            throw new Missing("cannot start " + java + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Missing("interrupted");
        }
    }

    private static Thread pump(java.io.InputStream in, PrintWriter to) {
        Thread t = new Thread(() -> {
            try (java.io.Reader r = new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)) {
                char[] buf = new char[8192];
                int n;
                while ((n = r.read(buf)) > 0) {
                    synchronized (to) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                }
            } catch (java.io.IOException ignored) {
                // the child ended
            }
        }, "tansa-stream-output");
        t.start();
        return t;
    }

    /** $TANSA_STREAM_HOME, else stream/target of the source tree this CLI was built in. */
    static Path home() {
        String env = System.getenv("TANSA_STREAM_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        try {
            Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null; p = p.getParent()) {
                Path t = p.resolve("stream").resolve("target");
                if (Files.isRegularFile(t.resolve("tansa-stream.jar"))) {
                    return t;
                }
            }
        } catch (java.net.URISyntaxException | SecurityException e) {
            // fall through
        }
        throw new Missing("the stream module is not built: run 'mvn -DskipTests package' in the source tree "
                + "(or set TANSA_STREAM_HOME to a directory with tansa-stream.jar and lib" + File.separator + ")");
    }

}
