package tansa.exposure.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import tansa.exposure.detect.FindingType;
import tansa.exposure.detect.Hit;
import tansa.exposure.scan.FileRecord;
import tansa.exposure.scan.FileStatus;
import tansa.exposure.scan.ScanListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes a scan as JSON Lines (issue 4): a {@code file} record per file and member, a
 * {@code finding} record per finding and a closing {@code summary}. Values are masked unless
 * {@code reveal}; {@code value_sha256} is the SHA-256 of the normalised value.
 */
public final class JsonlReport implements ScanListener {
    private final JsonGenerator g;
    private final Writer out;
    private final Writer err;
    private final boolean reveal;
    private final Summary summary;
    private final ValueHasher hasher = new ValueHasher();
    /** Characters of finding records gathered before they go to the generator. */
    private static final int BATCH = 1 << 15;
    /**
     * The finding records built so far, {@code rec[0, rn)}: a plain buffer rather than a
     * StringBuilder, whose Latin-1/UTF-16 paths made the method that builds a record the costliest
     * C2 compilation of a scan (running slower code until it was done).
     */
    private char[] rec = new char[BATCH + 1024];
    private int rn;
    private final String[] typeJson = new String[FindingType.values().length];
    /**
     * Ends of the record pieces to write separately: the JDK's UTF-8 encoder takes its fast
     * ASCII path only up to the first other character of each write, and one Japanese label in a
     * batch sent the rest of it through the slow path. Cut after each non-ASCII value.
     */
    private int[] cutAt = new int[64];
    private int cuts;
    /** Whether the last quoted string held a character beyond ASCII. */
    private boolean nonAscii;
    private boolean pathNonAscii;
    private static final int CONFIDENCES = 64;
    private final long[] confidenceBits = new long[CONFIDENCES];
    private final String[] confidenceText = new String[CONFIDENCES];
    private String lastPath;
    private String pathJson;

    public JsonlReport(Writer out, Writer err, boolean reveal, Summary summary) throws IOException {
        this.out = out;
        this.err = err;
        this.reveal = reveal;
        this.summary = summary;
        this.g = new JsonFactory().createGenerator(out);
        g.setRootValueSeparator(null);
    }

    @Override
    public void finding(String path, Hit hit) {
        ValueHasher.Value v = hasher.of(hit.normalized());
        summary.finding(hit.type(), hit.label(), v.hi(), v.lo());
        // One record a finding, hundreds of thousands a scan: built as text in a reused buffer,
        // with the generator's own escaping (see quote), and handed to the generator in batches.
        if (!path.equals(lastPath)) {
            lastPath = path;
            pathJson = "{\"kind\":\"finding\",\"path\":" + quoted(path);
            pathNonAscii = nonAscii;
        }
        put(pathJson);
        if (pathNonAscii) {
            cut();
        }
        FindingType t = hit.type();
        String tj = typeJson[t.ordinal()];
        if (tj == null) {
            tj = typeJson[t.ordinal()] = ",\"category\":" + quoted(t.category()) + ",\"type\":" + quoted(t.id()) + ",\"label\":";
        }
        put(tj);
        value(hit.label());
        put(",\"term\":");
        value(hit.term());
        put(",\"masked\":");
        value(Masking.mask(hit.type(), hit.value()));
        put(",\"value_sha256\":");
        value(v.hex());
        if (reveal) {
            put(",\"value\":");
            value(hit.value());
        }
        put(",\"location\":{\"line\":");
        put(hit.line());
        put(",\"offset\":");
        put(hit.offset());
        put("},\"confidence\":");
        put(confidence(hit.confidence()));
        put("}\n");
        if (rn >= BATCH) {
            flushRecords();
        }
    }

    private void put(String s) {
        int n = s.length();
        if (rn + n > rec.length) {
            rec = Arrays.copyOf(rec, Math.max(rn + n, rec.length * 2));
        }
        s.getChars(0, n, rec, rn);
        rn += n;
    }

    private void put(long v) {
        if (v >= 0 && v < 10) {
            if (rn + 1 > rec.length) {
                rec = Arrays.copyOf(rec, rec.length * 2);
            }
            rec[rn++] = (char) ('0' + v);
        } else {
            put(Long.toString(v));
        }
    }

