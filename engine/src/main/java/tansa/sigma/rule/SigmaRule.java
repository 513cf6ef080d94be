package tansa.sigma.rule;

/**
 * One YAML document of a rule file: a detection rule, a correlation rule or a global filter
 * (Sigma 2.1 rules, correlation and filters specifications). Immutable.
 */
public sealed interface SigmaRule permits DetectionRule, CorrelationRule, FilterRule {
    RuleInfo info();
}
