package tansa.cli;

import picocli.CommandLine.Option;

/** Options shared by every command that reads evidence. */
final class ReadOptions {
    @Option(names = "--threads", paramLabel = "N", description = "Decoding threads (default: all cores).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No notes about damage that was worked around, no progress bar, no closing summary on stderr "
            + "(errors are still printed).")
    boolean quiet;

    int threads() {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        return threads;
    }
}
