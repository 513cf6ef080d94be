package tansa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tansa.sigma.LoadReport;
import tansa.sigma.RuleProblem;
import tansa.sigma.RuleSet;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tansa rules check}: loads rules and lists each that fails, with file, id, YAML path and reason. */
@Command(name = "check", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa rules check sigma/rules",
                "  tansa rules check my-rules/ --mapping my-mapping.yml --format json"},
        description = {"Load Sigma rules (files or directories, recursively) and list each rule that fails to load:",
                "file, rule id, YAML path (detection.selection.CommandLine|contains) and reason."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every rule loaded", "1:some rule failed (listed)", "2:usage error"})
public final class RulesCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Rule files or directories.")
    List<Path> paths;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: {\"loaded\": N, \"failed\": [{\"file\", \"id\", \"path\", \"reason\"}], \"inactive\": [...]}.")
    String format;

    @Mixin
    MappingOption mapping;

    @Mixin
    CacheOption cache;

    @Override
    public Integer call() {
        String f = Formats.check(spec.commandLine(), format, "text", "json");
        PrintWriter err = spec.commandLine().getErr();
        LoadReport report = RuleSet.report(paths, mapping.load(), cache.cache(err, false),
                Terminal.stderrIsTerminal() ? Progress.rules(err) : null);
        PrintWriter out = spec.commandLine().getOut();
        if (output != null) {
            try {
                out = new PrintWriter(java.nio.file.Files.newBufferedWriter(output, java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot open " + output + " for writing: " + e.getMessage(), e);
            }
        } else if (!f.equals("json")) {
            out = TerminalSafeWriter.text(out); // rule files can be hostile too
        }
        if (f.equals("json")) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode root = m.createObjectNode();
            root.put("loaded", report.loaded());
            problems(root.putArray("failed"), report.failed());
            problems(root.putArray("inactive"), report.inactive());
            out.println(root.toString());
        } else {
            for (RuleProblem p : report.failed()) {
                out.println(p.line());
            }
            for (RuleProblem p : report.inactive()) {
                out.println(p.line());
            }
            int total = report.total();
            out.printf(Locale.ROOT, "%d of %d rules loaded (%.2f%%), %d failed, %d loaded but inactive%n", report.loaded(), total,
                    total == 0 ? 100.0 : 100.0 * report.loaded() / total, report.failed().size(), report.inactive().size());
        }
        out.flush();
        if (output != null) {
            out.close();
        }
        return report.failed().isEmpty() ? 0 : 1;
    }

    private static void problems(ArrayNode arr, List<RuleProblem> ps) {
        for (RuleProblem p : ps) {
            ObjectNode o = arr.addObject();
            o.put("file", p.file());
            o.put("id", p.id());
            o.put("path", p.path());
            o.put("reason", p.reason());
        }
    }
}
