package tansa.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tansa.casefile.Audit;
import tansa.casefile.CaseStore;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tansa audit verify}: walk the audit log's hash chain and name every entry that was edited, reordered or deleted. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa audit verify --case cases/acme",
                "  tansa audit verify --db postgresql://ir@db/tansa --case-id 3 -f jsonl"},
        description = {"Check the case's audit log: each entry's hash is SHA-256 over the previous entry's hash and the entry",
                "itself, so an edited, reordered or deleted entry breaks the chain there. One line per problem",
                "(entry number, what is wrong); the closing line gives the entry count and the newest entry's hash:",
                "keep it elsewhere, and a later run that ends in another hash shows that the log was rewritten.",
                "With -f jsonl: {\"entry\", \"problem\", \"detail\"} per problem."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the log is intact", "1:some entry was edited, reordered or deleted, or the case is not usable",
                "2:usage error"})
public final class AuditVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaseOption where;

    @Mixin
    VerifyOutput output;

    @Override
    public Integer call() throws IOException {
        boolean jsonl = output.jsonl(spec.commandLine());
        Audit.Verification v;
        String label;
        try (CaseStore store = where.open(spec.commandLine())) {
            v = new Audit(store).verify();
            label = store.label();
        }
        output.write(spec.commandLine(), out -> {
            for (Audit.Problem p : v.problems()) {
                if (jsonl) {
                    out.println("{\"entry\": " + p.seq() + ", \"problem\": " + CaseStatsCommand.quote(p.kind()) + ", \"detail\": "
                            + CaseStatsCommand.quote(p.detail()) + "}");
                } else {
                    out.println(String.format(Locale.ROOT, "entry %d  %-10s %s", p.seq(), p.kind(), p.detail()));
                }
            }
        }, "audit log of " + TerminalText.escape(label) + ": " + v.entries() + " entries, "
                + (v.intact() ? "intact" : v.problems().size() + " problems") + "; newest hash " + v.head());
        return v.intact() ? 0 : 1;
    }
}
