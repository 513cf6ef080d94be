package tansa.exposure.scan;

import java.util.Locale;
import java.util.Set;

/**
 * Looks at the first bytes of a file: its signature (magic), whether it is text, and its entropy,
 * to tell archives, media, text and ransomware-encrypted content apart before any parser runs.
 */
final class Sniffer {
    static final int SAMPLE = 64 * 1024;

    /** Extensions that ransomware families append to the files they encrypt. */
    private static final Set<String> RANSOM_EXTENSIONS = Set.of(
            "locked", "encrypted", "enc", "crypt", "crypted", "crypto", "cry", "lockbit", "lockbit3", "conti", "ryk", "ryuk",
            "wncry", "wnry", "wcry", "akira", "basta", "blackcat", "alphv", "royal", "hive", "clop", "cl0p", "maze", "phobos",
            "djvu", "rhysida", "8base", "medusa", "locky", "zepto", "cerber", "cerber3", "aes256", "xtbl", "zzzzz", "micro",
            "babuk", "blackbasta", "lockfile", "play", "qilin", "ransom", "pay2key", "darkside", "revil", "sodinokibi");
    /** Extensions whose content must carry a known signature. */
    private static final Set<String> SIGNED_EXTENSIONS = Set.of(
            "docx", "xlsx", "pptx", "odt", "ods", "odp", "zip", "pdf", "doc", "xls", "ppt", "msg", "png", "jpg", "jpeg", "gif",
            "7z", "gz", "tgz", "rtf");
    private static final Set<String> TEXT_EXTENSIONS = Set.of(
            "txt", "text", "csv", "tsv", "log", "sql", "md", "json", "jsonl", "ndjson", "yaml", "yml", "ini", "cfg", "conf",
            "env", "properties", "sh", "bash", "zsh", "ps1", "bat", "cmd", "py", "java", "js", "ts", "go", "rb", "php", "c", "h",
            "cpp", "cs", "tf", "toml", "pem", "key", "tex", "srt", "xml", "config", "dat", "lst", "list", "tab", "dump");

    enum Kind { ZIP, TAR, GZIP, BZIP2, SEVEN_Z, PDF, OLE2, RTF, HTML, MEDIA, EXECUTABLE, TEXT, UNKNOWN }

    record Sniff(Kind kind, String mime, double entropy, boolean hasNul) {
    }

    private Sniffer() {
    }

