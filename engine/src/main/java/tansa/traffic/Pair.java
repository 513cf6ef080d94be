package tansa.traffic;

import java.util.Arrays;

/**
 * What is kept of the connections from one internal address to one external address: totals,
 * first and last time, the longest connection, and, for beacon scoring, the start second and
 * bytes sent of each connection up to {@link #SAMPLE} of them (the first ones read). About 120
 * bytes plus 8 per sampled connection: a pair's memory stops growing at {@link #SAMPLE}.
 */
final class Pair {
    /** Connections per pair kept for interval and size statistics (a day of 21-second beacons). */
    static final int SAMPLE = 4096;

    final int src;
    final int dst;
    long count;
    long firstMillis = Long.MAX_VALUE;
    long lastMillis = Long.MIN_VALUE;
    long bytesOut;
    long bytesIn;
    long longestMillis;
    long longestStart;
    long totalMillis;
    /** Start seconds relative to the analyzer's base, in arrival order. */
    int[] seconds = new int[4];
    /** Bytes sent by the source, capped at Integer.MAX_VALUE. */
    int[] sizes = new int[4];
    int sampled;
    /** Up to four destination ports, in order of first use. */
    final int[] ports = {-1, -1, -1, -1};

    Pair(int src, int dst) {
        this.src = src;
        this.dst = dst;
    }

    void add(long startMillis, long durationMillis, long out, long in, int port, int second) {
        count++;
        if (startMillis < firstMillis) {
            firstMillis = startMillis;
        }
        long end = startMillis + durationMillis;
        if (end > lastMillis) {
            lastMillis = end;
        }
        bytesOut += out;
        bytesIn += in;
        totalMillis += durationMillis;
        if (durationMillis > longestMillis) {
            longestMillis = durationMillis;
            longestStart = startMillis;
        }
        for (int i = 0; i < ports.length; i++) {
            if (ports[i] == port) {
                break;
            }
            if (ports[i] == -1) {
                ports[i] = port;
                break;
            }
        }
        if (sampled < SAMPLE) {
            if (sampled == seconds.length) {
                int n = Math.min(SAMPLE, sampled * 2);
                seconds = Arrays.copyOf(seconds, n);
                sizes = Arrays.copyOf(sizes, n);
            }
            seconds[sampled] = second;
            sizes[sampled] = (int) Math.min(Integer.MAX_VALUE, out);
            sampled++;
        }
    }
}
