package tansa.exposure.scan;

import java.time.Duration;

/**
 * Per-file and per-archive limits; each is a command-line setting and the error that a limit
 * causes names the setting.
 *
 * @param timeout        wall time for extracting one document's text ({@code --timeout})
 * @param maxParseBytes  largest document handed to a parser ({@code --max-file-size})
 * @param maxDepth       archive nesting depth ({@code --max-depth})
 * @param maxRatio       largest expansion ratio of an archive member ({@code --max-ratio})
 * @param maxExpanded    bytes expanded from one top-level archive ({@code --max-expanded})
 */
public record ScanLimits(Duration timeout, long maxParseBytes, int maxDepth, long maxRatio, long maxExpanded) {
    public static ScanLimits defaults() {
        return new ScanLimits(Duration.ofSeconds(120), 256L << 20, 5, 200, 8L << 30);
    }

    public ScanLimits {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be positive");
        }
        if (maxParseBytes <= 0 || maxDepth < 0 || maxRatio <= 0 || maxExpanded <= 0) {
            throw new IllegalArgumentException("scan limits must be positive");
        }
    }
}
