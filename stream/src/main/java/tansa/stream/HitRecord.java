package tansa.stream;

/**
 * One correlation hit on its way to the stage that evaluates its correlation: keyed by
 * correlation and group, the hit itself in {@link HitCodec}'s form. A Flink POJO.
 */
public final class HitRecord {
    /** Correlation index and group, the key of the keyed state. */
    public String key;
    /** Index of the target correlation in the rule set's evaluation order. */
    public int correlation;
    /** Chaining depth of the target correlation: the stage that evaluates it. */
    public int depth;
    /** Event time of the hit, epoch milliseconds. */
    public long millis;
    public byte[] hit;

    public HitRecord() {
    }

    HitRecord(int correlation, int depth, String group, long millis, byte[] hit) {
        this.key = correlation + "\u0001" + group;
        this.correlation = correlation;
        this.depth = depth;
        this.millis = millis;
        this.hit = hit;
    }
}
