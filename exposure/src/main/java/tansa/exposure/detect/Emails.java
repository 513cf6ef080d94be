package tansa.exposure.detect;

import java.util.Locale;
import java.util.Set;

/** E-mail addresses, found from the {@code @} outwards; not URL user-info, not image@2x.png. */
final class Emails {
    private static final Set<String> FILE_TLDS = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js", "ts", "bmp", "ico", "pdf", "zip");
    private final TextScanner s;

    Emails(TextScanner s) {
        this.s = s;
    }

    private static boolean isLocal(char c) {
        return Chars.isAsciiLetter(c) || Chars.isAsciiDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isDomain(char c) {
        return Chars.isAsciiLetter(c) || Chars.isAsciiDigit(c) || c == '.' || c == '-';
    }

    /**
     * Whether the text before an address's local part is a URL's scheme and user-info
     * ({@code postgresql://app:S3cret!99@db-prod.example.com}): going back over the characters a
     * user-info may hold, a {@code ://} comes before any blank, slash or quote. The password part
     * may hold characters an address cannot ({@code !}), so the local part alone cannot tell.
     */
    private boolean inUserInfo(int start) {
        int lim = Math.max(0, start - 256);
        for (int k = start - 1; k >= lim; k--) {
            char c = s.buf[k];
            if (c == '/') {
                return k >= 2 && s.buf[k - 1] == '/' && s.buf[k - 2] == ':';
            }
            if (c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c >= 0x3000) {
                return false;
            }
        }
        return false;
    }

    /** Words that, with a colon and no blank, head an address rather than a user name ({@code E-mail:taro@...}). */
    private static final String[] LABELS = {"mailto", "e-mail", "email", "mail", "reply-to", "from", "to", "cc", "bcc", "contact",
        "\u30E1\u30FC\u30EB", "\u30A2\u30C9\u30EC\u30B9", "\u9023\u7D61\u5148", "\u5B9B\u5148"};

    /** Whether the colon at c ends a label such as mailto: or メール: (not user:password@host). */
    private boolean labelled(int c) {
        for (String l : LABELS) {
            int b = c - l.length();
            if (s.startsWithIgnoreCase(b, l) && !Chars.isWordChar(s.at(b - 1)) && s.at(b - 1) != '-') {
                return true;
            }
        }
        return false;
    }

    int at(int i) {
        int k = i;
        int lim = Math.max(0, i - 64);
        while (k > lim && isLocal(s.buf[k - 1])) {
            k--;
        }
        int start = k;
        while (start < i && (s.buf[start] == '.' || s.buf[start] == '-')) {
            start++;
        }
        if (start == i) {
            return i + 1;
        }
        char before = s.at(start - 1);
        // user:password@host in a URL is a credential, not an address (see Secrets).
        if (before == ':' && !labelled(start - 1) || before == '/' || before == '@' || inUserInfo(start)) {
            return i + 1;
        }
        int j = i + 1;
        int dlim = Math.min(s.len, i + 256);
        while (j < dlim && isDomain(s.buf[j])) {
            j++;
        }
        while (j > i + 1 && (s.buf[j - 1] == '.' || s.buf[j - 1] == '-')) {
            j--;
        }
        if (j <= i + 1 || s.at(j) == '@') {
            return i + 1;
        }
        int lastDot = -1;
        for (int q = i + 1; q < j; q++) {
            if (s.buf[q] == '.') {
                if (q == i + 1 || s.buf[q - 1] == '.') {
                    return i + 1;
                }
                lastDot = q;
            }
        }
        if (lastDot < 0) {
            return i + 1;
        }
        int tldLen = j - lastDot - 1;
        if (tldLen < 2 || tldLen > 24) {
            return i + 1;
        }
        for (int q = lastDot + 1; q < j; q++) {
            if (!Chars.isAsciiLetter(s.buf[q])) {
                return i + 1;
            }
        }
        String tld = s.text(lastDot + 1, j).toLowerCase(Locale.ROOT);
        if (FILE_TLDS.contains(tld)) {
            return i + 1;
        }
        s.emit(FindingType.PII_EMAIL, null, null, start, j, s.text(start, j).toLowerCase(Locale.ROOT), 0.97);
        return j;
    }
}
