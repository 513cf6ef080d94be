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
        for (char c : "+(@:-px_/,\t\n\uFF0B\uFF08".toCharArray()) {
            TABLE[c] = true;
        }
        // 極 秘 ㊙ 取 機 部 社 重 (markings); パ 暗 (password keys); 都 道 府 県 〒 (addresses); 様 氏 名 (names)
        for (char c : "\u6975\u79D8\u3299\u53D6\u6A5F\u90E8\u793E\u91CD\u30D1\u6697\u90FD\u9053\u5E9C\u770C\u3012\u69D8\u6C0F\u540D".toCharArray()) {
            TABLE[c] = true;
        }
    }

    /**
     * Whether the character after a trigger already rules out every detection starting there, for
     * the triggers that are mostly ordinary text: p (pass, pwd), x (xox.. tokens, eXport), 部 (部外秘)
     * and 取 (取扱注意). Decided in the scan loop, this spares a dispatch for each.
     */
    static boolean ruledOut(char c, char next) {
        switch (c) {
            case 'p': {
                char n = (char) (next | 0x20);
                return n != 'a' && n != 'w';
            }
            case 'x':
                return next != 'o' && (next | 0x20) != 'p';
            case '\u90E8':
                return next != '\u5916';
            case '\u53D6':
                return next != '\u6271';
            default:
                return false;
        }
    }

    private Triggers() {
    }
}
