package tansa.ioc;

import tansa.event.CaseFold;

import java.util.Arrays;

/**
 * A hash table from lower-case names (domains, hashes, file names) to atom ids, looked up by a
 * region of any string with case folded on the fly: the per-value path finds a domain's parent
 * labels or a hex run inside Sysmon's {@code Hashes} without making substrings. Open
 * addressing, linear probing; immutable after {@link #build}, so safe to share between threads.
 */
final class NameTable {
    private final String[] keys;
    private final int[][] atoms;
    private final int mask;

    private NameTable(String[] keys, int[][] atoms, int mask) {
        this.keys = keys;
        this.atoms = atoms;
        this.mask = mask;
    }

    static final NameTable EMPTY = new NameTable(new String[1], new int[1][], 0);

    /** {@code names[i]} (already folded) maps to {@code ids[i]}; a name given twice maps to every id given. */
    static NameTable build(java.util.List<String> names, java.util.List<Integer> ids) {
        if (names.isEmpty()) {
            return EMPTY;
        }
        int cap = Integer.highestOneBit(Math.max(4, names.size() * 2 + 1)) << 1;
        String[] keys = new String[cap];
        int[][] atoms = new int[cap][];
        int mask = cap - 1;
        for (int i = 0; i < names.size(); i++) {
            String k = names.get(i);
            int h = hash(k, 0, k.length()) & mask;
            while (keys[h] != null && !keys[h].equals(k)) {
                h = (h + 1) & mask;
            }
            if (keys[h] == null) {
                keys[h] = k;
                atoms[h] = new int[] {ids.get(i)};
            } else {
                int[] a = Arrays.copyOf(atoms[h], atoms[h].length + 1);
                a[a.length - 1] = ids.get(i);
                atoms[h] = a;
            }
        }
        return new NameTable(keys, atoms, mask);
    }

    boolean isEmpty() {
        return this == EMPTY;
    }

    /** The atoms of the folded {@code s[from, to)}, or null. */
    int[] get(CharSequence s, int from, int to) {
        int h = hash(s, from, to) & mask;
        while (true) {
            String k = keys[h];
            if (k == null) {
                return null;
            }
            if (k.length() == to - from && equalsFolded(k, s, from)) {
                return atoms[h];
            }
            h = (h + 1) & mask;
        }
    }

    private static boolean equalsFolded(String key, CharSequence s, int from) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) != CaseFold.lower(s.charAt(from + i))) {
                return false;
            }
        }
        return true;
    }

    private static int hash(CharSequence s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + CaseFold.lower(s.charAt(i));
        }
        return h ^ (h >>> 16);
    }
}
