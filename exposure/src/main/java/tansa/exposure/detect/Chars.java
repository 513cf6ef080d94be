package tansa.exposure.detect;

/** Character classes the detectors share; ASCII and full-width forms are treated alike. */
final class Chars {
    private Chars() {
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isFullWidthDigit(char c) {
        return c >= '\uFF10' && c <= '\uFF19';
    }

    static boolean isDigit(char c) {
        return isAsciiDigit(c) || isFullWidthDigit(c);
    }

    /** 0-9 for an ASCII or full-width digit, -1 otherwise. */
    static int digit(char c) {
        if (isAsciiDigit(c)) {
            return c - '0';
        }
        if (isFullWidthDigit(c)) {
            return c - '\uFF10';
        }
        return -1;
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isFullWidthAlnum(char c) {
        return (c >= '\uFF10' && c <= '\uFF19') || (c >= '\uFF21' && c <= '\uFF3A') || (c >= '\uFF41' && c <= '\uFF5A');
    }

    /** A letter or digit that would continue a Latin word or a number (not kanji or kana). */
    static boolean isWordChar(char c) {
        return isAsciiLetter(c) || isAsciiDigit(c) || c == '_' || isFullWidthAlnum(c);
    }

    static boolean isKatakana(char c) {
        return (c >= '\u30A1' && c <= '\u30FA') || c == '\u30FC';
    }

    static boolean isHiragana(char c) {
        return c >= '\u3041' && c <= '\u3096';
    }

    static boolean isKanji(char c) {
        return (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || c == '\u3005';
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u3000' || c == '\u00A0';
    }

    static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\f' || c == '\u2028' || c == '\u2029';
    }

    /** Maps a character of a written number to ASCII: digits, hyphens, spaces, brackets, plus; 0 otherwise. */
    static char numberChar(char c) {
        if (isAsciiDigit(c)) {
            return c;
        }
        if (isFullWidthDigit(c)) {
            return (char) ('0' + (c - '\uFF10'));
        }
        switch (c) {
            case '-': case '\uFF0D': case '\u2010': case '\u2011': case '\u2012': case '\u2013':
            case '\u2212': case '\u30FC': case '\uFF70':
                return '-';
            case ' ': case '\u3000': case '\u00A0':
                return ' ';
            case '(': case '\uFF08':
                return '(';
            case ')': case '\uFF09':
                return ')';
            case '+': case '\uFF0B':
                return '+';
            case '.': case '\uFF0E':
                return '.';
            default:
                return 0;
        }
    }

    /** The ASCII digits of a written number, dropping everything else. */
    static String digitsOf(CharSequence s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            int d = digit(s.charAt(i));
            if (d >= 0) {
                sb.append((char) ('0' + d));
            }
        }
        return sb.toString();
    }

    /** Full-width ASCII variants (U+FF01..U+FF5E) to ASCII, ideographic space to space. */
    static String toHalfWidth(CharSequence s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                sb.append((char) (c - 0xFEE0));
            } else if (c == '\u3000') {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
