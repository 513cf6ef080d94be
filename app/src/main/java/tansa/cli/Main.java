package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The {@code tansa} command. Exit codes: 0 ok, 1 failure (including bad evidence that was
 * reported and skipped), 2 usage error.
 */
@Command(name = "tansa",
        footerHeading = "%nExamples:%n",
        footer = {"  tansa hunt evidence/ --rules sigma/rules",
                "  tansa scan /mnt/fileserver -o scan.jsonl",
                "  tansa claims verify --scan scan.jsonl --leak-list leak-files.txt",
                "  tansa ingest --case cases/acme -r sigma/rules evidence/",
                "%nSee 'tansa COMMAND --help' for each command."},
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Incident response: read evidence, hunt with Sigma, scope, assess exposure.")
public final class Main implements Runnable {
    /**
     * The commands by name, in the order help lists them. Registered here rather than in the
     * annotation so that a run builds only the one it names: picocli reads each command's options
     * by reflection, and the others cost a scan's start-up 20-30 ms. The names are written here
     * (MainTest checks them against the annotations) because reading 24 classes' annotations to
     * find one costs a run ~20 ms more.
     */
    static final List<Map.Entry<String, Class<?>>> COMMANDS = List.of(
            Map.entry("dump", DumpCommand.class),
            Map.entry("hunt", HuntCommand.class),
            Map.entry("timeline", TimelineCommand.class),
            Map.entry("search", SearchCommand.class),
            Map.entry("metrics", MetricsCommand.class),
            Map.entry("logons", LogonsCommand.class),
            Map.entry("graph", GraphCommand.class),
            Map.entry("traffic", TrafficCommand.class),
            Map.entry("scope", ScopeCommand.class),
            Map.entry("rules", RulesCommand.class),
            Map.entry("scan", ScanCommand.class),
            Map.entry("claims", ClaimsCommand.class),
            Map.entry("case", CaseCommand.class),
            Map.entry("ingest", IngestCommand.class),
            Map.entry("evidence", EvidenceCommand.class),
            Map.entry("audit", AuditCommand.class),
            Map.entry("serve", ServeCommand.class),
            Map.entry("user", UserCommand.class),
            Map.entry("token", TokenCommand.class),
            Map.entry("report", ReportCommand.class),
            Map.entry("investigate", InvestigateCommand.class),
            Map.entry("stream", StreamCommand.class),
            Map.entry("ship", ShipCommand.class),
            Map.entry("help", CommandLine.HelpCommand.class));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where bulk output (dump, hunt JSONL) goes as bytes; the same stream as getOut(). */
    private OutputStream stdout = System.out;

    /** The byte stream behind {@code getOut()}; flush getOut() before writing to it. */
    public OutputStream stdout() {
        return stdout;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a command");
    }

    /** A command line wired the way the launcher runs it. */
    public static CommandLine commandLine() {
        return commandLine(new java.io.FileOutputStream(java.io.FileDescriptor.out), System.err);
    }

    /** A command line writing to the given streams; tests call {@code execute} on it and read them. */
    public static CommandLine commandLine(OutputStream out, OutputStream err) {
        return commandLine(out, err, null);
    }

    /**
     * A command line with every command, or only the one named {@code first} when it is one (the
     * command line to run starts with its name; anything else, such as --help or help, gets them
     * all).
     */
    private static CommandLine commandLine(OutputStream out, OutputStream err, String first) {
        Main main = new Main();
        OutputStream buffered = new java.io.BufferedOutputStream(out, 1 << 16);
        main.stdout = buffered;
        CommandLine cl = new CommandLine(main);
        boolean named = !"help".equals(first) && COMMANDS.stream().anyMatch(c -> c.getKey().equals(first));
        for (Map.Entry<String, Class<?>> c : COMMANDS) {
            if (!named || c.getKey().equals(first)) {
                cl.addSubcommand(c.getValue());
            }
        }
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(buffered, StandardCharsets.UTF_8), false));
        cl.setErr(new TerminalSafeWriter.Printer(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true, 4096));
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        return cl;
    }

    private static String first(String[] args) {
        return args.length > 0 ? args[0] : null;
    }

    /** Runs one command line to completion with the given streams and returns its exit code. */
    public static int run(OutputStream out, OutputStream err, String... args) {
        CommandLine cl = commandLine(out, err, first(args));
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return code;
    }

    public static void main(String[] args) {
        System.exit(run(new java.io.FileOutputStream(java.io.FileDescriptor.out), System.err, args));
    }
}
