package tansa.console;

import java.util.Arrays;

/**
 * Distinct tokens (open addressing over their characters, no String per occurrence) with the
 * rows each occurs in, ascending and once each (rows arrive in any order, so a row is added when
 * it differs from the last one added; the postings are sorted at the end). Filled while a
 * {@link DetectionIndex} is built, then read into it; not thread-safe.
 */
final class TokenTable {
    private char[] chars = new char[1 << 16];
    private int charN;
    private int[] start = new int[1024];
    private int[] length = new int[1024];
    private int[][] rows = new int[1024][];
    private int[] rowN = new int[1024];
    private int count;
    private int[] slots = new int[1 << 12];
    {
        Arrays.fill(slots, -1);
    }

    void add(char[] buf, int off, int len, int row) {
        int h = 0;
        for (int i = 0; i < len; i++) {
            h = 31 * h + buf[off + i];
        }
        int mask = slots.length - 1;
        int s = (h ^ h >>> 16) & mask;
        while (true) {
            int t = slots[s];
            if (t < 0) {
                t = create(buf, off, len);
                slots[s] = t;
                if (count * 2 > slots.length) {
                    rehash();
                }
                append(t, row);
                return;
            }
            if (length[t] == len && Arrays.equals(chars, start[t], start[t] + len, buf, off, off + len)) {
                append(t, row);
                return;
            }
            s = (s + 1) & mask;
        }
    }

    private int create(char[] buf, int off, int len) {
        if (count == start.length) {
            int m = count * 2;
            start = Arrays.copyOf(start, m);
            length = Arrays.copyOf(length, m);
            rows = Arrays.copyOf(rows, m);
            rowN = Arrays.copyOf(rowN, m);
        }
        if (charN + len > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charN + len));
        }
        System.arraycopy(buf, off, chars, charN, len);
        start[count] = charN;
        length[count] = len;
        charN += len;
        rows[count] = new int[2];
        return count++;
    }

    private void append(int t, int row) {
        int k = rowN[t];
        int[] r = rows[t];
        if (k > 0 && r[k - 1] == row) {
            return;
        }
        if (k == r.length) {
            r = Arrays.copyOf(r, k * 2);
            rows[t] = r;
        }
        r[k] = row;
        rowN[t] = k + 1;
    }

    private void rehash() {
        int[] bigger = new int[slots.length * 2];
        Arrays.fill(bigger, -1);
        int mask = bigger.length - 1;
        for (int t = 0; t < count; t++) {
            int h = 0;
            for (int i = 0; i < length[t]; i++) {
                h = 31 * h + chars[start[t] + i];
            }
            int s = (h ^ h >>> 16) & mask;
            while (bigger[s] >= 0) {
                s = (s + 1) & mask;
            }
            bigger[s] = t;
        }
        slots = bigger;
    }

    /** The tokens joined by '\n'. */
    char[] text() {
        char[] out = new char[charN + count];
        int p = 0;
        for (int t = 0; t < count; t++) {
            System.arraycopy(chars, start[t], out, p, length[t]);
            p += length[t];
            out[p++] = '\n';
        }
        return out;
    }

    int[] starts() {
        int[] out = new int[count];
        int p = 0;
        for (int t = 0; t < count; t++) {
            out[t] = p;
            p += length[t] + 1;
        }
        return out;
    }

    int[][] postings() {
        int[][] out = new int[count][];
        for (int t = 0; t < count; t++) {
            int[] r = Arrays.copyOf(rows[t], rowN[t]);
            Arrays.sort(r);
            int k = 0;
            for (int i = 0; i < r.length; i++) {
                if (k == 0 || r[k - 1] != r[i]) {
                    r[k++] = r[i];
                }
            }
            out[t] = k == r.length ? r : Arrays.copyOf(r, k);
            rows[t] = null;
        }
        return out;
    }
}
