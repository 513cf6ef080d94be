package tansa.exposure.claims;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file size as a leak list writes it: bytes with or without thousands separators ({@code 184,320},
 * {@code 184.320}, {@code 184'320}, {@code 184 320}), or a number with a unit ({@code 12 KB},
 * {@code 1.2 MiB}, {@code 3,4 Go}, {@code 1.2K} as {@code ls -h} prints it).
 *
 * <p>A size in bytes is exact. A size with a unit is approximate: the list may have rounded to
 * nearest, up ({@code ls -h}, Explorer) or down, and "KB" may mean 1000 or 1024, so the accepted
 * range is everything strictly within one displayed step of the value, in either base (only 1024
 * for the binary units {@code KiB}, {@code Kio}).
 *
 * @param bytes the size in bytes (a unit counts 1024)
 * @param min   the smallest size the text can stand for
 * @param max   the largest size the text can stand for
 */
public record SizeText(String text, long bytes, long min, long max) {
    /** Digits with one kind of thousands separator, or digits with a decimal part, then an optional unit. */
    static final String NUMBER = "\\d{1,3}(?:(?<sep>[,.'\u00a0\u202f ])\\d{3})(?:\\k<sep>\\d{3})*(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?";
    static final String UNIT = "(?:bytes|byte|octets|octet|[kmgt]i?[bo]|[kmgt]|b|o)";
    private static final Pattern WHOLE = Pattern.compile("(?<num>" + NUMBER + ")\\s?(?<unit>" + UNIT + ")?", Pattern.CASE_INSENSITIVE);

    /** The size a whole token stands for, or null when the token is not a size. */
    public static SizeText parse(String token) {
        String t = token.strip();
        if (t.length() >= 2 && (t.charAt(0) == '(' && t.endsWith(")") || t.charAt(0) == '[' && t.endsWith("]"))) {
            t = t.substring(1, t.length() - 1).strip();
        }
        if (t.isEmpty() || t.length() > 40 || !Character.isDigit(t.charAt(0))) {
            return null;
        }
        Matcher m = WHOLE.matcher(t);
        if (!m.matches()) {
            return null;
        }
        String num = m.group("num");
        String unit = m.group("unit") == null ? "" : m.group("unit").toLowerCase(Locale.ROOT);
        int power = power(unit);
        if (power == 0) {
            String digits = bytesDigits(num);
            if (digits == null || digits.length() > 18) {
                return null;
            }
            long b = Long.parseLong(digits);
            return new SizeText(token.strip(), b, b, b);
        }
        String decimal = decimal(num, unit);
        if (decimal == null || decimal.length() > 24) {
            return null;
        }
        double v = Double.parseDouble(decimal);
        int dot = decimal.indexOf('.');
        double step = dot < 0 ? 1 : Math.pow(10, -(decimal.length() - dot - 1));
        boolean binary = unit.length() == 3 && unit.charAt(1) == 'i';
        double lowBase = Math.pow(binary ? 1024 : 1000, power);
        double highBase = Math.pow(1024, power);
        long bytes = Math.round(v * highBase);
        long min = (long) Math.floor(Math.max(0, v - step) * lowBase) + 1;
        long max = (long) Math.ceil((v + step) * highBase) - 1;
        return new SizeText(token.strip(), bytes, Math.min(min, bytes), Math.max(max, bytes));
    }

    public boolean exact() {
        return min == max;
    }

    /** 0 for bytes, 1 for K..., or -1 for an unknown unit (never: the pattern only admits these). */
    private static int power(String unit) {
        if (unit.isEmpty() || unit.startsWith("b") || unit.startsWith("o")) {
            return 0;
        }
        return "kmgt".indexOf(unit.charAt(0)) + 1;
    }

    /** Bytes: every separator is a thousands separator and groups have three digits; no decimals. */
    private static String bytesDigits(String num) {
        StringBuilder b = new StringBuilder(num.length());
        int group = -1;
        for (int i = 0; i < num.length(); i++) {
            char c = num.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
                if (group >= 0) {
                    group++;
                }
            } else {
                if (group >= 0 && group != 3) {
                    return null;
                }
                group = 0;
            }
        }
        return group >= 0 && group != 3 ? null : b.toString();
    }

    /**
     * A number before a unit as a plain decimal: the last separator is the decimal point when it is
     * not followed by exactly three digits, when it differs from an earlier separator
     * ({@code 1,234.5} / {@code 1.234,5}), when it is a '.', or when it is a ',' before a French
     * unit ({@code 3,4 Go}, {@code 1,234 Ko}); any other separator is a thousands separator.
     */
    private static String decimal(String num, String unit) {
        int last = -1;
        for (int i = num.length() - 1; i >= 0; i--) {
            if (!Character.isDigit(num.charAt(i))) {
                last = i;
                break;
            }
        }
        if (last < 0) {
            return num;
        }
        char sep = num.charAt(last);
        boolean three = num.length() - last - 1 == 3;
        boolean earlierDiffers = false;
        boolean earlierSame = false;
        for (int i = 0; i < last; i++) {
            char c = num.charAt(i);
            if (!Character.isDigit(c)) {
                earlierDiffers |= c != sep;
                earlierSame |= c == sep;
            }
        }
        boolean french = unit.endsWith("o") || unit.startsWith("octet");
        boolean isDecimal = (sep == '.' || sep == ',')
                && !earlierSame && (!three || earlierDiffers || sep == '.' || french);
        StringBuilder b = new StringBuilder(num.length());
        for (int i = 0; i < num.length(); i++) {
            char c = num.charAt(i);
            if (Character.isDigit(c)) {
                b.append(c);
            } else if (i == last && isDecimal) {
                b.append('.');
            }
        }
        return b.toString();
    }
}
