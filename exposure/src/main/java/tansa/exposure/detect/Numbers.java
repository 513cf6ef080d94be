package tansa.exposure.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static tansa.exposure.detect.FindingType.*;

/**
 * Written numbers: SSN, payment cards (Luhn and issuer prefix), corporate numbers (check digit),
 * My Number (check digit and context), Japanese and international phone numbers, and passports.
 * A candidate is first mapped to ASCII (full-width digits, 全角ハイフン, 長音符 used as a dash) in a
 * reused buffer of the same length, so matched positions map one-to-one back to the text.
 */
final class Numbers {
    private static final int MAX = 32;
    private static final Pattern SSN = Pattern.compile("(?!000|666|9)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![0-9]|-[0-9])");
    private static final Pattern CARD = Pattern.compile(
            "(?:\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{1,3})?|\\d{4}([ -])\\d{6}\\2\\d{4,5}|\\d{14,19})(?![0-9]|-[0-9])");
    private static final Pattern CORPORATE = Pattern.compile("(?:\\d{13}|\\d-\\d{4}-\\d{4}-\\d{4})(?![0-9]|-[0-9])");
    private static final Pattern MY_NUMBER = Pattern.compile("\\d{4}([ -]?)\\d{4}\\1\\d{4}(?![0-9]|-[0-9]|\\1[0-9])");
    private static final Pattern JP_PHONE = Pattern.compile(
            "(?:0\\d{1,4}([- ])\\d{1,4}\\1\\d{4}|\\(0\\d{1,4}\\) ?\\d{1,4}-\\d{4}|0\\d{1,4}\\(\\d{1,4}\\)\\d{4}|0[5789]0\\d{8})(?![0-9]|-[0-9])");
    private static final Pattern INTL_PHONE = Pattern.compile(
            "\\+(\\d{1,3})(?:[ -]?\\((0)\\))?(?:[ -]?\\d{1,4}){2,5}(?![0-9]|-[0-9])");
    private static final Pattern US_PHONE = Pattern.compile(
            "(?:\\([2-9]\\d{2}\\) ?\\d{3}-\\d{4}|[2-9]\\d{2}([-.])\\d{3}\\1\\d{4})(?![0-9]|-[0-9])");

    private static final String[] MY_NUMBER_CONTEXT = {"\u500B\u4EBA\u756A\u53F7", "\u30DE\u30A4\u30CA\u30F3\u30D0\u30FC", "my number", "mynumber", "my_number"};
    private static final String[] PASSPORT_CONTEXT = {"passport", "\u65C5\u5238", "\u30D1\u30B9\u30DD\u30FC\u30C8"};
    private static final String[] CORPORATE_CONTEXT = {"\u6CD5\u4EBA\u756A\u53F7", "corporate number"};
    private static final String[] SSN_CONTEXT = {"ssn", "social security"};

    private final TextScanner s;
    private final StringBuilder view = new StringBuilder(MAX);
    private final Matcher ssn = SSN.matcher("");
    private final Matcher card = CARD.matcher("");
    private final Matcher corporate = CORPORATE.matcher("");
    private final Matcher myNumber = MY_NUMBER.matcher("");
    private final Matcher jpPhone = JP_PHONE.matcher("");
    private final Matcher intlPhone = INTL_PHONE.matcher("");
    private final Matcher usPhone = US_PHONE.matcher("");
    final ColumnContext columns;

    Numbers(TextScanner s, ColumnContext columns) {
        this.s = s;
        this.columns = columns;
    }

