package tansa.stream;

/**
 * One event's match of a multi-observation indicator ({@code [a] AND [b]}) on its way to
 * {@link IndicatorStage}, keyed by the indicator's rule key: which observations of which
 * conjunction the event met, and the detection to report (hunt's JSONL line) once every
 * observation was seen. A Flink POJO.
 */
public final class ConjunctionRecord {
    public String key;
    /** The conjunction's index in the indicator set; its number of observations. */
    public int conjunction;
    public int size;
    /** The observations met ({@link java.util.BitSet#toLongArray}). */
    public long[] positions;
    /** The detection, or null when the event was reported already through a single observation. */
    public byte[] json;
    /** Evidence position of the event. */
    public long seq;

    public ConjunctionRecord() {
    }

    ConjunctionRecord(String key, int conjunction, int size, long[] positions, byte[] json, long seq) {
        this.key = key;
        this.conjunction = conjunction;
        this.size = size;
        this.positions = positions;
        this.json = json;
        this.seq = seq;
    }
}
