package tansa.stream;

/**
 * A detection on its way to the sink topic: hunt's JSONL line, the rule key and evidence
 * position that order ties as hunt does. A Flink POJO.
 */
public final class Found {
    public byte[] json;
    public String ruleKey;
    /** Evidence position of the (last) event. */
    public long seq;
    public boolean correlation;
    /** The account the event concerns (the case store's {@code detection.account}); null for a correlation. */
    public String account;

    public Found() {
    }

    Found(byte[] json, String ruleKey, long seq, boolean correlation) {
        this.json = json;
        this.ruleKey = ruleKey;
        this.seq = seq;
        this.correlation = correlation;
    }
}
