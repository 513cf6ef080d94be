package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code tansa rules}: work with Sigma rule sets. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa rules check sigma/rules", "  tansa rules mapping > my-mapping.yml"},
        description = "Work with Sigma rules: 'check' loads rule files and lists each that fails; 'mapping' prints the "
                + "built-in log-source mapping.",
        subcommands = {RulesCheckCommand.class, RulesMappingCommand.class})
public final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a subcommand");
    }
}
