package tansa.cli;

import picocli.CommandLine;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/** Sizes and durations as people write them: {@code 8 GiB}, {@code 512M}, {@code 90s}, {@code 2m}. */
final class Units {
    private Units() {
    }

    /** Bytes from {@code 8589934592}, {@code 8 GiB}, {@code 8G}, {@code 1.5 MB} (KB/MB/GB are powers of 1000, K/M/G and KiB/MiB/GiB of 1024). */
    static long parseSize(String text) {
        String s = text.trim().replace("_", "");
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a size: write bytes or a number with a unit, such as 512 MiB or 8G");
        }
        BigDecimal n = new BigDecimal(s.substring(0, i));
        String unit = s.substring(i).trim().toUpperCase(Locale.ROOT);
        long mult;
        switch (unit) {
            case "": case "B": mult = 1; break;
            case "K": case "KIB": mult = 1L << 10; break;
            case "M": case "MIB": mult = 1L << 20; break;
            case "G": case "GIB": mult = 1L << 30; break;
            case "T": case "TIB": mult = 1L << 40; break;
            case "KB": mult = 1_000L; break;
            case "MB": mult = 1_000_000L; break;
            case "GB": mult = 1_000_000_000L; break;
            case "TB": mult = 1_000_000_000_000L; break;
            default:
                throw new IllegalArgumentException("'" + text + "': unknown size unit '" + s.substring(i).trim()
                        + "' (use B, KiB, MiB, GiB, TiB, KB, MB, GB, TB)");
        }
        try {
            return n.multiply(BigDecimal.valueOf(mult)).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large a size", e);
        }
    }

    /** A byte count as people read it: {@code 8 GiB}, {@code 1.5 MiB}, {@code 512 B}. */
    static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        if (u == 0) {
            return bytes + " B";
        }
        return (v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v)) + " " + units[u];
    }

    /** A duration from {@code 120} (seconds), {@code 90s}, {@code 2m}, {@code 1h}, {@code 1h30m}, {@code 500ms}. */
    static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(s));
        }
        if (!s.matches("(\\d+(ms|h|m|s))+")) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write 90s, 2m, 1h30m or a number of seconds");
        }
        Duration d = Duration.ZERO;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|h|m|s)").matcher(s);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms": d = d.plusMillis(n); break;
                case "h": d = d.plusHours(n); break;
                case "m": d = d.plusMinutes(n); break;
                default: d = d.plusSeconds(n); break;
            }
        }
        return d;
    }

    static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parseSize(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
