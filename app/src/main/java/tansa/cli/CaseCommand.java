package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tansa case}: create a case workspace and see what it holds. */
@Command(name = "case", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa case init cases/acme --name 'ACME intrusion 2026-12'",
                "  tansa ingest --case cases/acme --rules sigma/rules evidence/",
                "  tansa case stats --case cases/acme -f json"},
        description = "A case workspace: one directory with one DuckDB file holding the evidence registry, events and "
                + "detections. 'init' creates one; 'stats' counts what it holds; 'tansa ingest' fills it.",
        subcommands = {CaseInitCommand.class, CaseStatsCommand.class, CaseSetCommand.class})
public final class CaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a subcommand");
    }
}
