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
                "  tansa case stats --case cases/acme -f json",
                "  tansa case init --db postgresql://ir@db/tansa --name acme"},
        description = "A case workspace: one directory with one DuckDB file, or one case of a PostgreSQL database (--db), "
                + "holding the evidence registry, events, detections, attached exposure results and the audit log. "
                + "'init' creates one; 'stats' counts what it holds; 'list' lists a database's cases; 'set' edits the facts the report reads; 'tansa ingest' fills it.",
        subcommands = {CaseInitCommand.class, CaseStatsCommand.class, CaseListCommand.class, CaseSetCommand.class})
public final class CaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a subcommand");
    }
}
