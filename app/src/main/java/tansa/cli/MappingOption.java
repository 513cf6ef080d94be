package tansa.cli;

import picocli.CommandLine.Option;
import tansa.sigma.logsource.LogSourceMapping;

import java.nio.file.Path;

/** {@code --mapping FILE}: a user log-source mapping instead of the built-in one. */
final class MappingOption {
    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Log-source mapping YAML (logsource to channel / EventID / field names, placeholder values). "
                    + "Default: the built-in tansa/sigma/logsources.yml; copy it with 'tansa rules mapping > FILE' and edit.")
    Path mapping;

    LogSourceMapping load() {
        return mapping == null ? LogSourceMapping.defaults() : LogSourceMapping.load(mapping);
    }
}
