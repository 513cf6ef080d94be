package tansa.exposure.corpus;

import tansa.exposure.detect.CheckDigits;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/** Random sensitive values and their look-alikes, valid or deliberately invalid. */
final class Values {
    private static final String[] GIVEN = {"taro", "hanako", "kenji", "yuki", "john", "mary", "akira", "emi", "sato", "li"};
    private static final String[] DOMAINS = {"example.co.jp", "example.com", "corp.example.jp", "mail.example.org"};
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private final Random r;

    Values(Random r) {
        this.r = r;
    }

    String digits(int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    String email(int i) {
        return GIVEN[r.nextInt(GIVEN.length)] + "." + i + "." + r.nextInt(1000) + "@" + DOMAINS[r.nextInt(DOMAINS.length)];
    }

    /** A Luhn-valid card number of the given prefix and length. */
    String card(String prefix, int length) {
        String body = prefix + digits(length - prefix.length() - 1);
        for (int d = 0; d < 10; d++) {
            if (CheckDigits.luhn(body + d)) {
                return body + d;
            }
        }
        throw new AssertionError();
    }

    String visa() {
        return card("4", 16);
    }

    String luhnBroken(String valid) {
        int last = valid.charAt(valid.length() - 1) - '0';
        return valid.substring(0, valid.length() - 1) + (char) ('0' + (last + 1 + r.nextInt(8)) % 10);
    }

    static String group4(String d) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < d.length(); k += 4) {
            sb.append(k == 0 ? "" : " ").append(d, k, Math.min(d.length(), k + 4));
        }
        return sb.toString();
    }

    String myNumber() {
        String b = digits(11);
        return b + CheckDigits.myNumberCheckDigit(b);
    }

    String myNumberBroken() {
        String v = myNumber();
        int c = v.charAt(11) - '0';
        return v.substring(0, 11) + (char) ('0' + (c + 1 + r.nextInt(8)) % 10);
    }

    String corporate() {
        String b = digits(12);
        return CheckDigits.corporateNumberCheckDigit(b) + b;
    }

    String corporateBroken() {
        String v = corporate();
        int c = v.charAt(0) - '0';
        int other = (c + 1 + r.nextInt(8)) % 10;
        return (char) ('0' + other) + v.substring(1);
    }

    String ssn() {
        int area = 1 + r.nextInt(665);
        return String.format(Locale.ROOT, "%03d-%02d-%04d", area, 1 + r.nextInt(98), 1 + r.nextInt(9998));
    }

    String passport() {
        return "" + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26)) + digits(7);
    }

    /** A Japanese number in one of the usual written forms, with its normalised digits. */
    String[] jpPhone() {
        switch (r.nextInt(4)) {
            case 0: {
                String d = "03" + digits(8);
                return new String[] {d.substring(0, 2) + "-" + d.substring(2, 6) + "-" + d.substring(6), d};
            }
            case 1: {
                String d = "090" + digits(8);
                return new String[] {d.substring(0, 3) + "-" + d.substring(3, 7) + "-" + d.substring(7), d};
            }
            case 2: {
                String d = "080" + digits(8);
                return new String[] {toFullWidth(d.substring(0, 3) + "-" + d.substring(3, 7) + "-" + d.substring(7)), d};
            }
            default: {
                String n = "6" + digits(8);
                return new String[] {"+81 " + n.charAt(0) + "-" + n.substring(1, 5) + "-" + n.substring(5), "0" + n};
            }
        }
    }

    static String toFullWidth(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= '0' && c <= '9') {
                sb.append((char) (c - '0' + '\uFF10'));
            } else if (c == '-') {
                sb.append('\uFF0D');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    String awsKey() {
        String b32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder sb = new StringBuilder("AKIA");
        for (int k = 0; k < 16; k++) {
            sb.append(b32.charAt(r.nextInt(b32.length())));
        }
        return sb.toString();
    }

    String alnum(int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            sb.append(ALNUM.charAt(r.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    String githubToken() {
        String random = alnum(30);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(random.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        long v = crc.getValue();
        char[] sum = new char[6];
        String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        for (int k = 5; k >= 0; k--) {
            sum[k] = digits.charAt((int) (v % 62));
            v /= 62;
        }
        // A real token carries the CRC32 of its random part (issue 16): the scanner checks it.
        return "ghp_" + random + new String(sum);
    }

    String slackToken() {
        return "xoxb-" + digits(12) + "-" + digits(13) + "-" + alnum(24);
    }

    String jwt() {
        Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
        String h = e.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String p = e.encodeToString(("{\"sub\":\"" + digits(8) + "\",\"name\":\"user\"}").getBytes(StandardCharsets.UTF_8));
        return h + "." + p + "." + e.encodeToString(alnum(32).getBytes(StandardCharsets.UTF_8));
    }

    String password() {
        return alnum(6) + "!" + digits(2) + alnum(3);
    }

    String base64Line() {
        String b = ALNUM + "+/";
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 64; k++) {
            sb.append(b.charAt(r.nextInt(b.length())));
        }
        return sb.toString();
    }
}
