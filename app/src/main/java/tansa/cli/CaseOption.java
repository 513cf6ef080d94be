package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import tansa.casefile.CaseStore;
import tansa.console.CaseDatabase;

import java.nio.file.Path;

/**
 * Which case a command works on: {@code --case DIR} (the embedded store) or {@code --db URL}
 * (a PostgreSQL database holding many cases) with {@code --case-id ID|NAME}. A mixin shared by
 * every command that opens one case (serve, which opens several, has its own repeatable options).
 */
final class CaseOption {
    @Option(names = "--case", paramLabel = "DIR", description = "The case directory (one embedded DuckDB file).")
    Path dir;

    @Option(names = "--db", paramLabel = "URL", description = "A PostgreSQL database holding cases: "
            + "postgresql://user@host:port/database (or jdbc:postgresql://...); the password in the URL or in PGPASSWORD.")
    String db;

    @Option(names = "--case-id", paramLabel = "ID|NAME", description = "With --db: the case, by id or name "
            + "(default: the database's only case).")
    String caseId;

    /** Checks that exactly one of --case and --db is given (a usage error otherwise). */
    void check(CommandLine cl) {
        if ((dir == null) == (db == null)) {
            throw new CommandLine.ParameterException(cl, dir == null ? "give the case: --case DIR or --db URL"
                    : "give either --case DIR or --db URL, not both");
        }
        if (caseId != null && db == null) {
            throw new CommandLine.ParameterException(cl, "--case-id picks a case of a --db database; a --case DIR holds one case");
        }
    }

    CaseStore open(CommandLine cl) {
        check(cl);
        return dir != null ? CaseStore.open(dir) : CaseStore.open(db, caseId);
    }

    /**
     * The case as the console holds it, with one connection: for its users and API tokens, which
     * live in the case (its DuckDB file, or its schema in the PostgreSQL database), so that
     * {@code tansa serve} on the same case finds them.
     */
    CaseDatabase openForConsole(CommandLine cl) {
        check(cl);
        return dir != null ? CaseDatabase.open(dir, 1) : CaseDatabase.open(db, caseId, 1);
    }
}
