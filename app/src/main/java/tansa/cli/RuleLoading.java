package tansa.cli;

import picocli.CommandLine;
import tansa.sigma.LoadReport;
import tansa.sigma.RuleProblem;
import tansa.sigma.RuleSet;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How every command that runs rules loads them: a missing rule path is a usage error, loading
 * shows a progress bar on a terminal (not with -q), and each rule that fails is one escaped line
 * on stderr followed by a count; the others run.
 */
final class RuleLoading {
    private RuleLoading() {
    }

    static RuleSet load(CommandLine cl, List<Path> paths, MappingOption mapping, CacheOption cache, java.util.function.Predicate<tansa.sigma.rule.RuleInfo> selection,
                        boolean quiet) {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new CommandLine.ParameterException(cl, "no such rule file or directory: " + p);
            }
        }
        PrintWriter err = cl.getErr();
        RuleSet set = RuleSet.load(paths, mapping.load(), selection, cache.cache(err, quiet),
                !quiet && Terminal.stderrIsTerminal() ? Progress.rules(err) : null);
        LoadReport report = set.report();
        for (RuleProblem p : report.failed()) {
            err.println("tansa: rule skipped: " + TerminalText.escape(p.line(), 1024));
        }
        if (!report.failed().isEmpty()) {
            err.println("tansa: " + report.failed().size() + " of " + report.total()
                    + " rules failed to load and were skipped; 'tansa rules check' lists them");
        }
        err.flush();
        return set;
    }

    /**
     * The rule paths of hunt and stream: {@code given} (--rules), else those in TANSA_RULES; none
     * when only indicators are given; a usage error without rules or indicators.
     */
    static List<Path> paths(CommandLine cl, List<Path> given, boolean indicators) {
        if (!given.isEmpty()) {
            return given;
        }
        String env = System.getenv("TANSA_RULES");
        if ((env == null || env.isBlank()) && indicators) {
            return List.of(); // indicators only
        }
        if (env == null || env.isBlank()) {
            throw new CommandLine.ParameterException(cl, "no rules: give --rules PATH (repeatable), set TANSA_RULES, or give --ioc FILE");
        }
        List<Path> out = new ArrayList<>();
        for (String s : env.split(java.io.File.pathSeparator)) {
            if (!s.isBlank()) {
                out.add(Path.of(s.trim()));
            }
        }
        return out;
    }
}
