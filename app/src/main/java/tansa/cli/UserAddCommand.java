package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tansa.console.CaseDatabase;
import tansa.console.Members;
import tansa.console.Role;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code tansa user add}: a member of a case, with a role and an Argon2id-hashed password. */
@Command(name = "add", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa user add --case cases/acme --name aiko --role lead --password-stdin",
                "  tansa user add --case cases/acme --name ministry --role viewer \\",
                "      --password-stdin < pw.txt",
                "  tansa user add --db postgresql://ir@db/tansa --case-id acme --name ken \\",
                "      --role analyst --password-stdin < pw.txt"},
        description = {"Make NAME a member of the case with a role: admin, lead, analyst or viewer (read-only).",
                "Membership is per case: a case in a --db database has its own users, like a case directory.",
                "The password is read from the first line of stdin (at least 8 characters) and stored as an Argon2id hash.",
                "An existing user gets the new role and password."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:user added", "1:not a case, in use, or a bad name or password", "2:usage error"})
public final class UserAddCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaseOption where;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The user name (letters, digits, . _ - @).")
    String name;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, lead, analyst or viewer.")
    String role;

    @Option(names = "--password-stdin", required = true, description = "Read the password from stdin (required: never on the command line).")
    boolean passwordStdin;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on success.")
    boolean quiet;

    /** Where the password is read from; tests set it. */
    static InputStream stdin = System.in;

    @Override
    public Integer call() throws IOException {
        Role r = Role.parse(role);
        if (r == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--role must be admin, lead, analyst or viewer, not '" + role + "'");
        }
        where.check(spec.commandLine());
        String password = firstLine(stdin);
        String label;
        try (CaseDatabase db = where.openForConsole(spec.commandLine())) {
            new Members(db).put(name, r, password, Instant.now(), Analyst.of(null), new tansa.console.ChainAuditSink());
            label = db.label();
        }
        if (!quiet) {
            spec.commandLine().getOut().println("user '" + TerminalText.escape(name) + "' is " + r.id() + " in " + TerminalText.escape(label));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    /** The first line of {@code in} without its line end (at most 1024 bytes are read). */
    static String firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n' && b.size() < 1024) {
            b.write(c);
        }
        String s = b.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
