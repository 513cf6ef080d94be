package tansa.sigma;

import tansa.sigma.correlation.Correlator;
import tansa.sigma.rule.CorrelationRule;

import java.util.ArrayList;
import java.util.List;

/** A correlation rule ready to run, with the correlations it feeds (chaining). */
final class CorrelationNode {
    final CorrelationRule rule;
    final Correlator correlator;
    final List<String> inputNames;
    final List<CorrelationFeed> feeds = new ArrayList<>();
    boolean emit = true;
    int depth;

    CorrelationNode(CorrelationRule rule, List<String> inputNames) {
        this.rule = rule;
        this.inputNames = List.copyOf(inputNames);
        this.correlator = new Correlator(rule, rule.rules().size());
    }
}
