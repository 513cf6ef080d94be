package tansa.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tansa.casefile.CaseStore;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tansa case list --db URL}: the cases of a PostgreSQL database. */
@Command(name = "list", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa case list --db postgresql://ir@db:5432/tansa",
                "  tansa case list --db postgresql://ir@db/tansa -f jsonl"},
        description = "List the cases of a PostgreSQL database: id, name, when and by whom each was created.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:the database cannot be read", "2:usage error"})
public final class CaseListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "URL", description = "The PostgreSQL database (postgresql://user@host:port/database).")
    String db;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or jsonl.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Option(names = {"-q", "--quiet"}, description = "Accepted for symmetry with the other commands.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        String f = Formats.check(spec.commandLine(), format, "table", "jsonl");
        List<CaseStore.Entry> cases = CaseStore.list(db);
        StringBuilder sb = new StringBuilder();
        for (CaseStore.Entry e : cases) {
            if (f.equals("jsonl")) {
                sb.append("{\"id\": ").append(e.id()).append(", \"name\": ").append(CaseStatsCommand.quote(e.name()))
                        .append(", \"created_at\": ").append(CaseStatsCommand.quote(e.createdAt())).append(", \"created_by\": ")
                        .append(CaseStatsCommand.quote(e.createdBy())).append("}\n");
            } else {
                sb.append(String.format(Locale.ROOT, "%6d  %-30s  %s  %s%n", e.id(), TerminalText.escape(e.name()),
                        TerminalText.escape(e.createdAt()), TerminalText.escape(e.createdBy())));
            }
        }
        if (output != null) {
            Files.writeString(output, sb.toString(), StandardCharsets.UTF_8);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(sb);
            out.flush();
        }
        return 0;
    }
}