    /**
     * The confidence as Java writes a double, from a small cache: detectors use a handful of
     * values, and formatting a double (FloatingDecimal) for each of hundreds of thousands of
     * findings was a visible share of writing them.
     */
    private String confidence(double c) {
        long bits = Double.doubleToLongBits(c);
        int slot = (int) (bits ^ (bits >>> 32) ^ (bits >>> 45)) & (CONFIDENCES - 1);
        if (confidenceBits[slot] != bits || confidenceText[slot] == null) {
            confidenceBits[slot] = bits;
            confidenceText[slot] = Double.toString(c);
        }
        return confidenceText[slot];
    }

    /** Hands the finding records built so far to the generator; before anything else is written. */
    private void flushRecords() {
        int n = rn;
        if (n == 0) {
            return;
        }
        try {
            int from = 0;
            for (int k = 0; k < cuts; k++) {
                g.writeRaw(rec, from, cutAt[k] - from);
                from = cutAt[k];
            }
            g.writeRaw(rec, from, n - from);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rn = 0;
        cuts = 0;
    }

    /** Appends s quoted; a value with non-ASCII characters ends a piece written on its own (see cutAt). */
    private void value(String s) {
        quote(s);
        if (nonAscii) {
            cut();
        }
    }

    private void cut() {
        if (cuts == cutAt.length) {
            cutAt = Arrays.copyOf(cutAt, cuts * 2);
        }
        cutAt[cuts++] = rn;
    }

    /**
     * Appends s as a JSON string, or null, exactly as the generator writes it: the usual string
     * needs no escape and is copied; any other goes through Jackson's own escaping.
     */
    private void quote(String s) {
        nonAscii = false;
        if (s == null) {
            put("null");
            return;
        }
        int at = rn;
        put("\"");
        put(s);
        // Checked over the copy, a char[]: String.charAt in a loop had C2 recompile each caller
        // when Latin-1 and UTF-16 strings alternated (a profiled loop predicate on the coder).
        char[] cs = rec;
        int high = 0;
        for (int k = at + 1; k < rn; k++) {
            char c = cs[k];
            high |= c;
            if (c < 0x20 || c == '"' || c == '\\') {
                rn = at;
                nonAscii = true; // (perhaps): written on its own either way
                StringBuilder b = new StringBuilder(s.length() + 8).append('"');
                JsonStringEncoder.getInstance().quoteAsString(s, b);
                put(b.append('"').toString());
                return;
            }
        }
        nonAscii = high >= 0x80;
        put("\"");
    }

    /** s quoted as {@link #quote} writes it, as a String (for the record pieces that are cached). */
    private String quoted(String s) {
        int at = rn;
        quote(s);
        String q = new String(rec, at, rn - at);
        rn = at;
        return q;
    }

    @Override
    public void file(FileRecord f) {
        flushRecords();
        summary.file(f.status(), f.topLevel());
        try {
            g.writeStartObject();
            g.writeStringField("kind", "file");
            g.writeStringField("path", f.path());
            g.writeStringField("sha256", f.sha256());
            g.writeNumberField("size", f.size());
            g.writeStringField("mime", f.mime());
            g.writeStringField("status", f.status().id());
            g.writeStringField("error", f.error());
            g.writeEndObject();
            g.writeRaw('\n');
            if (f.topLevel()) {
                g.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void problem(String line) {
        try {
            err.write("tansa: scan: " + line + "\n");
            err.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the closing summary record. */
    public void finish() throws IOException {
        flushRecords();
        writeSummary(g, summary);
        g.writeRaw('\n');
        g.flush();
        out.flush();
    }

    static void writeSummary(JsonGenerator g, Summary s) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", "summary");
        g.writeNumberField("files", s.files());
        g.writeNumberField("findings", s.findings());
        g.writeObjectFieldStart("counts");
        for (FindingType t : FindingType.values()) {
            if (s.count(t) > 0) {
                g.writeNumberField(t.id(), s.count(t));
            }
        }
        g.writeEndObject();
        g.writeObjectFieldStart("distinct");
        for (FindingType t : FindingType.values()) {
            if (s.count(t) > 0) {
                g.writeNumberField(t.id(), s.distinct(t));
            }
        }
        g.writeEndObject();
        g.writeObjectFieldStart("labels");
        for (Map.Entry<String, Long> e : s.labels().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("coverage");
        for (FileStatus st : FileStatus.values()) {
            g.writeNumberField(st.id(), s.status(st));
        }
        g.writeNumberField("checked", s.checked());
        g.writeNumberField("not_checked", s.files() - s.checked());
        g.writeNumberField("ratio", Math.round(s.coverage() * 10000) / 10000.0);
        g.writeEndObject();
        g.writeEndObject();
    }
}
