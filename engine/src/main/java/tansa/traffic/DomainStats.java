package tansa.traffic;

/**
 * What is kept of the DNS queries under one registered domain: counts, first and last time, the
 * distinct subdomains (as 64-bit hashes, up to {@link #UNIQUE_CAP}) with the sum of their
 * lengths and entropies, and the busiest querying addresses (up to {@link #SOURCES}).
 */
final class DomainStats {
    static final int UNIQUE_CAP = 10_000;
    static final int SOURCES = 8;

    final String domain;
    long queries;
    long firstMillis = Long.MAX_VALUE;
    long lastMillis = Long.MIN_VALUE;
    final LongSet hashes = new LongSet();
    boolean capped;
    long lengthSum;
    int longest;
    double entropySum;
    final String[] sources = new String[SOURCES];
    final long[] sourceCounts = new long[SOURCES];
    /** Queries from addresses beyond the first {@link #SOURCES}. */
    long otherSources;

    DomainStats(String domain) {
        this.domain = domain;
    }

    int unique() {
        return hashes.size();
    }

    void source(String src) {
        for (int i = 0; i < SOURCES; i++) {
            if (sources[i] == null) {
                sources[i] = src;
                sourceCounts[i] = 1;
                return;
            }
            if (sources[i].equals(src)) {
                sourceCounts[i]++;
                return;
            }
        }
        otherSources++;
    }
}
