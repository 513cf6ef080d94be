package tansa.ioc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Address ranges (single addresses and CIDR blocks, IPv4 mapped into IPv6) cut into disjoint
 * segments, each with the atoms of every range that covers it: a lookup is one binary search
 * over sorted 128-bit starts, whatever the overlap of the ranges. Immutable and thread-safe.
 */
final class IpRanges {
    private static final int[] NONE = new int[0];

    private final long[] startHi;
    private final long[] startLo;
    private final int[][] atoms;

    private IpRanges(long[] startHi, long[] startLo, int[][] atoms) {
        this.startHi = startHi;
        this.startLo = startLo;
        this.atoms = atoms;
    }

    static final IpRanges EMPTY = new IpRanges(new long[0], new long[0], new int[0][]);

    /** One range: {@code [lo, hi]} inclusive, and the atom it stands for. */
    record Range(long loHi, long loLo, long hiHi, long hiLo, int atom) {
    }

    static IpRanges build(List<Range> ranges) {
        if (ranges.isEmpty()) {
            return EMPTY;
        }
        // Segment starts: every range's start, and the address after every range's end.
        List<long[]> bounds = new ArrayList<>();
        for (Range r : ranges) {
            bounds.add(new long[] {r.loHi, r.loLo});
            if (!(r.hiHi == -1L && r.hiLo == -1L)) {
                long lo = r.hiLo + 1;
                long hi = lo == 0 ? r.hiHi + 1 : r.hiHi;
                bounds.add(new long[] {hi, lo});
            }
        }
        Comparator<long[]> cmp = (a, b) -> Ips.compare(a[0], a[1], b[0], b[1]);
        bounds.sort(cmp);
        List<long[]> starts = new ArrayList<>();
        for (long[] b : bounds) {
            if (starts.isEmpty() || cmp.compare(starts.get(starts.size() - 1), b) != 0) {
                starts.add(b);
            }
        }
        List<Range> byStart = new ArrayList<>(ranges);
        byStart.sort((a, b) -> Ips.compare(a.loHi, a.loLo, b.loHi, b.loLo));
        int n = starts.size();
        long[] sHi = new long[n];
        long[] sLo = new long[n];
        int[][] atoms = new int[n][];
        List<Range> active = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < n; i++) {
            long[] s = starts.get(i);
            sHi[i] = s[0];
            sLo[i] = s[1];
            while (next < byStart.size() && Ips.compare(byStart.get(next).loHi, byStart.get(next).loLo, s[0], s[1]) <= 0) {
                active.add(byStart.get(next++));
            }
            active.removeIf(r -> Ips.compare(r.hiHi, r.hiLo, s[0], s[1]) < 0);
            atoms[i] = active.isEmpty() ? NONE : atomsOf(active);
        }
        return new IpRanges(sHi, sLo, atoms);
    }

    private static int[] atomsOf(List<Range> active) {
        int[] a = new int[active.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = active.get(i).atom;
        }
        Arrays.sort(a);
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (i == 0 || a[i] != a[i - 1]) {
                a[n++] = a[i];
            }
        }
        return n == a.length ? a : Arrays.copyOf(a, n);
    }

    boolean isEmpty() {
        return startHi.length == 0;
    }

    /** The atoms of the ranges holding the address, or null. No allocation. */
    int[] get(long hi, long lo) {
        int a = 0;
        int b = startHi.length - 1;
        int found = -1;
        while (a <= b) {
            int m = (a + b) >>> 1;
            if (Ips.compare(startHi[m], startLo[m], hi, lo) <= 0) {
                found = m;
                a = m + 1;
            } else {
                b = m - 1;
            }
        }
        if (found < 0 || atoms[found].length == 0) {
            return null;
        }
        return atoms[found];
    }

    int segments() {
        return startHi.length;
    }

    @Override
    public String toString() {
        return "IpRanges" + Arrays.toString(startLo);
    }
}
