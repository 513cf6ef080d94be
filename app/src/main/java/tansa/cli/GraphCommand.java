package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tansa.casefile.CaseEvents;
import tansa.casefile.CaseStore;
import tansa.reader.ReadSummary;
import tansa.scope.Graph;
import tansa.scope.GraphWriter;
import tansa.scope.MovementGraph;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tansa graph}: the lateral-movement graph of the evidence. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Draw the lateral-movement graph: hosts, addresses and accounts, with an edge from where each movement came "
                + "from to where it landed (logons with their type, failed logons, explicit credentials, remote service installs, "
                + "admin shares, PsExec / WMI / WinRM / DCOM / RDP, connections), each with its count, time span, accounts and "
                + "evidence records.",
                "json for tools, graphml for Gephi / yEd / Cytoscape, html for one page that works offline (filters by edge kind, "
                        + "account and time; click an edge for its evidence).",
                "With --case DIR or --db URL in place of evidence: from the events ingest stored in the case, no decoding; --store keeps the result there."},
        footerHeading = "%nExamples:%n",
        footer = {"  tansa graph evidence/ -f html -o movements.html",
                "  tansa graph evidence/ -f json | jq '.edges[] | select(.kind==\"psexec\")'",
                "  tansa graph Security.evtx zeek/ -f graphml -o movements.graphml",
                "  tansa graph --case cases/acme --store -f html -o movements.html"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every input read completely",
                "1:some evidence was damaged or unreadable (reported on stderr), or the output could not be written",
                "2:usage error"})
public final class GraphCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "EVIDENCE", description = "Evidence files or directories (read recursively); "
            + "or none, with --case or --db.")
    List<Path> evidence = new java.util.ArrayList<>();

    @Mixin
    CaseInput input;

    @Mixin
    TimeRangeOptions range;

    @Mixin
    ReadOptions read;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "json",
            description = "json (default), graphml or html.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the graph to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        String fmt = Formats.check(cl, format, "json", "graphml", "html");
        range.resolve(cl);
        boolean fromCase = input.check(cl, evidence);
        PrintWriter err = cl.getErr();
        MovementGraph builder = new MovementGraph();
        if (!fromCase) {
            return write(cl, err, fmt, builder, EventPass.read(err, evidence, range, read, builder::accept), null);
        }
        try (CaseStore store = input.open(cl)) {
            CaseEvents.Summary s = EventPass.read(store, range, read, MovementGraph::reads, builder::accept);
            CaseInput.noteProblems(err, read.quiet, store, s);
            return write(cl, err, fmt, builder, CaseInput.summary(s), store);
        }
    }

    private int write(CommandLine cl, PrintWriter err, String fmt, MovementGraph builder, ReadSummary summary, CaseStore store) {
        Graph graph = builder.build();
        if (store != null && input.store) {
            ByteArrayOutputStream json = new ByteArrayOutputStream(1 << 16);
            try {
                write(graph, "json", json);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            input.store(store, "graph", json.toString(StandardCharsets.UTF_8));
        }
        boolean failed;
        try {
            if (output == null) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
                write(graph, fmt, buf);
                PrintWriter out = cl.getOut();
                out.print(buf.toString(StandardCharsets.UTF_8));
                out.flush();
                failed = out.checkError();
            } else {
                try (OutputStream file = EventPass.openFile(output)) {
                    write(graph, fmt, file);
                }
                failed = false;
            }
        } catch (IOException e) {
            err.println("tansa: cannot write the graph" + (output == null ? "" : " to " + output) + ": " + e.getMessage());
            failed = true;
        }
        if (!read.quiet) {
            if (builder.dropped() > 0) {
                err.println("tansa: note: " + builder.dropped() + " host actions or logon spans over the memory caps were left out");
            }
            err.println("tansa: " + graph.nodes().size() + " nodes, " + graph.edges().size() + " edges from " + summary.files() + " files"
                    + (output == null ? "" : "; written to " + output));
        }
        if (failed && output == null) {
            err.println("tansa: cannot write the graph");
        }
        err.flush();
        return summary.problems() > 0 || failed ? 1 : 0;
    }

    private static void write(Graph g, String fmt, OutputStream out) throws IOException {
        switch (fmt) {
            case "graphml": {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                GraphWriter.graphml(g, w);
                w.flush();
                break;
            }
            case "html":
                GraphWriter.html(g, out);
                break;
            default:
                GraphWriter.json(g, out);
                out.write('\n');
        }
        out.flush();
    }

}
