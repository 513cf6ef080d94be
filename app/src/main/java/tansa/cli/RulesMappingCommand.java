package tansa.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tansa.sigma.logsource.LogSourceMapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code tansa rules mapping}: prints the built-in log-source mapping, to copy and edit. */
@Command(name = "mapping", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa rules mapping > my-mapping.yml",
                "  tansa hunt evidence/ -r sigma/rules --mapping my-mapping.yml"},
        description = "Print the built-in log-source mapping (documented YAML); edit a copy and pass it with --mapping.")
public final class RulesMappingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (InputStream in = LogSourceMapping.class.getResourceAsStream(LogSourceMapping.DEFAULT_RESOURCE)) {
            spec.commandLine().getOut().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
