package tansa.sigma;

import java.util.List;

/**
 * What loading a rule set did: files read, rule documents loaded, the ones that failed (file,
 * id, YAML path, reason) and the ones loaded but inactive (a placeholder without values).
 */
public record LoadReport(int files, int loaded, List<RuleProblem> failed, List<RuleProblem> inactive) {
    public LoadReport {
        failed = List.copyOf(failed);
        inactive = List.copyOf(inactive);
    }

    public int total() {
        return loaded + failed.size();
    }
}
