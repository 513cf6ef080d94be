package tansa.sigma.match;

/**
 * A Sigma string value after escape processing: each character is a literal, {@code ?} (any one
 * character) or {@code *} (any sequence). Escapes follow the rules specification: a backslash
 * escapes {@code *}, {@code ?} and itself; before any other character it is a plain backslash.
 */
final class GlobText {
    static final byte LITERAL = 0;
    static final byte ANY_CHAR = 1;
    static final byte ANY_SEQ = 2;

    final char[] chars;
    final byte[] kinds;

    GlobText(char[] chars, byte[] kinds) {
        this.chars = chars;
        this.kinds = kinds;
    }

    static GlobText parse(String raw) {
        char[] c = new char[raw.length()];
        byte[] k = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (ch == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(i + 1);
                if (next == '*' || next == '?' || next == '\\') {
                    c[n] = next;
                    k[n++] = LITERAL;
                    i++;
                    continue;
                }
            }
            c[n] = ch;
            k[n++] = ch == '*' ? ANY_SEQ : ch == '?' ? ANY_CHAR : LITERAL;
        }
        return new GlobText(java.util.Arrays.copyOf(c, n), java.util.Arrays.copyOf(k, n));
    }

    static GlobText literal(String s) {
        return new GlobText(s.toCharArray(), new byte[s.length()]);
    }

    boolean hasWildcards() {
        for (byte b : kinds) {
            if (b != LITERAL) {
                return true;
            }
        }
        return false;
    }

    String text() {
        return new String(chars);
    }

    GlobText wrap(boolean leadingStar, boolean trailingStar) {
        int extra = (leadingStar ? 1 : 0) + (trailingStar ? 1 : 0);
        char[] c = new char[chars.length + extra];
        byte[] k = new byte[chars.length + extra];
        int o = 0;
        if (leadingStar) {
            c[0] = '*';
            k[0] = ANY_SEQ;
            o = 1;
        }
        System.arraycopy(chars, 0, c, o, chars.length);
        System.arraycopy(kinds, 0, k, o, kinds.length);
        if (trailingStar) {
            c[c.length - 1] = '*';
            k[k.length - 1] = ANY_SEQ;
        }
        return new GlobText(c, k);
    }
}
