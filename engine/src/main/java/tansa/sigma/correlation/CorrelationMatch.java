package tansa.sigma.correlation;

import java.util.List;

/**
 * A correlation that held: the group, the hits of its window in time order, and the measured
 * value (count, distinct values, sum, average, percentage or number of rules).
 */
public record CorrelationMatch(Correlator correlator, List<String> groupValues, List<Hit> hits, double value) {
    public CorrelationMatch {
        groupValues = List.copyOf(groupValues);
        hits = List.copyOf(hits);
    }

    public Hit last() {
        return hits.get(hits.size() - 1);
    }
}
