package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tansa.casefile.CaseStore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code tansa case init DIR} or {@code tansa case init --db URL --name NAME}: a new, empty case. */
@Command(name = "init", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa case init cases/acme",
                "  tansa case init /srv/cases/2026-014 --name 'Ministry breach'",
                "  tansa case init --db postgresql://ir@db:5432/tansa --name acme"},
        description = {"Create a case: the directory DIR (made if needed) with its store DIR/" + CaseStore.FILE + ",",
                "or, with --db, a case named NAME in a PostgreSQL database that holds many cases.",
                "An existing case is never overwritten."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:case created", "1:DIR or NAME already holds a case, or the case could not be written", "2:usage error"})
public final class CaseInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The case directory.")
    Path dir;

    @Option(names = "--db", paramLabel = "URL", description = "Create the case in this PostgreSQL database instead "
            + "(postgresql://user@host:port/database); needs --name.")
    String db;

    @Option(names = "--name", paramLabel = "NAME", description = "The case's name (default: the directory's name).")
    String name;

    @Option(names = "--analyst", paramLabel = "NAME", description = "Who creates the case, for the audit log (default: the OS user).")
    String analyst;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on success.")
    boolean quiet;

    @Override
    public Integer call() {
        if ((dir == null) == (db == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), dir == null ? "give the case directory DIR or --db URL --name NAME"
                    : "give either DIR or --db URL, not both");
        }
        if (db != null && (name == null || name.isBlank())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--db needs --name NAME for the new case");
        }
        String who = Analyst.of(analyst);
        if (db != null) {
            try (CaseStore store = CaseStore.create(db, name, who, Instant.now())) {
                if (!quiet) {
                    spec.commandLine().getOut().println("created " + TerminalText.escape(store.label())
                            + "; pick it with --db URL --case-id " + store.caseId());
                }
            }
            return 0;
        }
        String n = name != null ? name : dir.toAbsolutePath().normalize().getFileName() == null ? dir.toString()
                : dir.toAbsolutePath().normalize().getFileName().toString();
        try (CaseStore store = CaseStore.create(dir, n, who, Instant.now())) {
            if (!quiet) {
                spec.commandLine().getOut().println("created case '" + TerminalText.escape(n) + "' in " + TerminalText.escape(
                        store.dir().resolve(CaseStore.FILE).toString()));
            }
        }
        return 0;
    }
}
