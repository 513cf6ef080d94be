package tansa.traffic;

/** Open-addressing set of long hashes (0 is stored as 1), growing up to a fixed capacity. */
final class LongSet {
    private long[] slots = new long[16];
    private int size;

    /** Adds {@code h}; true when it was new. */
    boolean add(long h) {
        if (h == 0) {
            h = 1;
        }
        if (size * 2 >= slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        for (int i = LongIntMap.mix(h) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == 0) {
                slots[i] = h;
                size++;
                return true;
            }
            if (slots[i] == h) {
                return false;
            }
        }
    }

    boolean contains(long h) {
        if (h == 0) {
            h = 1;
        }
        int mask = slots.length - 1;
        for (int i = LongIntMap.mix(h) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == 0) {
                return false;
            }
            if (slots[i] == h) {
                return true;
            }
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long h : old) {
            if (h != 0) {
                add(h);
            }
        }
    }
}