    int at(int i) {
        char prev = s.at(i - 1);
        if (Chars.isWordChar(prev) || prev == '+' || prev == '-' && Chars.isDigit(s.at(i - 2))
                || prev == '.' && Chars.isDigit(s.at(i - 2)) || prev == '/' || prev == '\\' || prev == '#') {
            return skipDigits(i);
        }
        char c0 = s.buf[i];
        if (!Chars.isDigit(c0) && !Chars.isDigit(s.at(i + 1)) && !(c0 == '(' || c0 == '\uFF08') ) {
            return i + 1;
        }
        fillView(i);
        if (view.length() == 0) {
            return i + 1;
        }
        char v0 = view.charAt(0);
        if (v0 == '+') {
            return intl(i);
        }
        // Every type but international phone numbers has at least nine digits: most numbers in
        // text (dates, times, counts) stop here without a regular expression.
        int digits = 0;
        for (int k = 0; k < view.length(); k++) {
            char c = view.charAt(k);
            if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        if (digits < 9) {
            return v0 == '(' ? i + 1 : skipDigits(i);
        }
        if (v0 == '(') {
            int r = match(jpPhone, i, PII_PHONE, 0.9);
            if (r > i) {
                return r;
            }
            r = match(usPhone, i, PII_PHONE, 0.85);
            return r > i ? r : i + 1;
        }
        if (!Chars.isDigit(s.buf[i])) {
            return i + 1;
        }
        int r;
        // "3512 0022 7915 6385": a group after a digit and a separator continues a longer number,
        // so only a phone number (space-separated columns) may start there.
        boolean continuation = (prev == ' ' || prev == '-') && Chars.isDigit(s.at(i - 2));
        // Each pattern runs only where the view can hold it (SSN 3-2-4 with hyphens, cards at
        // least 14 digits, corporate numbers 13, My Number 12): a phone number or My Number no
        // longer goes through three or four regular expressions that cannot match.
        if (!continuation) {
            if (view.length() >= 11 && view.charAt(3) == '-' && view.charAt(6) == '-' && (r = ssnAt(i)) > i) {
                return r;
            }
            if (digits >= 14 && (r = cardAt(i)) > i) {
                return r;
            }
            if (digits >= 13 && (r = corporateAt(i)) > i) {
                return r;
            }
            if (digits >= 12 && (r = myNumberAt(i)) > i) {
                return r;
            }
        }
        if (digits == 9 && view.length() == 9 && columns.has(ColumnContext.SSN, i) && (r = plainSsnAt(i)) > i) {
            return r;
        }
        // A Japanese number starts with 0 here (the bracketed forms were tried above), a US one with 2-9.
        if (v0 == '0' && (r = jpPhoneAt(i)) > i) {
            return r;
        }
        if (v0 >= '2' && v0 <= '9' && (r = match(usPhone, i, PII_PHONE, 0.85)) > i) {
            return r;
        }
        return skipDigits(i);
    }

    private int skipDigits(int i) {
        int k = i;
        while (k < s.len && Chars.isDigit(s.buf[k])) {
            k++;
        }
        return Math.max(k, i + 1);
    }

    private void fillView(int i) {
        view.setLength(0);
        int lim = Math.min(s.len, i + MAX);
        for (int k = i; k < lim; k++) {
            char c = Chars.numberChar(s.buf[k]);
            if (c == 0) {
                break;
            }
            view.append(c);
        }
    }

    /** Matches at the start of the view; returns the end in the text or -1. */
    private int end(Matcher m, int i) {
        m.reset(view);
        return m.lookingAt() ? i + m.end() : -1;
    }

    private int match(Matcher m, int i, FindingType type, double confidence) {
        int e = end(m, i);
        if (e < 0 || Chars.isWordChar(s.at(e))) {
            return i;
        }
        s.emit(type, null, null, i, e, Chars.digitsOf(view.subSequence(0, e - i)), confidence);
        return e;
    }

    private int ssnAt(int i) {
        int e = end(ssn, i);
        if (e < 0 || Chars.isWordChar(s.at(e))) {
            return i;
        }
        s.emit(PII_US_SSN, null, null, i, e, Chars.digitsOf(view.subSequence(0, e - i)), s.near(i, 80, 20, SSN_CONTEXT) || columns.has(ColumnContext.SSN, i) ? 0.97 : 0.85);
        return e;
    }

    /** Nine digits without hyphens in a column headed SSN: the area, group and serial rules. */
    private int plainSsnAt(int i) {
        if (Chars.isWordChar(s.at(i + 9))) {
            return i;
        }
        String d = view.toString();
        int area = Integer.parseInt(d.substring(0, 3));
        if (area == 0 || area == 666 || area >= 900 || d.startsWith("00", 3) || d.startsWith("0000", 5)) {
            return i;
        }
        s.emit(PII_US_SSN, null, null, i, i + 9, d, 0.95);
        return i + 9;
    }

    private int cardAt(int i) {
        int e = end(card, i);
        if (e < 0 || Chars.isWordChar(s.at(e))) {
            return i;
        }
        String d = Chars.digitsOf(view.subSequence(0, e - i));
        if (!CheckDigits.luhn(d) || !plausibleIssuer(d)) {
            return i;
        }
        s.emit(PII_CREDIT_CARD, null, null, i, e, d, columns.has(ColumnContext.CARD, i) ? 0.98 : 0.95);
        return e;
    }

    /** Issuer prefixes of the card networks and the lengths they use. */
    static boolean plausibleIssuer(String d) {
        int n = d.length();
        // d is ASCII digits (digitsOf), at least 13 of them (the card pattern).
        int p2 = (d.charAt(0) - '0') * 10 + (d.charAt(1) - '0');
        int p4 = p2 * 100 + (d.charAt(2) - '0') * 10 + (d.charAt(3) - '0');
        if (d.charAt(0) == '4') {
            return n == 16 || n == 19;
        }
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
            return n == 16;
        }
        if (p2 == 34 || p2 == 37) {
            return n == 15;
        }
        if (p2 == 35) {
            return n >= 16 && n <= 19;
        }
        if (p2 == 36 || p2 == 30 || p2 == 38 || p2 == 39) {
            return n >= 14 && n <= 19;
        }
        if (p4 == 6011 || p2 == 65 || (p4 >= 6440 && p4 <= 6499) || p2 == 62) {
            return n >= 16 && n <= 19;
        }
        return false;
    }

