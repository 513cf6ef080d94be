package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code tansa} command. Exit codes: 0 ok, 1 failure (including bad evidence that was
 * reported and skipped), 2 usage error.
 */
@Command(name = "tansa",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Incident response: read evidence, hunt with Sigma, scope, assess exposure.",
        subcommands = {
                DumpCommand.class,
                HuntCommand.class,
                RulesCommand.class,
                ScanCommand.class,
                ClaimsCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: see 'tansa --help'");
    }

    /** A command line wired the way the launcher runs it; tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16), false));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }

    public static void main(String[] args) {
        CommandLine cl = commandLine();
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        System.exit(code);
    }
}
