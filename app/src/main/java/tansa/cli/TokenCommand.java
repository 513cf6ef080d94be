package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tansa token}: API tokens for the REST API. */
@Command(name = "token", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa token create --case cases/acme --user aiko",
                "  tansa token create --db postgresql://ir@db/tansa --case-id acme --user ci",
                "  curl -H \"Authorization: Bearer $(cat tok)\" localhost:8080/api/cases"},
        description = "API tokens for automation: 'create' prints a new one for a user of the case.",
        subcommands = {TokenCreateCommand.class})
public final class TokenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a subcommand");
    }
}
