package tansa.cli;

import picocli.CommandLine.Option;
import tansa.sigma.RuleCache;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --no-cache}: rule loading without the compiled rule-set cache (shared by hunt and rules check). */
final class CacheOption {
    @Option(names = "--no-cache",
            description = "Load the rules without the rule cache (default: $TANSA_CACHE_DIR, else $XDG_CACHE_HOME/tansa, "
                    + "else ~/.cache/tansa; an entry is keyed by the rules' bytes and paths, the mapping and the tansa build).")
    boolean noCache;

    /** The cache, or null with --no-cache; {@code err} gets its notes unless {@code quiet}. */
    RuleCache cache(PrintWriter err, boolean quiet) {
        if (noCache) {
            return null;
        }
        // the system property keeps test runs out of the user's cache (set by the build's surefire configuration)
        String forTests = System.getProperty("tansa.cache.dir");
        Path dir = forTests != null ? Path.of(forTests) : RuleCache.defaultDir(System.getenv(), System.getProperty("user.home"));
        return new RuleCache(dir, build(), note -> {
            if (!quiet) {
                err.println("tansa: note: " + note);
                err.flush();
            }
        });
    }

    /**
     * The tansa version and build: the manifest version plus the jar's size and modification
     * time, so that a rebuilt development snapshot (same version) never reuses entries of another.
     */
    static String build() {
        String v = Main.class.getPackage().getImplementationVersion();
        String stamp = "classes";
        try {
            Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code)) {
                stamp = Files.size(code) + "@" + Files.getLastModifiedTime(code).toMillis();
            }
        } catch (Exception e) {
            stamp = "unknown";
        }
        return "tansa " + (v == null ? "dev" : v) + " " + stamp;
    }
}
