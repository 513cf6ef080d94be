package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tansa evidence}: a case's evidence registry (chain of custody). */
@Command(name = "evidence", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa evidence verify --case cases/acme"},
        description = "A case's evidence registry: 'verify' re-hashes the ingested files and reports any that changed, "
                + "went missing or appeared.",
        subcommands = {EvidenceVerifyCommand.class})
public final class EvidenceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a subcommand");
    }
}
