package tansa.exposure.corpus2;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Values as people write them, from a seeded random source: names, addresses, numbers with their
 * check digits computed here from the published rules (not with the scanner's code), passwords
 * and tokens.
 */
final class People {
    private static final List<String> FAMILY = List.of("山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤");
    private static final List<String> GIVEN = List.of("太郎", "花子", "一郎", "美咲", "健太", "陽子", "翔", "愛", "大輔", "由美");
    private static final List<String> ROMAN_FAMILY = List.of("yamada", "sato", "suzuki", "takahashi", "tanaka", "ito", "watanabe", "nakamura");
    private static final List<String> ROMAN_GIVEN = List.of("taro", "hanako", "ichiro", "misaki", "kenta", "yoko", "sho", "ai");
    private static final List<String> DOMAINS = List.of("example.co.jp", "example.com", "mail.example.jp", "corp.example.net", "example.org");
    private static final List<String> WORDS = List.of("Winter", "Tokyo", "Sakura", "Falcon", "Dragon", "Summer", "Osaka", "Kappa", "Ninja", "Orion");
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    final Random r;

    People(long seed) {
        this.r = new Random(seed);
    }

    <T> T pick(List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    String nameJa() {
        return pick(FAMILY) + " " + pick(GIVEN);
    }

    String email() {
        String local = pick(ROMAN_GIVEN) + (r.nextBoolean() ? "." : "_") + pick(ROMAN_FAMILY) + (r.nextInt(3) == 0 ? String.valueOf(r.nextInt(100)) : "");
        return local + "@" + pick(DOMAINS);
    }

    String digits(int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    /** 個人番号: 11 digits and the check digit of the Cabinet Office ordinance (weights 6..2, 7..2 from the right). */
    String myNumber() {
        String base = String.valueOf(1 + r.nextInt(9)) + digits(10);
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int p = base.charAt(11 - n) - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int rem = sum % 11;
        return base + (rem <= 1 ? 0 : 11 - rem);
    }

    /** A My Number as written: 1234 5678 9012, 1234-5678-9012 or unbroken. */
    static String written(String myNumber, int style) {
        switch (style % 3) {
            case 0:
                return myNumber;
            case 1:
                return myNumber.substring(0, 4) + " " + myNumber.substring(4, 8) + " " + myNumber.substring(8);
            default:
                return myNumber.substring(0, 4) + "-" + myNumber.substring(4, 8) + "-" + myNumber.substring(8);
        }
    }

    String ssn() {
        int area;
        do {
            area = 1 + r.nextInt(899);
        } while (area == 666);
        return String.format(Locale.ROOT, "%03d%02d%04d", area, 1 + r.nextInt(99), 1 + r.nextInt(9999));
    }

    /** A Visa number (16 digits) with its Luhn digit. */
    String visa() {
        String base = "4" + digits(14);
        int sum = 0;
        for (int k = 0; k < 15; k++) {
            int d = base.charAt(14 - k) - '0';
            if (k % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return base + (10 - sum % 10) % 10;
    }

    /** A Japanese landline or mobile number as written, and its digits. */
    String[] phone() {
        String d = r.nextBoolean() ? "03" + digits(8) : "090" + digits(8);
        String w = d.startsWith("03") ? d.substring(0, 2) + "-" + d.substring(2, 6) + "-" + d.substring(6)
                : d.substring(0, 3) + "-" + d.substring(3, 7) + "-" + d.substring(7);
        return new String[] {w, d};
    }

    String password() {
        String[] symbols = {"!", "#", "@", "$", "%", "&", "*", "-", "_"};
        return pick(WORDS) + (char) ('a' + r.nextInt(26)) + digits(2 + r.nextInt(3)) + symbols[r.nextInt(symbols.length)] + digits(1);
    }

    String base62(int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            sb.append(BASE62.charAt(r.nextInt(62)));
        }
        return sb.toString();
    }

    /** A token of GitHub's (or npm's) 2021 format: 30 random characters and their CRC32 in base62. */
    String checksummedToken(String prefix) {
        String random = base62(30);
        CRC32 crc = new CRC32();
        for (int k = 0; k < random.length(); k++) {
            crc.update(random.charAt(k));
        }
        long v = crc.getValue();
        StringBuilder sum = new StringBuilder();
        for (int k = 0; k < 6; k++) {
            sum.insert(0, BASE62.charAt((int) (v % 62)));
            v /= 62;
        }
        return prefix + random + sum;
    }

    String fineGrainedToken() {
        return "github_pat_11" + base62(20) + "_" + base62(59);
    }

    /** JSON as Python's json.dumps writes it by default: every non-ASCII character escaped. */
    static String jsonAscii(String s) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c < 0x20 || c > 0x7E) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Numeric character references, as web pages obfuscate addresses and as XML writers escape. */
    static String charRefs(String s, boolean hex) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c > 0x7E || c == '@') {
                sb.append(hex ? String.format(Locale.ROOT, "&#x%X;", (int) c) : "&#" + (int) c + ";");
            } else if (c == '&') {
                sb.append("&amp;");
            } else if (c == '<') {
                sb.append("&lt;");
            } else if (c == '>') {
                sb.append("&gt;");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Percent-encoding of a query value (UTF-8), as browsers and URLEncoder write it. */
    static String urlEncode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Quoted-printable (RFC 2045) of UTF-8 text, lines folded at 76 with soft breaks. */
    static String quotedPrintable(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            StringBuilder l = new StringBuilder();
            for (byte b : line.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                String piece = b < 0 || b == '=' ? String.format(Locale.ROOT, "=%02X", b & 0xFF) : String.valueOf((char) b);
                if (l.length() + piece.length() > 75) {
                    out.append(l).append("=\r\n");
                    l.setLength(0);
                }
                l.append(piece);
            }
            out.append(l).append("\r\n");
        }
        return out.toString();
    }

    static String encodedWord(String s) {
        return "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "?=";
    }
}
