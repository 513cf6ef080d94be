package tansa.exposure.detect;

/**
 * Which columns of a CSV/TSV-like table are headed by a context word (マイナンバー, 旅券番号, 氏名):
 * in a customer table the rows sit far from the header, so "context nearby" means "in a column
 * whose header names it". Remembered per stream; columns past 63 are not tracked.
 */
final class ColumnContext {
    static final int MY_NUMBER = 0;
    static final int PASSPORT = 1;
    static final int CORPORATE = 2;
    static final int NAME = 3;

    private static final String[][] HEADERS = {
        {"\u500B\u4EBA\u756A\u53F7", "\u30DE\u30A4\u30CA\u30F3\u30D0\u30FC", "my number", "mynumber", "my_number"},
        {"\u65C5\u5238", "\u30D1\u30B9\u30DD\u30FC\u30C8", "passport"},
        {"\u6CD5\u4EBA\u756A\u53F7", "corporate number", "corporate_number"},
        {"\u6C0F\u540D", "\u540D\u524D", "full name", "full_name", "customer name", "name"},
    };

    /** First characters (lower-cased) of the header words: a field starting otherwise is no header. */
    private static final boolean[] FIRST = new boolean[65536];

    static {
        for (String[] words : HEADERS) {
            for (String w : words) {
                FIRST[w.charAt(0)] = true;
                FIRST[Character.toUpperCase(w.charAt(0))] = true;
            }
        }
    }

    private final TextScanner s;
    private final long[] columns = new long[HEADERS.length];
    private boolean any;

    ColumnContext(TextScanner s) {
        this.s = s;
    }

    void reset() {
        java.util.Arrays.fill(columns, 0L);
        any = false;
    }

    boolean any() {
        return any;
    }

    /**
     * A header cell: the word ends its field within a few characters (氏名（漢字）), with no colon
     * ("氏名：山田" is a label, not a header), and the line has a field separator (it is a table).
     */
    private boolean headerField(int afterWord) {
        int lim = Math.min(s.len, afterWord + 12);
        int k = afterWord;
        while (k < lim) {
            char c = s.buf[k];
            if (c == ',' || c == '\t' || Chars.isLineBreak(c)) {
                break;
            }
            if (c == ':' || c == '\uFF1A' || Chars.isAsciiLetter(c) && k == afterWord) {
                return false;
            }
            k++;
        }
        if (k == lim) {
            return false;
        }
        int ls = s.lineStart(afterWord);
        int le = s.lineEnd(afterWord);
        for (int q = ls; q < le; q++) {
            if (s.buf[q] == ',' || s.buf[q] == '\t') {
                return true;
            }
        }
        return false;
    }

    /** Column index of position i on its line (fields split by comma or tab), or -1 if unknown. */
    int column(int i) {
        int ls = s.lineStart(i);
        if (ls > 0 && !Chars.isLineBreak(s.buf[ls - 1])) {
            return -1;
        }
        int col = 0;
        for (int k = ls; k < i; k++) {
            char c = s.buf[k];
            if (c == ',' || c == '\t') {
                col++;
            }
        }
        return col < 64 ? col : -1;
    }

    boolean has(int kind, int i) {
        if (columns[kind] == 0) {
            return false;
        }
        int col = column(i);
        return col >= 0 && (columns[kind] & (1L << col)) != 0;
    }

    /**
     * At a comma, tab or line start of a header line: if the next field is a header word, remember
     * its column. Called only where a field starts.
     */
    void noteField(int fieldStart) {
        int k = fieldStart;
        while (s.at(k) == '"' || s.at(k) == ' ') {
            k++;
        }
        if (!FIRST[s.at(k)]) {
            return;
        }
        for (int kind = 0; kind < HEADERS.length; kind++) {
            for (String w : HEADERS[kind]) {
                if (s.startsWithIgnoreCase(k, w) && headerField(k + w.length())) {
                    int col = column(fieldStart);
                    if (col >= 0) {
                        columns[kind] |= 1L << col;
                        any = true;
                    }
                    return;
                }
            }
        }
    }
}
