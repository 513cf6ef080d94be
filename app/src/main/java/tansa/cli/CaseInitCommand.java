package tansa.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tansa.casefile.CaseStore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code tansa case init DIR}: a new, empty case. */
@Command(name = "init", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa case init cases/acme",
                "  tansa case init /srv/cases/2026-014 --name 'Ministry breach'"},
        description = {"Create a case: the directory DIR (made if needed) with its store DIR/" + CaseStore.FILE + ".",
                "An existing case is never overwritten."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:case created", "1:DIR already holds a case, or the case could not be written", "2:usage error"})
public final class CaseInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The case directory.")
    Path dir;

    @Option(names = "--name", paramLabel = "NAME", description = "The case's name (default: the directory's name).")
    String name;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on success.")
    boolean quiet;

    @Override
    public Integer call() {
        String n = name != null ? name : dir.toAbsolutePath().normalize().getFileName() == null ? dir.toString()
                : dir.toAbsolutePath().normalize().getFileName().toString();
        try (CaseStore store = CaseStore.create(dir, n, System.getProperty("user.name", "unknown"), Instant.now())) {
            if (!quiet) {
                spec.commandLine().getOut().println("created case '" + TerminalText.escape(n) + "' in " + TerminalText.escape(
                        store.dir().resolve(CaseStore.FILE).toString()));
            }
        }
        return 0;
    }
}
