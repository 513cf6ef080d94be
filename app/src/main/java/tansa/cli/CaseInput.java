package tansa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import tansa.casefile.CaseArtifacts;
import tansa.casefile.CaseEvents;
import tansa.casefile.CaseStore;
import tansa.reader.ReadSummary;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Where a scoping command (timeline, logons, graph, traffic, scope) reads from: the evidence, or
 * a case that {@code tansa ingest} filled ({@code --case DIR}, or {@code --db URL [--case-id ID]}),
 * whose stored events and detections stand in for decoding and hunting again; and whether the
 * result is stored in that case ({@code --store}). A mixin.
 */
final class CaseInput {
    @CommandLine.Mixin
    CaseOption where = new CaseOption();

    @Option(names = "--store", description = "Store the result in the case (with --case or --db), for the report and the "
            + "console; a result stored before under the command's name is replaced.")
    boolean store;

    /** Whether the command reads a case; usage errors for a wrong mix of evidence, case and --store. */
    boolean check(CommandLine cl, List<Path> evidence) {
        boolean fromCase = where.dir != null || where.db != null;
        boolean fromEvidence = evidence != null && !evidence.isEmpty();
        if (fromCase && fromEvidence) {
            throw new CommandLine.ParameterException(cl, "give the evidence or a case (--case DIR, --db URL), not both: "
                    + "a case's events are its evidence, ingested");
        }
        if (!fromCase && !fromEvidence) {
            throw new CommandLine.ParameterException(cl, "give the evidence (files or directories) or a case ingested from it "
                    + "(--case DIR or --db URL)");
        }
        if (store && !fromCase) {
            throw new CommandLine.ParameterException(cl, "--store stores the result in a case: read one with --case DIR or --db URL");
        }
        if (fromCase) {
            where.check(cl);
            if (where.dir != null && !Files.isRegularFile(where.dir.resolve(CaseStore.FILE))) {
                throw new CommandLine.ParameterException(cl, where.dir + " is not a case (no " + CaseStore.FILE + "): create it with 'tansa case init DIR' and 'tansa ingest --case DIR EVIDENCE'");
            }
        }
        return fromCase;
    }

    CaseStore open(CommandLine cl) {
        return where.open(cl);
    }

    /** What a read of a case amounts to, as a read of its evidence would say it. */
    static ReadSummary summary(CaseEvents.Summary s) {
        return new ReadSummary((int) Math.min(Integer.MAX_VALUE, s.files()), s.events(), s.problems());
    }

    /** A note that the case's evidence was damaged: reported in full when it was ingested. */
    static void noteProblems(PrintWriter err, boolean quiet, CaseStore store, CaseEvents.Summary s) {
        if (!quiet && s.problems() > 0) {
            err.println("tansa: note: " + TerminalText.escape(store.label(), TerminalText.MESSAGE_LIMIT) + ": its evidence had "
                    + s.problems() + " problems when it was ingested (reported then; 'tansa case stats' counts them)");
        }
    }

    /** Stores {@code text} as the case's result {@code name} when --store was given. */
    void store(CaseStore store, String name, String text) {
        if (this.store) {
            new CaseArtifacts(store).put(name, text, System.getProperty("user.name", "unknown"), Instant.now());
        }
    }
}
