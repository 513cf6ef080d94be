package tansa.exposure.detect;

/** Check-digit algorithms over strings of ASCII digits. */
public final class CheckDigits {
    private CheckDigits() {
    }

    /** ISO/IEC 7812 Luhn, as used by payment card numbers. */
    public static boolean luhn(String digits) {
        // Over a char[] rather than String.charAt: see TextScanner#startsWith.
        char[] cs = digits.toCharArray();
        int sum = 0;
        boolean dbl = false;
        for (int i = cs.length - 1; i >= 0; i--) {
            int d = cs[i] - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return digits.length() > 1 && sum % 10 == 0;
    }

    /**
     * The check digit of a 12-digit individual number (マイナンバー) from its first 11 digits, per
     * 総務省令 (行政手続における特定の個人を識別するための番号の利用等に関する法律施行令 第八条).
     */
    public static int myNumberCheckDigit(String first11) {
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int p = first11.charAt(11 - n) - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int r = sum % 11;
        return r <= 1 ? 0 : 11 - r;
    }

    public static boolean myNumber(String digits) {
        return digits.length() == 12 && myNumberCheckDigit(digits.substring(0, 11)) == digits.charAt(11) - '0';
    }

    /**
     * The check digit (the first of 13) of a corporate number (法人番号) from its 12 base digits, per
     * the 国税庁 specification: 9 - (Σ Pn×Qn mod 9), Pn the n-th digit from the right, Qn 1 (odd n) or 2.
     */
    public static int corporateNumberCheckDigit(String base12) {
        int sum = 0;
        for (int n = 1; n <= 12; n++) {
            int p = base12.charAt(12 - n) - '0';
            sum += p * ((n & 1) == 1 ? 1 : 2);
        }
        return 9 - sum % 9;
    }

    public static boolean corporateNumber(String digits) {
        return digits.length() == 13 && corporateNumberCheckDigit(digits.substring(1)) == digits.charAt(0) - '0';
    }
}
