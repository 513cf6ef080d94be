package tansa.sigma;

/**
 * Where a rule's (or an inner correlation's) matches go: input number {@code input} of
 * {@code target}, with the group-by fields and the aggregated field as named for that input
 * (correlation aliases already resolved; log-source renames are applied per match).
 */
record CorrelationFeed(CorrelationNode target, int input, String[] groupFields, String valueField) {
}
