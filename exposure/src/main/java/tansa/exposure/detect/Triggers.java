package tansa.exposure.detect;

/** The characters at which some detector may start: one table lookup per character of text. */
final class Triggers {
    static final boolean[] TABLE = new boolean[65536];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TABLE[c] = true;
        }
        for (char c = '\uFF10'; c <= '\uFF19'; c++) {
            TABLE[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            TABLE[c] = true;
        }
        // Where a detection has a rare character, that one is the trigger and the detector looks
        // back from it: the separator of a password assignment rather than the p of "password",
        // the hyphen of xoxb- rather than the x, the 秘 of 部外秘 rather than the 部, the 扱 of 取扱注意.
        // \ & % start escapes that are decoded before detection (EncodedText); = too, for
        // quoted-printable and RFC 2047.
        for (char c : "+(@:=-x_/,\t\n\uFF0B\uFF08\uFF1A\\&%".toCharArray()) {
            TABLE[c] = true;
        }
        // 秘 ㊙ 扱 機 重 (markings); 都 道 府 県 〒 (addresses); 様 氏 名 (names)
        for (char c : "\u79D8\u3299\u6271\u6A5F\u91CD\u90FD\u9053\u5E9C\u770C\u3012\u69D8\u6C0F\u540D".toCharArray()) {
            TABLE[c] = true;
        }
    }

    /**
     * Whether the character after a trigger already rules out every detection starting there, for
     * x (eXport Controlled), a trigger in ordinary words. Decided in the scan loop, this spares a
     * dispatch. (The escapes' backslash, ampersand and percent sign are rare enough in text to be
     * sorted out by the dispatch, rather than by more tests here for every digit and capital.)
     */
    static boolean ruledOut(char c, char next) {
        return c == 'x' && (next | 0x20) != 'p';
    }

    private Triggers() {
    }
}
