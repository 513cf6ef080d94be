package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tansa.exposure.claims.Claim;
import tansa.exposure.claims.ClaimReport;
import tansa.exposure.claims.ClaimVerifier;
import tansa.exposure.claims.LeakList;
import tansa.exposure.claims.ScanIndex;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tansa claims}: checks an attacker's leak claim against a scan. */
@Command(name = "claims", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa claims verify --scan scan.jsonl --leak-list leak-files.txt"},
        description = "Checks an attacker's leak claim against a 'tansa scan' output.",
        subcommands = ClaimsCommand.Verify.class)
public final class ClaimsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a subcommand");
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            footerHeading = "%nExamples:%n",
            footer = {"  tansa scan /mnt/fileserver -o scan.jsonl",
                    "  tansa claims verify --scan scan.jsonl --leak-list leak-files.txt",
                    "  tansa claims verify --scan scan.jsonl --leak-list list.txt --leak-sample samples/ -f jsonl"},
            description = {"Says for each file of a published leak list whether it existed on the scanned systems "
                    + "(confirmed: same SHA-256, or same name and size; size_mismatch: name only; hash_mismatch: same name, "
                    + "other SHA-256; not_found) and what it holds, "
                    + "and for each sample file whether a scanned file is identical (SHA-256), modified (same name) or not_found."})
    static final class Verify implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--scan", required = true, paramLabel = "SCAN.jsonl", description = "The JSONL output of 'tansa scan'.")
        Path scan;

        @Option(names = "--leak-list", required = true, paramLabel = "FILE", description = "The attacker's file list: SIZE PATH columns, ls -l/-lR, find -ls, tree, dir /s, "
                + "Get-ChildItem, CSV/TSV with a header, JSON, with or without hashes; the layout is detected.")
        Path leakList;

        @Option(names = "--leak-sample", paramLabel = "DIR", description = "Sample files the attacker published.")
        Path leakSample;

        @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or jsonl.")
        String format;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the result to FILE instead of stdout.")
        Path output;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            boolean jsonl = Formats.check(spec.commandLine(), format, "table", "jsonl").equals("jsonl");
            for (Path p : new Path[] {scan, leakList}) {
                if (!Files.isRegularFile(p)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), p + ": no such file");
                }
            }
            if (leakSample != null && !Files.isDirectory(leakSample)) {
                throw new CommandLine.ParameterException(spec.commandLine(), leakSample + ": not a directory");
            }
            ClaimVerifier v = new ClaimVerifier(ScanIndex.load(scan));
            LeakList list = LeakList.read(leakList);
            PrintWriter err = spec.commandLine().getErr();
            for (String p : list.problems()) {
                err.println(p);
            }
            for (String h : list.hashTypes()) {
                if (!h.equals("sha256")) {
                    err.println(leakList + ": the list gives " + h.toUpperCase(Locale.ROOT)
                            + " hashes and the scan records SHA-256 only: those claims are matched by path and size");
                }
            }
            err.flush();
            List<ClaimVerifier.ClaimResult> claims = new ArrayList<>();
            for (Claim c : list.claims()) {
                claims.add(v.verify(c));
            }
            List<ClaimVerifier.SampleResult> samples = leakSample == null ? List.of() : v.samples(leakSample);
            if (output != null) {
                out = new PrintWriter(Files.newBufferedWriter(output, java.nio.charset.StandardCharsets.UTF_8));
            }
            if (jsonl) {
                ClaimReport.jsonl(out, list, claims, samples);
            } else if (output != null) {
                ClaimReport.table(out, list, claims, samples);
            } else {
                // Leak lists and sample names come from the attacker: the table is escaped.
                PrintWriter text = TerminalSafeWriter.text(out);
                ClaimReport.table(text, list, claims, samples);
                text.flush();
            }
            out.flush();
            if (output != null) {
                out.close();
                spec.commandLine().getErr().println("tansa: claims: " + claims.size() + " claims, " + samples.size()
                        + " samples; written to " + output);
            }
            if (!list.problems().isEmpty()) {
                return 1;
            }
            return 0;
        }
    }
}
