package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tansa audit}: the case's hash-chained audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa audit verify --case cases/acme",
                "  tansa audit verify --db postgresql://ir@db/tansa --case-id acme -f jsonl"},
        description = "The case's audit log: every state-changing action (who, what, when, before and after), append-only "
                + "and hash-chained. 'verify' checks the chain.",
        subcommands = {AuditVerifyCommand.class})
public final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a subcommand");
    }
}
