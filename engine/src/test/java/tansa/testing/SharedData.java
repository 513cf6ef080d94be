package tansa.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared (SigmaHQ rules and regression data, the EVTX corpus) for tests. */
public final class SharedData {
    private SharedData() {
    }

    /** The shared directory; the surefire configuration passes it as {@code tansa.shared}. */
    public static Path root() {
        String p = System.getProperty("tansa.shared");
        Path root = p != null ? Path.of(p) : Path.of("..", "shared");
        if (!Files.isDirectory(root)) {
            root = Path.of("..", "..", "shared");
        }
        // CI always has shared/; a missing one is an environment problem, stated loudly.
        Assumptions.assumeTrue(Files.isDirectory(root), "shared data not found at " + root.toAbsolutePath());
        return root.toAbsolutePath().normalize();
    }

    public static Path regressionData() {
        return root().resolve("sigma/regression_data");
    }

    public static Path evtxCorpus() {
        return root().resolve("corpus/evtx");
    }
}
