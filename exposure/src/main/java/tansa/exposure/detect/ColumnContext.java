package tansa.exposure.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which columns of a CSV/TSV-like table are headed by a context word (マイナンバー, 旅券番号, 氏名):
 * in a customer table the rows sit far from the header, so "context nearby" means "in a column
 * whose header names it", whatever the column's position and however far down the row. Remembered
 * per stream; columns past 63 are not tracked.
 */
final class ColumnContext {
    static final int MY_NUMBER = 0;
    static final int PASSPORT = 1;
    static final int CORPORATE = 2;
    static final int NAME = 3;
    static final int SSN = 4;
    static final int CARD = 5;

    private static final String[][] HEADERS = {
        {"\u500B\u4EBA\u756A\u53F7", "\u30DE\u30A4\u30CA\u30F3\u30D0\u30FC", "my number", "mynumber", "my_number"},
        {"\u65C5\u5238", "\u30D1\u30B9\u30DD\u30FC\u30C8", "passport"},
        {"\u6CD5\u4EBA\u756A\u53F7", "corporate number", "corporate_number"},
        {"\u6C0F\u540D", "\u540D\u524D", "full name", "full_name", "customer name", "name"},
        {"ssn", "social security", "\u793E\u4F1A\u4FDD\u969C\u756A\u53F7"},
        {"card no", "card number", "card_number", "card #", "\u30AB\u30FC\u30C9\u756A\u53F7", "\u30AF\u30EC\u30B8\u30C3\u30C8\u30AB\u30FC\u30C9"},
    };

    /**
     * The header words by first character, either case: {@code GROUP[c]} is 0 if no header word
     * starts with c, else 1 + the index of its words in {@link #WORDS} and kinds in {@link #KINDS}.
     * A field start (every line start of prose) then tries only the few words with its letter.
     */
    private static final byte[] GROUP = new byte[65536];
    private static final String[][] WORDS;
    private static final int[][] KINDS;

    static {
        Map<Character, List<int[]>> byFirst = new LinkedHashMap<>();
        for (int kind = 0; kind < HEADERS.length; kind++) {
            for (int w = 0; w < HEADERS[kind].length; w++) {
                byFirst.computeIfAbsent(HEADERS[kind][w].charAt(0), c -> new ArrayList<>()).add(new int[] {kind, w});
            }
        }
        WORDS = new String[byFirst.size()][];
        KINDS = new int[byFirst.size()][];
        int g = 0;
        for (Map.Entry<Character, List<int[]>> e : byFirst.entrySet()) {
            List<int[]> list = e.getValue();
            WORDS[g] = new String[list.size()];
            KINDS[g] = new int[list.size()];
            for (int k = 0; k < list.size(); k++) {
                KINDS[g][k] = list.get(k)[0];
                WORDS[g][k] = HEADERS[list.get(k)[0]][list.get(k)[1]];
            }
            char c = e.getKey();
            GROUP[c] = (byte) (g + 1);
            GROUP[Character.toUpperCase(c)] = (byte) (g + 1);
            g++;
        }
    }

    private final TextScanner s;
    private final long[] columns = new long[HEADERS.length];
    private boolean any;

    ColumnContext(TextScanner s) {
        this.s = s;
    }

    void reset() {
        Arrays.fill(columns, 0L);
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

    /** Column index of position i on its row (see {@link TextScanner#column}), or -1 if unknown. */
    int column(int i) {
        return s.column(i);
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
        int g = GROUP[s.at(k)] - 1;
        if (g < 0) {
            return;
        }
        String[] words = WORDS[g];
        for (int w = 0; w < words.length; w++) {
            if (s.startsWithIgnoreCase(k, words[w]) && headerField(k + words[w].length())) {
                int col = column(fieldStart);
                if (col >= 0) {
                    columns[KINDS[g][w]] |= 1L << col;
                    any = true;
                    s.tableSeparator(fieldStart);
                }
                return;
            }
        }
    }
}
