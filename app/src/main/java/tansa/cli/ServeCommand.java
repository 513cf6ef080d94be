package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tansa.console.CaseDatabase;
import tansa.console.ConsoleServer;
import tansa.console.ChainAuditSink;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code tansa serve}: the web console and REST API over one or more cases, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa serve --case cases/acme",
                "  tansa serve --case cases/acme --case cases/beta --port 9000",
                "  tansa serve --case cases/acme --bind 0.0.0.0 --secure-cookies  # behind TLS",
                "  tansa serve --db postgresql://ir@db:5432/tansa --case-id acme",
                "  tansa serve --case cases/acme --oidc-issuer https://sso.example.jp/realms/ir \\",
                "      --oidc-client-id tansa --oidc-client-secret-file oidc-secret.txt"},
        description = {"Serve the web console and REST API (JSON, described at /api/openapi.json) over cases.",
                "Users sign in with the accounts 'tansa user add' creates in each case; scripts use a token from 'tansa token create'.",
                "While it runs, the cases are held by this process: 'tansa ingest' on them is refused until it stops."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:a case could not be opened or the port could not be bound", "2:usage error"})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--case", paramLabel = "DIR", description = "A case directory; repeatable.")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--db", paramLabel = "URL", description = "A PostgreSQL database holding cases: "
            + "postgresql://user@host:port/database (or jdbc:postgresql://...); the password in the URL or in PGPASSWORD.")
    String db;

    @Option(names = "--case-id", paramLabel = "ID|NAME", description = "With --db: a case, by id or name; repeatable "
            + "(default: the database's only case).")
    List<String> caseIds = new ArrayList<>();

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "The port (default: 8080; 0: any free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: 127.0.0.1, this machine only).")
    String bind;

    @Option(names = "--secure-cookies", description = "Mark cookies Secure (when a TLS proxy fronts the console).")
    boolean secureCookies;

    @Option(names = "--oidc-issuer", paramLabel = "URL",
            description = "Also sign users in through this OpenID Connect provider (authorization code with PKCE).")
    URI oidcIssuer;

    @Option(names = "--oidc-client-id", paramLabel = "ID", description = "The console's client id at the OIDC provider.")
    String oidcClientId;

    @Option(names = "--oidc-client-secret-file", paramLabel = "FILE", description = "A file whose first line is the client secret.")
    Path oidcSecretFile;

    @Option(names = "--oidc-user-claim", paramLabel = "CLAIM", defaultValue = "preferred_username",
            description = "The ID-token claim that names the tansa user (default: preferred_username).")
    String oidcUserClaim;

    @Option(names = "--oidc-redirect-uri", paramLabel = "URL",
            description = "The redirect URI registered at the provider (default: this server's /login/oidc/callback as reached).")
    URI oidcRedirect;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be between 0 and 65535, not " + port);
        }
        if (dirs.isEmpty() && db == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give the cases: --case DIR (repeatable) or --db URL");
        }
        if (!caseIds.isEmpty() && db == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--case-id picks a case of a --db database");
        }
        tansa.console.OidcConfig oidc = oidc();
        PrintWriter err = spec.commandLine().getErr();
        List<CaseDatabase> dbs = new ArrayList<>();
        ConsoleServer server;
        // enough connections for 20 concurrent clients (issue 12's load target) without queueing
        int connections = Math.max(20, Runtime.getRuntime().availableProcessors() * 4);
        try {
            for (Path d : dirs) {
                dbs.add(CaseDatabase.open(d, connections));
            }
            if (db != null) {
                for (String ref : caseIds.isEmpty() ? java.util.Collections.<String>singletonList(null) : caseIds) {
                    dbs.add(CaseDatabase.open(db, ref, connections));
                }
            }
            server = ConsoleServer.start(dbs, new ConsoleServer.Options(bind, port, secureCookies, oidc), new ChainAuditSink(),
                    Clock.systemUTC(), line -> {
                        err.println("tansa: " + TerminalText.escape(line, 1024));
                        err.flush();
                    });
        } catch (RuntimeException e) {
            for (CaseDatabase d : dbs) {
                d.close();
            }
            if (e instanceof tansa.casefile.CaseException) {
                throw e;
            }
            if (e instanceof tansa.console.OidcUnavailableException) {
                throw new tansa.casefile.CaseException(e.getMessage(), e);
            }
            throw new tansa.casefile.CaseException("cannot serve on " + bind + ":" + port + ": " + rootMessage(e), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "tansa-serve-stop"));
        if (!quiet) {
            PrintWriter out = spec.commandLine().getOut();
            String host = bind.contains(":") ? "[" + bind + "]" : bind;
            out.println("tansa: serving " + String.join(", ", server.caseIds()) + " at http://" + host + ":" + server.port()
                    + "/ (Ctrl-C stops)");
            if (!isLoopback(bind) && !secureCookies) {
                out.println("tansa: note: listening beyond this machine without --secure-cookies; put TLS in front of it");
            }
            out.flush();
        }
        stopped.await();
        return 0;
    }

    /** The OIDC options together, or null when none is given; a missing or unreadable part is a usage error. */
    private tansa.console.OidcConfig oidc() {
        if (oidcIssuer == null && oidcClientId == null && oidcSecretFile == null) {
            return null;
        }
        if (oidcIssuer == null || oidcClientId == null || oidcSecretFile == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "OIDC sign-in needs --oidc-issuer, --oidc-client-id and --oidc-client-secret-file together");
        }
        String scheme = String.valueOf(oidcIssuer.getScheme()).toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--oidc-issuer must be an https:// URL, not '" + oidcIssuer + "'");
        }
        String secret;
        try {
            secret = java.nio.file.Files.readAllLines(oidcSecretFile, java.nio.charset.StandardCharsets.UTF_8).stream().findFirst()
                    .orElse("").strip();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--oidc-client-secret-file " + oidcSecretFile
                    + " cannot be read: " + e.getMessage());
        }
        if (secret.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--oidc-client-secret-file " + oidcSecretFile
                    + " holds no secret on its first line");
        }
        return new tansa.console.OidcConfig(oidcIssuer, oidcClientId, secret, oidcUserClaim, oidcRedirect);
    }

    private static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
