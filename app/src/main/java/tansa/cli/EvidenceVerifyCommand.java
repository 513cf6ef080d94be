package tansa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tansa.casefile.CaseStore;
import tansa.casefile.EvidenceCheck;
import tansa.casefile.EvidenceVerifier;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tansa evidence verify}: re-hash a case's evidence against its registry. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  tansa evidence verify --case cases/acme",
                "  tansa evidence verify --case cases/acme -f jsonl -o custody.jsonl",
                "  tansa evidence verify --db postgresql://ir@db/tansa --case-id acme"},
        description = {"Re-hash every file the case's evidence registry holds and compare SHA-256 and size with what was",
                "recorded at ingest; list files in the ingested directories that the case does not hold.",
                "One line per finding: changed, missing or new; nothing but the closing line when all is intact.",
                "With -f jsonl: {\"status\", \"path\", \"expected_sha256\", \"actual_sha256\", \"expected_size\", "
                        + "\"actual_size\"} per finding."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file is as ingested and none is new", "1:some file changed, is missing or new, "
                + "or the case is not usable", "2:usage error"})
public final class EvidenceVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaseOption where;

    @Mixin
    VerifyOutput output;

    @Override
    public Integer call() throws IOException {
        boolean jsonl = output.jsonl(spec.commandLine());
        EvidenceVerifier.Result result;
        try (CaseStore store = where.open(spec.commandLine())) {
            result = new EvidenceVerifier(store).verify();
        }
        ObjectMapper m = new ObjectMapper();
        output.write(spec.commandLine(), out -> {
            for (EvidenceCheck c : result.findings()) {
                if (jsonl) {
                    ObjectNode o = m.createObjectNode();
                    o.put("status", c.status().name().toLowerCase(Locale.ROOT));
                    o.put("path", c.path());
                    o.put("expected_sha256", c.expectedSha256());
                    o.put("actual_sha256", c.actualSha256());
                    o.put("expected_size", c.expectedSize());
                    o.put("actual_size", c.actualSize());
                    out.println(o.toString());
                } else {
                    out.println(String.format(Locale.ROOT, "%-8s %s%s", c.status().name().toLowerCase(Locale.ROOT),
                            TerminalText.escape(c.path()), detail(c)));
                }
            }
        }, result.checked() + " files checked: " + count(result, EvidenceCheck.Status.CHANGED) + " changed, "
                + count(result, EvidenceCheck.Status.MISSING) + " missing, " + count(result, EvidenceCheck.Status.NEW) + " new");
        return result.findings().isEmpty() ? 0 : 1;
    }

    private static String detail(EvidenceCheck c) {
        switch (c.status()) {
            case CHANGED:
                return c.actualSha256() == null ? "  (cannot be read now)"
                        : "  (SHA-256 " + c.expectedSha256() + ", now " + c.actualSha256() + "; size " + c.expectedSize()
                        + ", now " + c.actualSize() + ")";
            case MISSING:
                return "  (SHA-256 " + c.expectedSha256() + ")";
            default:
                return "";
        }
    }

    private static long count(EvidenceVerifier.Result r, EvidenceCheck.Status s) {
        return r.findings().stream().filter(c -> c.status() == s).count();
    }
}
