package tansa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tansa.casefile.CaseStore;
import tansa.report.HtmlReport;
import tansa.report.JsonReport;
import tansa.report.Lang;
import tansa.report.Messages;
import tansa.report.ReportBuilder;
import tansa.report.ReportData;

/**
 * {@code tansa investigate}: the four questions in one command. Runs, in the case directory, the
 * same commands an analyst would — ingest (with Sigma rules), scope and graph, scan and the
 * leak-claim check when given, the report — and prints a short answer to each question. Each
 * finished step is recorded in {@code DIR/investigate.state} with a key of its inputs, so a run
 * that was killed starts again at the first unfinished step (ingest and scan resume inside a step).
 */
@Command(name = "investigate", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa investigate evidence/ --case cases/acme --rules sigma/rules",
                "  tansa investigate evtx/ zeek/ --case c/acme -r sigma/rules --files /mnt/share \\",
                "      --leak-list leak.txt --segments segments.yml --ioc iocs.json --lang ja"},
        description = {"Answer the four questions of an incident in one command: what attacked us, where and when (ingest"
                + " and hunt the evidence); how far it spread and what to cut off (scope, movement graph, containment plan);"
                + " whether classified or personal data was on the affected systems and whether the attacker's claim is true"
                + " (scan --files, check --leak-list); what to tell leadership and regulators (the report, written into the case).",
                "A killed run started again resumes at the first unfinished step."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all steps done", "1:a step failed, or evidence was damaged (reported and skipped)", "2:usage error"})
public final class InvestigateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "EVIDENCE", description = "Evidence files or directories (EVTX, JSON logs, Zeek, Suricata, syslog).")
    List<Path> evidence;

    @Option(names = "--case", required = true, paramLabel = "DIR", description = "The case directory (created when missing).")
    Path dir;

    @Option(names = {"-r", "--rules"}, paramLabel = "PATH", description = "Sigma rule file or directory; repeatable (default: TANSA_RULES).")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--ioc", paramLabel = "FILE", description = "Indicators (STIX 2.1, MISP, CSV, text) for the scope; repeatable.")
    List<Path> iocs = new ArrayList<>();

    @Option(names = "--segments", paramLabel = "FILE", description = "YAML mapping CIDRs to named segments, for the scope.")
    Path segments;

    @Option(names = "--files", paramLabel = "PATH", description = "The affected file systems to scan for markings, personal data and secrets; repeatable.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--leak-list", paramLabel = "FILE", description = "The attacker's published file list, checked against the scan (needs --files).")
    Path leakList;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "en", description = "The report's language: en (default) or ja.")
    String lang;

    @Option(names = "--name", paramLabel = "NAME", description = "The case's name when it is created (default: the directory's name).")
    String name;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for each step (default: all cores).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "Print only the answers and the report's path.")
    boolean quiet;

    private final Map<String, String> done = new LinkedHashMap<>();
    private PrintWriter err;
    private boolean damaged;

    @Override
    public Integer call() throws IOException {
        err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Lang language = Lang.parse(lang);
        if (language == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lang must be en or ja, not '" + lang + "'");
        }
        if (leakList != null && files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--leak-list is checked against a scan: give --files too");
        }
        if (rules.isEmpty() && System.getenv("TANSA_RULES") == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give Sigma rules with --rules PATH (or TANSA_RULES)");
        }
        Files.createDirectories(dir);
        Path state = dir.resolve("investigate.state");
        readState(state);
        if (!Files.exists(dir.resolve(CaseStore.FILE))) {
            step("init", List.of("case", "init", dir.toString(), "-q", "--name", name != null ? name : dirName()), state, false);
        }
        List<String> ev = paths(evidence);
        List<String> ruleArgs = new ArrayList<>();
        for (Path r : rules) {
            ruleArgs.add("-r");
            ruleArgs.add(r.toString());
        }
        List<String> t = threads == null ? List.of() : List.of("--threads", threads.toString());

        // 1. What attacked us, where, when: the evidence and its detections in the case.
        List<String> ingest = concat(List.of("ingest", "--case", dir.toString(), "-q", "-f", "json"), ruleArgs, t, ev);
        if (!step("ingest", ingest, state, true)) {
            return 1;
        }
        // 2. How far did it spread: scope with the containment plan, and the movement graph, in one read of
        // the events and detections the case now holds (no second decode, no second hunt), stored in it.
        // The key includes ingest's: new evidence in the case makes it run again.
        List<String> scopeArgs = concat(List.of("scope", "--case", dir.toString(), "--store", "-f", "json", "-q",
                "-o", dir.resolve("scope.json").toString(), "--graph", dir.resolve("graph.json").toString(),
                "--nftables", dir.resolve("containment.nft").toString(), "--suricata", dir.resolve("containment.rules").toString()),
                flags("--ioc", iocs), segments == null ? List.of() : List.of("--segments", segments.toString()), t);
        if (!step("scope", scopeArgs, state, true, done.get("ingest"))) {
            return 1;
        }
        // 3. Was classified or personal data there, and is the claim true.
        if (!files.isEmpty()) {
            Path scan = dir.resolve("scan.jsonl");
            List<String> scanArgs = concat(List.of("scan", "-f", "jsonl", "-q", "-o", scan.toString()), t, paths(files));
            if (Files.exists(scan) && !done.containsKey("scan")) {
                scanArgs = concat(scanArgs, List.of("--resume"));
            }
            if (!step("scan", scanArgs, state, true)) {
                return 1;
            }
            List<String> attach = new ArrayList<>(List.of("ingest", "--case", dir.toString(), "-q", "--scan", scan.toString()));
            if (leakList != null) {
                Path claims = dir.resolve("claims.jsonl");
                if (!step("claims", List.of("claims", "verify", "--scan", scan.toString(), "--leak-list", leakList.toString(),
                        "-f", "jsonl", "-o", claims.toString()), state, true)) {
                    return 1;
                }
                attach.addAll(List.of("--claims", claims.toString()));
            }
            if (!step("attach", attach, state, false)) {
                return 1;
            }
        }
        // 4. What to tell leadership and regulators: the report, in the case.
        Path html = dir.resolve("report.html");
        Path json = dir.resolve("report.json");
        if (!quiet) {
            err.println("tansa: investigate: report");
            err.flush();
        }
        // Built once, written as HTML for people and JSON for the answers below.
        ReportData data;
        try (CaseStore store = CaseStore.open(dir)) {
            data = new ReportBuilder().build(store, Instant.now(), ReportCommand.version());
        }
        Messages m = new Messages(language);
        Files.writeString(html, new HtmlReport(data, m, ReportCommand.consoleBase("http://127.0.0.1:8080",
                tansa.console.ConsoleServer.slug(dir))).render(), StandardCharsets.UTF_8);
        String jsonText = new JsonReport(data, m).render();
        Files.writeString(json, jsonText, StandardCharsets.UTF_8);
        JsonNode report = new ObjectMapper().readTree(jsonText);
        for (JsonNode a : report.path("summary")) {
            out.println(TerminalText.escape(a.path("question").asText()) + ": " + TerminalText.escape(a.path("answer").asText()));
        }
        out.println();
        out.println(language.pick("report: ", "報告書: ") + TerminalText.escape(html.toString()));
        out.println(language.pick("console: ", "コンソール: ") + "tansa serve --case " + TerminalText.escape(dir.toString()));
        out.flush();
        return damaged ? 1 : 0;
    }

    /**
     * Runs one step unless the state file says it finished with the same inputs; records it when
     * it does. {@code damageOk}: exit code 1 (damaged evidence, reported) lets the run go on.
     */
    private boolean step(String name, List<String> args, Path state, boolean damageOk, String... after) throws IOException {
        String key = key(concat(args, List.of(after)));
        if (key.equals(done.get(name))) {
            if (!quiet) {
                err.println("tansa: note: investigate: " + name + " already done (" + TerminalText.escape(state.toString()) + ")");
            }
            return true;
        }
        if (!run(args, damageOk)) {
            return false;
        }
        done.put(name, key);
        StringBuilder b = new StringBuilder();
        done.forEach((k, v) -> b.append(k).append('\t').append(v).append('\n'));
        Path tmp = state.resolveSibling(state.getFileName() + ".tmp");
        Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, state, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private boolean run(List<String> args, boolean damageOk) {
        if (!quiet) {
            err.println("tansa: investigate: " + args.get(0) + (args.size() > 1 && !args.get(1).startsWith("-") ? " " + args.get(1) : ""));
            err.flush();
        }
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = Main.run(sink, errors, args.toArray(new String[0]));
        String e = errors.toString(StandardCharsets.UTF_8);
        if (!e.isEmpty()) {
            err.print(e); // already escaped by the step's own printer
            err.flush();
        }
        if (code == 1 && damageOk) {
            damaged = true;
            return true;
        }
        if (code != 0) {
            err.println("tansa: investigate: " + args.get(0) + " failed (exit " + code + "); fix the above and run the same command again to resume");
            err.flush();
            return false;
        }
        return true;
    }

    private void readState(Path state) throws IOException {
        if (!Files.isRegularFile(state)) {
            return;
        }
        for (String line : Files.readAllLines(state, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                done.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
    }

    /** The inputs of a step: its arguments (a changed evidence file is caught by the step itself: ingest re-hashes). */
    private static String key(List<String> args) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String a : args) {
                md.update(a.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String dirName() {
        Path n = dir.toAbsolutePath().normalize().getFileName();
        return n == null ? "case" : n.toString();
    }

    private static List<String> paths(List<Path> ps) {
        List<String> out = new ArrayList<>();
        for (Path p : ps) {
            out.add(p.toString());
        }
        return out;
    }

    private static List<String> flags(String flag, List<Path> ps) {
        List<String> out = new ArrayList<>();
        for (Path p : ps) {
            out.add(flag);
            out.add(p.toString());
        }
        return out;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> out = new ArrayList<>();
        for (List<String> p : parts) {
            out.addAll(p);
        }
        return out;
    }

}
