package tansa.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tansa.console.CaseDatabase;
import tansa.console.Members;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code tansa token create}: a new API token, printed once; the case keeps only its SHA-256. */
@Command(name = "create", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa token create --case cases/acme --user aiko",
                "  tansa token create --case cases/acme --user ci -o ci.token",
                "  tansa token create --db postgresql://ir@db/tansa --case-id acme --user ci"},
        description = {"Print a new API token for USER (a member of the case, see 'tansa user add').",
                "Requests send it as 'Authorization: Bearer TOKEN' and act with the user's role. It is shown only now."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:token printed", "1:not a case, in use, or no such user", "2:usage error"})
public final class TokenCreateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaseOption where;

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "The user the token acts as.")
    String user;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the token to FILE (mode 600) instead of stdout.")
    Path output;

    @Option(names = {"-q", "--quiet"}, description = "Accepted for symmetry; the token is the only output.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        String token;
        try (CaseDatabase db = where.openForConsole(spec.commandLine())) {
            token = new Members(db).createToken(user, Instant.now(), Analyst.of(null), new tansa.console.ChainAuditSink());
        }
        if (output != null) {
            Files.deleteIfExists(output);
            Files.createFile(output, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(output, token + "\n", StandardCharsets.UTF_8);
        } else {
            spec.commandLine().getOut().println(token);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