    private int corporateAt(int i) {
        int e = end(corporate, i);
        if (e < 0 || Chars.isWordChar(s.at(e))) {
            return i;
        }
        String d = Chars.digitsOf(view.subSequence(0, e - i));
        if (!CheckDigits.corporateNumber(d)) {
            return i;
        }
        boolean context = s.near(i, 80, 20, CORPORATE_CONTEXT) || columns.has(ColumnContext.CORPORATE, i);
        s.emit(PII_JP_CORPORATE_NUMBER, null, null, i, e, d, context ? 0.97 : 0.8);
        return e;
    }

    private int myNumberAt(int i) {
        int e = end(myNumber, i);
        if (e < 0 || Chars.isWordChar(s.at(e))) {
            return i;
        }
        String d = Chars.digitsOf(view.subSequence(0, e - i));
        if (!CheckDigits.myNumber(d)) {
            return i;
        }
        if (!s.near(i, 80, 30, MY_NUMBER_CONTEXT) && !columns.has(ColumnContext.MY_NUMBER, i)) {
            return i;
        }
        s.emit(PII_JP_MY_NUMBER, null, null, i, e, d, 0.95);
        return e;
    }

    private int jpPhoneAt(int i) {
        int e = end(jpPhone, i);
        if (e < 0 || Chars.isWordChar(s.at(e))) {
            return i;
        }
        String d = Chars.digitsOf(view.subSequence(0, e - i));
        if (d.length() < 10 || d.length() > 11) {
            return i;
        }
        s.emit(PII_PHONE, null, null, i, e, d, 0.9);
        return e;
    }

    private int intl(int i) {
        int e = end(intlPhone, i);
        if (e < 0 || Chars.isWordChar(s.at(e))) {
            return i + 1;
        }
        String cc = intlPhone.group(1);
        boolean trunk = intlPhone.group(2) != null;
        String d = Chars.digitsOf(view.subSequence(0, e - i));
        String national = d.substring(cc.length());
        if (trunk && national.startsWith("0")) {
            national = national.substring(1);
        }
        if (d.length() < 8 || d.length() > 15 || national.length() < 6) {
            return i + 1;
        }
        // +81 3-1234-5678 and 03-1234-5678 are one number: Japanese numbers normalise to national form.
        String normalized = cc.equals("81") ? "0" + national : "+" + cc + national;
        s.emit(PII_PHONE, null, null, i, e, normalized, 0.9);
        return e;
    }

    /** A Japanese passport number: two letters and seven digits, next to the word passport / 旅券. */
    int passportAt(int i) {
        if (Chars.isWordChar(s.at(i - 1)) || !Chars.isAsciiUpper(s.at(i + 1))) {
            return i + 1;
        }
        for (int k = 2; k < 9; k++) {
            if (!Chars.isAsciiDigit(s.at(i + k))) {
                return i + 1;
            }
        }
        if (Chars.isWordChar(s.at(i + 9))) {
            return i + 1;
        }
        if (!s.near(i, 80, 30, PASSPORT_CONTEXT) && !columns.has(ColumnContext.PASSPORT, i)) {
            return i + 1;
        }
        s.emit(PII_JP_PASSPORT, null, null, i, i + 9, s.text(i, i + 9), 0.95);
        return i + 9;
    }
}