    static String extension(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        int dot = name.lastIndexOf('.');
        return dot > slash && dot < name.length() - 1 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    static boolean ransomExtension(String name) {
        return RANSOM_EXTENSIONS.contains(extension(name));
    }

    static boolean signedExtension(String name) {
        return SIGNED_EXTENSIONS.contains(extension(name));
    }

    static boolean textExtension(String name) {
        return TEXT_EXTENSIONS.contains(extension(name));
    }

    static Sniff sniff(byte[] b, int n) {
        boolean nul = false;
        for (int k = 0; k < Math.min(n, 8192); k++) {
            if (b[k] == 0) {
                nul = true;
                break;
            }
        }
        double h = entropy(b, n);
        if (starts(b, n, 0x50, 0x4B, 0x03, 0x04) || starts(b, n, 0x50, 0x4B, 0x05, 0x06)) {
            return new Sniff(Kind.ZIP, "application/zip", h, nul);
        }
        if (n > 262 && b[257] == 'u' && b[258] == 's' && b[259] == 't' && b[260] == 'a' && b[261] == 'r') {
            return new Sniff(Kind.TAR, "application/x-tar", h, nul);
        }
        if (starts(b, n, 0x1F, 0x8B)) {
            return new Sniff(Kind.GZIP, "application/gzip", h, nul);
        }
        if (starts(b, n, 'B', 'Z', 'h')) {
            return new Sniff(Kind.BZIP2, "application/x-bzip2", h, nul);
        }
        if (starts(b, n, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
            return new Sniff(Kind.SEVEN_Z, "application/x-7z-compressed", h, nul);
        }
        if (starts(b, n, '%', 'P', 'D', 'F')) {
            return new Sniff(Kind.PDF, "application/pdf", h, nul);
        }
        if (starts(b, n, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return new Sniff(Kind.OLE2, "application/x-tika-msoffice", h, nul);
        }
        if (starts(b, n, '{', '\\', 'r', 't', 'f')) {
            return new Sniff(Kind.RTF, "application/rtf", h, nul);
        }
        String media = media(b, n);
        if (media != null) {
            return new Sniff(Kind.MEDIA, media, h, nul);
        }
        if (portableExecutable(b, n) || starts(b, n, 0x7F, 'E', 'L', 'F') || starts(b, n, 0xCA, 0xFE, 0xBA, 0xBE)
                || starts(b, n, 0xCF, 0xFA, 0xED, 0xFE)) {
            return new Sniff(Kind.EXECUTABLE, "application/octet-stream", h, nul);
        }
        // "MZ" without a PE header: a DOS program, a damaged or stripped executable, or data that
        // happens to start so; binary, not encrypted (its entropy says nothing about a cipher).
        if (starts(b, n, 'M', 'Z') && (nul || !mostlyText(b, n))) {
            return new Sniff(Kind.EXECUTABLE, "application/octet-stream", h, nul);
        }
        if (starts(b, n, 'S', 'Q', 'L', 'i', 't', 'e')) {
            return new Sniff(Kind.UNKNOWN, "application/x-sqlite3", h, nul);
        }
        if (!nul || utf16(b, n)) {
            if (looksHtml(b, n)) {
                return new Sniff(Kind.HTML, "text/html", h, nul);
            }
            if (mostlyText(b, n)) {
                return new Sniff(Kind.TEXT, "text/plain", h, nul);
            }
        }
        return new Sniff(Kind.UNKNOWN, "application/octet-stream", h, nul);
    }

    /** "MZ" alone is two bytes of chance: a PE file also has "PE\0\0" where e_lfanew points. */
    private static boolean portableExecutable(byte[] b, int n) {
        if (!starts(b, n, 'M', 'Z') || n < 0x40) {
            return false;
        }
        int pe = (b[0x3C] & 0xFF) | (b[0x3D] & 0xFF) << 8 | (b[0x3E] & 0xFF) << 16 | (b[0x3F] & 0xFF) << 24;
        return pe > 0 && pe + 4 <= n && b[pe] == 'P' && b[pe + 1] == 'E' && b[pe + 2] == 0 && b[pe + 3] == 0;
    }

    private static String media(byte[] b, int n) {
        if (starts(b, n, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (starts(b, n, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(b, n, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (starts(b, n, 'B', 'M') && n > 14 && b[6] == 0 && b[7] == 0) {
            return "image/bmp";
        }
        if (starts(b, n, 'I', 'I', 0x2A, 0x00) || starts(b, n, 'M', 'M', 0x00, 0x2A)) {
            return "image/tiff";
        }
        if (starts(b, n, 'R', 'I', 'F', 'F') && n > 12) {
            return b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P' ? "image/webp" : "audio/x-wav";
        }
        if (n > 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            return "video/mp4";
        }
        if (starts(b, n, 'I', 'D', '3') || starts(b, n, 0xFF, 0xFB) || starts(b, n, 'O', 'g', 'g', 'S') || starts(b, n, 'f', 'L', 'a', 'C')) {
            return "audio/mpeg";
        }
        if (starts(b, n, 0x1A, 0x45, 0xDF, 0xA3)) {
            return "video/webm";
        }
        return null;
    }

    static boolean starts(byte[] b, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int k = 0; k < magic.length; k++) {
            if ((b[k] & 0xFF) != magic[k]) {
                return false;
            }
        }
        return true;
    }

    static boolean utf16(byte[] b, int n) {
        if (starts(b, n, 0xFF, 0xFE) || starts(b, n, 0xFE, 0xFF)) {
            return true;
        }
        // No BOM: ASCII-range text in UTF-16 has a zero in every other byte.
        int zerosEven = 0;
        int zerosOdd = 0;
        int m = Math.min(n, 4096) & ~1;
        for (int k = 0; k < m; k += 2) {
            if (b[k] == 0) {
                zerosEven++;
            }
            if (b[k + 1] == 0) {
                zerosOdd++;
            }
        }
        return m >= 16 && (zerosOdd > m / 2 * 0.4 && zerosEven < m / 2 * 0.05 || zerosEven > m / 2 * 0.4 && zerosOdd < m / 2 * 0.05);
    }

    private static boolean looksHtml(byte[] b, int n) {
        String head = new String(b, 0, Math.min(n, 512), java.nio.charset.StandardCharsets.ISO_8859_1).stripLeading().toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html");
    }

    /** Few control characters other than tab, CR, LF, FF and ESC (ISO-2022-JP). */
    private static boolean mostlyText(byte[] b, int n) {
        if (utf16(b, n)) {
            return true;
        }
        int control = 0;
        int m = Math.min(n, 8192);
        for (int k = 0; k < m; k++) {
            int c = b[k] & 0xFF;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) {
                control++;
            }
        }
        return control <= m / 100;
    }

    /** Shannon entropy of the sample in bits per byte (8.0 for random or encrypted data). */
    static double entropy(byte[] b, int n) {
        if (n == 0) {
            return 0;
        }
        int[] counts = new int[256];
        for (int k = 0; k < n; k++) {
            counts[b[k] & 0xFF]++;
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * (Math.log(p) / Math.log(2));
            }
        }
        return h;
    }

    /**
     * Entropy above which a sample of n bytes without a known signature is taken for encrypted
     * data: random bytes reach log2(min(n, 256)) minus a small-sample bias.
     */
    static double encryptedThreshold(int n) {
        if (n < 512) {
            return Double.MAX_VALUE;
        }
        double max = Math.log(Math.min(n, 256)) / Math.log(2);
        double bias = 255.0 / (2 * n * Math.log(2));
        return max - bias - 0.1;
    }
}
