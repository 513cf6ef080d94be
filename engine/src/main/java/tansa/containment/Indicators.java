package tansa.containment;

import tansa.traffic.Networks;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * A plain indicator list: one IP address, CIDR range or domain name per line, {@code #}
 * comments and blank lines ignored, a CSV line's first column taken. Other indicators (hashes,
 * URLs) are skipped with a note: STIX, MISP and their matching belong to {@code hunt --ioc}.
 */
public final class Indicators {
    private static final Pattern DOMAIN = Pattern.compile("(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\\.)+[a-z][a-z0-9-]{0,62}");

    public record Indicator(String value, String type, String source) {
    }

    private Indicators() {
    }

    /** Reads {@code file}; {@code skipped} gets (line number, reason) for each line that is not an address or domain. */
    public static List<Indicator> load(Path file, BiConsumer<Long, String> skipped) throws IOException {
        List<Indicator> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String v = line.strip();
                int hash = v.indexOf('#');
                if (hash >= 0) {
                    v = v.substring(0, hash).strip();
                }
                int comma = v.indexOf(',');
                if (comma >= 0) {
                    v = v.substring(0, comma).strip();
                }
                if (v.startsWith("\"") && v.endsWith("\"") && v.length() > 1) {
                    v = v.substring(1, v.length() - 1);
                }
                if (v.isEmpty()) {
                    continue;
                }
                // defanged forms: 1.2.3[.]4, evil[.]com
                v = v.replace("[.]", ".").replace("(.)", ".");
                if (Networks.valid(v)) {
                    out.add(new Indicator(v, v.indexOf('/') >= 0 ? "cidr" : "ip", file.getFileName() + ":" + n));
                } else if (DOMAIN.matcher(v.toLowerCase(Locale.ROOT)).matches()) {
                    String d = v.toLowerCase(Locale.ROOT);
                    out.add(new Indicator(d.endsWith(".") ? d.substring(0, d.length() - 1) : d, "domain", file.getFileName() + ":" + n));
                } else if (n > 1 || !v.toLowerCase(Locale.ROOT).matches("[a-z_ ]+")) { // a header line is not worth a note
                    skipped.accept(n, "not an IP address, range or domain name; skipped");
                }
            }
        }
        return out;
    }
}
