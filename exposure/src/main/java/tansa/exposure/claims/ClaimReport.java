package tansa.exposure.claims;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes claim verification as JSONL or as a table, ending with the one-sentence verdict. */
public final class ClaimReport {
    private ClaimReport() {
    }

    /** "N of M claimed files confirmed; K carry classification markings; P could not be matched". */
    public static String verdict(List<ClaimVerifier.ClaimResult> claims) {
        long confirmed = claims.stream().filter(c -> c.outcome().equals("confirmed")).count();
        long marked = claims.stream().filter(c -> c.outcome().equals("confirmed") && hasMarking(c.findings())).count();
        long notFound = claims.stream().filter(c -> c.outcome().equals("not_found")).count();
        return confirmed + " of " + claims.size() + " claimed files confirmed; " + marked + " carry classification markings; "
                + notFound + " could not be matched";
    }

    static boolean hasMarking(Map<String, Integer> f) {
        return f != null && f.containsKey("marking.classification");
    }

    public static void jsonl(PrintWriter out, List<ClaimVerifier.ClaimResult> claims, List<ClaimVerifier.SampleResult> samples) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.setRootValueSeparator(null);
        for (ClaimVerifier.ClaimResult c : claims) {
            g.writeStartObject();
            g.writeStringField("kind", "claim");
            g.writeStringField("claimed_path", c.claim().path());
            if (c.claim().size() == null) {
                g.writeNullField("claimed_size");
            } else {
                g.writeNumberField("claimed_size", c.claim().size());
            }
            g.writeStringField("outcome", c.outcome());
            g.writeStringField("matched_path", c.matchedPath());
            if (c.findings() == null) {
                g.writeNullField("findings");
            } else {
                g.writeObjectFieldStart("findings");
                for (Map.Entry<String, Integer> e : c.findings().entrySet()) {
                    g.writeNumberField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeRaw('\n');
        }
        for (ClaimVerifier.SampleResult s : samples) {
            g.writeStartObject();
            g.writeStringField("kind", "sample");
            g.writeStringField("file", s.file());
            g.writeStringField("outcome", s.outcome());
            g.writeStringField("matched_path", s.matchedPath());
            g.writeEndObject();
            g.writeRaw('\n');
        }
        g.writeStartObject();
        g.writeStringField("kind", "summary");
        g.writeNumberField("claimed", claims.size());
        for (String o : new String[] {"confirmed", "size_mismatch", "not_found"}) {
            g.writeNumberField(o, claims.stream().filter(c -> c.outcome().equals(o)).count());
        }
        g.writeNumberField("confirmed_with_markings", claims.stream().filter(c -> c.outcome().equals("confirmed") && hasMarking(c.findings())).count());
        g.writeNumberField("confirmed_with_findings", claims.stream().filter(c -> c.outcome().equals("confirmed") && !c.findings().isEmpty()).count());
        g.writeNumberField("samples", samples.size());
        for (String o : new String[] {"identical", "modified"}) {
            g.writeNumberField("samples_" + o, samples.stream().filter(s -> s.outcome().equals(o)).count());
        }
        g.writeNumberField("samples_not_found", samples.stream().filter(s -> s.outcome().equals("not_found")).count());
        g.writeStringField("verdict", verdict(claims));
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }

    public static void table(PrintWriter out, List<ClaimVerifier.ClaimResult> claims, List<ClaimVerifier.SampleResult> samples) {
        out.printf(Locale.ROOT, "%-14s %-50s %s%n", "OUTCOME", "CLAIMED", "MATCHED");
        for (ClaimVerifier.ClaimResult c : claims) {
            String f = c.findings() == null || c.findings().isEmpty() ? "" : "  " + c.findings();
            out.printf(Locale.ROOT, "%-14s %-50s %s%s%n", c.outcome(), c.claim().path(), c.matchedPath() == null ? "-" : c.matchedPath(), f);
        }
        if (!samples.isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "%-14s %-50s %s%n", "SAMPLE", "FILE", "MATCHED");
            for (ClaimVerifier.SampleResult s : samples) {
                out.printf(Locale.ROOT, "%-14s %-50s %s%n", s.outcome(), s.file(), s.matchedPath() == null ? "-" : s.matchedPath());
            }
        }
        out.println();
        out.println(verdict(claims));
        out.flush();
    }
}
