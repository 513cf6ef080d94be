package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tansa user}: the console's users of a case. */
@Command(name = "user", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  printf '%s\\n' \"$PW\" | tansa user add --case cases/acme --name aiko \\",
                "      --role analyst --password-stdin",
                "  tansa user add --db postgresql://ir@db/tansa --case-id acme --name mic \\",
                "      --role viewer --password-stdin"},
        description = "The web console's users of a case: 'add' makes one a member with a role.",
        subcommands = {UserAddCommand.class})
public final class UserCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a subcommand");
    }
}
