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

    private static final String[] OUTCOMES = {"confirmed", "size_mismatch", "hash_mismatch", "not_found"};

    /** "N of M claimed files confirmed; K carry classification markings; P could not be matched". */
    public static String verdict(List<ClaimVerifier.ClaimResult> claims) {
        long confirmed = count(claims, "confirmed");
        long marked = claims.stream().filter(c -> c.outcome().equals("confirmed") && hasMarking(c.findings())).count();
        long notFound = count(claims, "not_found");
        return confirmed + " of " + claims.size() + " claimed files confirmed; " + marked + " carry classification markings; "
                + notFound + " could not be matched";
    }

    /** "I lines of the list named no file (layout: L)". */
    public static String ignoredLine(LeakList list) {
        return list.ignored() + " lines of the list named no file and were ignored (layout: " + list.layout().id() + ")";
    }

    private static long count(List<ClaimVerifier.ClaimResult> claims, String outcome) {
        return claims.stream().filter(c -> c.outcome().equals(outcome)).count();
    }

    static boolean hasMarking(Map<String, Integer> f) {
        return f != null && f.containsKey("marking.classification");
    }

    public static void jsonl(PrintWriter out, LeakList list, List<ClaimVerifier.ClaimResult> claims, List<ClaimVerifier.SampleResult> samples)
            throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.setRootValueSeparator(null);
        for (ClaimVerifier.ClaimResult c : claims) {
            Claim cl = c.claim();
            g.writeStartObject();
            g.writeStringField("kind", "claim");
            g.writeNumberField("line", cl.line());
            g.writeStringField("claimed_path", cl.path());
            g.writeStringField("path_text", cl.pathText());
            if (cl.size() == null) {
                g.writeNullField("claimed_size");
                g.writeNullField("size_text");
            } else {
                g.writeNumberField("claimed_size", cl.size().bytes());
                g.writeStringField("size_text", cl.size().text());
                if (!cl.size().exact()) {
                    g.writeArrayFieldStart("size_range");
                    g.writeNumber(cl.size().min());
                    g.writeNumber(cl.size().max());
                    g.writeEndArray();
                }
            }
            if (cl.hash() != null) {
                g.writeStringField("claimed_" + cl.hashType(), cl.hash());
            }
            g.writeStringField("outcome", c.outcome());
            g.writeStringField("matched_path", c.matchedPath());
            g.writeStringField("matched_by", c.matchedBy());
            if (c.note() != null) {
                g.writeStringField("note", c.note());
            }
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
        g.writeStringField("layout", list.layout().id());
        g.writeNumberField("claimed", claims.size());
        g.writeNumberField("ignored", list.ignored());
        for (String o : OUTCOMES) {
            g.writeNumberField(o, count(claims, o));
        }
        g.writeNumberField("confirmed_with_markings", claims.stream().filter(c -> c.outcome().equals("confirmed") && hasMarking(c.findings())).count());
        g.writeNumberField("confirmed_with_findings", claims.stream().filter(c -> c.outcome().equals("confirmed") && !c.findings().isEmpty()).count());
        g.writeNumberField("samples", samples.size());
        for (String o : new String[] {"identical", "modified"}) {
            g.writeNumberField("samples_" + o, samples.stream().filter(s -> s.outcome().equals(o)).count());
        }
        g.writeNumberField("samples_not_found", samples.stream().filter(s -> s.outcome().equals("not_found")).count());
        g.writeNumberField("problems", list.problems().size());
        g.writeStringField("verdict", verdict(claims));
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }

    public static void table(PrintWriter out, LeakList list, List<ClaimVerifier.ClaimResult> claims, List<ClaimVerifier.SampleResult> samples) {
        out.printf(Locale.ROOT, "%-14s %6s %-50s %14s %s%n", "OUTCOME", "LINE", "CLAIMED", "SIZE", "MATCHED");
        for (ClaimVerifier.ClaimResult c : claims) {
            String f = c.findings() == null || c.findings().isEmpty() ? "" : "  " + c.findings();
            String size = c.claim().size() == null ? "-" : c.claim().size().text();
            out.printf(Locale.ROOT, "%-14s %6d %-50s %14s %s%s%n", c.outcome(), c.claim().line(), c.claim().path(), size,
                    c.matchedPath() == null ? "-" : c.matchedPath(), f);
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
        out.println(ignoredLine(list));
        out.flush();
    }
}
