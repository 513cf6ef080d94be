package tansa.sigma;

import tansa.sigma.logsource.LogSourceMapping;

import java.util.List;

/**
 * What the rule cache holds for one key: the load report (all {@code rules check} needs; first in
 * the file, so it is read alone), the log-source mapping as parsed, the rule files counted, the parsed documents, the
 * files' and documents' load problems, and one {@link RuleOutcome} per detection rule that
 * reached compilation (in load order), so that a warm load neither parses YAML nor compiles a
 * rule to learn whether it fails.
 */
record CachedLoad(LoadReport report, LogSourceMapping.Parsed mapping, int files, List<LoadedDocument> documents, List<RuleProblem> problems,
                  List<RuleOutcome> outcomes) {
    CachedLoad {
        documents = List.copyOf(documents);
        problems = List.copyOf(problems);
        outcomes = List.copyOf(outcomes);
    }
}
