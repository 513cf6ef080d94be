package tansa.exposure.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An attacker's published file list: one file a line, as a path (POSIX, Windows or UNC) and a size
 * before or after it, separated by tabs, commas or spaces; sizes in bytes ({@code 2,345,678}) or
 * with a unit ({@code 1.2 MB}); JSON lines with path and size; a header line is skipped.
 */
public final class LeakList {
    /**
     * @param size      bytes as claimed, or null when the list gives none
     * @param tolerance how far a scanned size may differ and still match (rounding of "1.2 MB")
     */
    public record Claim(String path, Long size, long tolerance, int line) {
    }

    private static final Pattern SIZE = Pattern.compile(
            "(?i)(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)\\s*(bytes|byte|b|kb|kib|k|mb|mib|m|gb|gib|g)?");

    private static final Pattern PATH_COMMA_SIZE = Pattern.compile(
            "(.+?),(\\s*(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)\\s*[A-Za-z]*\\s*)");

    private LeakList() {
    }

    public static List<Claim> load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Claim> out = new ArrayList<>();
        ObjectMapper om = new ObjectMapper();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (n == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Claim c = line.startsWith("{") ? json(om, line, n + 1) : parse(line, n + 1);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private static Claim json(ObjectMapper om, String line, int n) {
        try {
            JsonNode node = om.readTree(line);
            String path = node.path("path").asText(node.path("name").asText(""));
            if (path.isEmpty()) {
                return null;
            }
            JsonNode sz = node.path("size");
            if (sz.isNumber()) {
                return new Claim(path, sz.asLong(), 0, n);
            }
            Sized s = size(sz.asText(""));
            return new Claim(path, s == null ? null : s.bytes, s == null ? 0 : s.tolerance, n);
        } catch (IOException e) {
            return parse(line, n);
        }
    }

    static Claim parse(String line, int n) {
        String[] fields = line.contains("\t") ? line.split("\t") : null;
        if (fields == null && line.contains(",")) {
            // "path,size" where the size may itself hold thousands separators: the shortest path
            // whose remainder is a size; or "size,path".
            Matcher m = PATH_COMMA_SIZE.matcher(line);
            if (m.matches() && size(m.group(2).strip()) != null) {
                fields = new String[] {m.group(1), m.group(2)};
            } else {
                int first = line.indexOf(',');
                if (size(line.substring(0, first).strip()) != null) {
                    fields = new String[] {line.substring(0, first), line.substring(first + 1)};
                }
            }
        }
        if (fields != null) {
            String path = null;
            Sized sz = null;
            for (String f : fields) {
                String v = f.strip();
                Sized s = size(v);
                if (s != null && sz == null && (path != null || fields.length > 1)) {
                    sz = s;
                } else if (path == null && !v.isEmpty()) {
                    path = v;
                }
            }
            if (path == null) {
                return null;
            }
            if (header(path, sz)) {
                return null;
            }
            return claim(path, sz, n);
        }
        // Spaces: size at the end ("x.pdf 12,345" / "x.pdf 1.2 MB") or at the start ("12345 x.pdf").
        String[] words = line.split("\\s+");
        if (words.length >= 2) {
            Sized s = size(words[words.length - 1]);
            if (s != null) {
                return claim(line.substring(0, line.lastIndexOf(words[words.length - 1])).strip(), s, n);
            }
            if (words.length >= 3) {
                s = size(words[words.length - 2] + " " + words[words.length - 1]);
                if (s != null) {
                    String tail = words[words.length - 2];
                    return claim(line.substring(0, line.lastIndexOf(tail)).strip(), s, n);
                }
            }
            s = size(words[0]);
            if (s != null) {
                return claim(line.substring(words[0].length()).strip(), s, n);
            }
        }
        if (header(line, null)) {
            return null;
        }
        return claim(line, null, n);
    }

    private static boolean header(String path, Sized sz) {
        String p = path.toLowerCase(Locale.ROOT);
        return sz == null && (p.equals("path") || p.equals("file") || p.equals("name") || p.startsWith("path,") || p.startsWith("path\t")
                || p.equals("path size") || p.equals("file size") || p.startsWith("filename"));
    }

    private static Claim claim(String path, Sized s, int n) {
        String p = path.strip();
        if (p.length() >= 2 && (p.startsWith("\"") && p.endsWith("\"") || p.startsWith("'") && p.endsWith("'"))) {
            p = p.substring(1, p.length() - 1);
        }
        if (p.isEmpty()) {
            return null;
        }
        return new Claim(p, s == null ? null : s.bytes, s == null ? 0 : s.tolerance, n);
    }

    private record Sized(long bytes, long tolerance) {
    }

    /** A whole size token: bytes, or a number with a unit; null if the token is not a size. */
    private static Sized size(String token) {
        Matcher m = SIZE.matcher(token.strip());
        if (!m.matches()) {
            return null;
        }
        String num = m.group(1).replace(",", "");
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        long mult;
        switch (unit) {
            case "": case "b": case "byte": case "bytes":
                if (num.contains(".")) {
                    return null;
                }
                return new Sized(Long.parseLong(num), 0);
            case "k": case "kb": case "kib":
                mult = 1024;
                break;
            case "m": case "mb": case "mib":
                mult = 1024 * 1024;
                break;
            default:
                mult = 1024L * 1024 * 1024;
        }
        double v = Double.parseDouble(num);
        int decimals = num.contains(".") ? num.length() - num.indexOf('.') - 1 : 0;
        double step = Math.pow(10, -decimals) * mult;
        // Lists round and use either 1000 or 1024: accept both bases within half a displayed step.
        long bytes = Math.round(v * mult);
        long tol = Math.round(step / 2 + v * mult * 0.025) + 1;
        return new Sized(bytes, tol);
    }
}
