package tansa.sigma;

import tansa.sigma.rule.SigmaRule;

/** A rule document that parsed, with where it came from. */
record LoadedDocument(SigmaRule rule, String file) {
}
