package tansa.traffic;

import java.util.Arrays;

/** Open-addressing map from long keys to non-negative ints, without boxing; -1 for an absent key. */
final class LongIntMap {
    private long[] keys = new long[1024];
    private int[] values = new int[1024];
    private int size;

    {
        Arrays.fill(values, -1);
    }

    int get(long key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            int v = values[i];
            if (v < 0) {
                return -1;
            }
            if (keys[i] == key) {
                return v;
            }
        }
    }

    void put(long key, int value) {
        if (size * 2 >= keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (values[i] < 0) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    private void grow() {
        long[] k = keys;
        int[] v = values;
        keys = new long[k.length * 2];
        values = new int[k.length * 2];
        Arrays.fill(values, -1);
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (v[i] >= 0) {
                put(k[i], v[i]);
            }
        }
    }

    static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
