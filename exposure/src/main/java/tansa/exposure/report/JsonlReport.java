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
    private final StringBuilder records = new StringBuilder(BATCH + 1024);
    private final String[] typeJson = new String[FindingType.values().length];
    private char[] chars = new char[BATCH + 1024];
    private char[] scratch = new char[256];
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
        String sha = hasher.hex(hit.normalized());
        summary.finding(hit.type(), hit.label(), sha);
        // One record a finding, hundreds of thousands a scan: built as text in a reused buffer,
        // with the generator's own escaping (see quote), and handed to the generator in batches.
        StringBuilder r = records;
        if (!path.equals(lastPath)) {
            lastPath = path;
            pathJson = quote(new StringBuilder("{\"kind\":\"finding\",\"path\":"), path).toString();
            pathNonAscii = nonAscii;
        }
        r.append(pathJson);
        if (pathNonAscii) {
            cut();
        }
        FindingType t = hit.type();
        String tj = typeJson[t.ordinal()];
        if (tj == null) {
            StringBuilder b = new StringBuilder(",\"category\":");
            quote(b, t.category()).append(",\"type\":");
            tj = typeJson[t.ordinal()] = quote(b, t.id()).append(",\"label\":").toString();
        }
        r.append(tj);
        value(r, hit.label());
        r.append(",\"term\":");
        value(r, hit.term());
        r.append(",\"masked\":");
        value(r, Masking.mask(hit.type(), hit.value()));
        r.append(",\"value_sha256\":");
        value(r, sha);
        if (reveal) {
            r.append(",\"value\":");
            value(r, hit.value());
        }
        r.append(",\"location\":{\"line\":").append(hit.line()).append(",\"offset\":").append(hit.offset());
        r.append("},\"confidence\":").append(hit.confidence()).append("}\n");
        if (r.length() >= BATCH) {
            flushRecords();
        }
    }

    /** Hands the finding records built so far to the generator; before anything else is written. */
    private void flushRecords() {
        int n = records.length();
        if (n == 0) {
            return;
        }
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        records.getChars(0, n, chars, 0);
        records.setLength(0);
        try {
            int from = 0;
            for (int k = 0; k < cuts; k++) {
                g.writeRaw(chars, from, cutAt[k] - from);
                from = cutAt[k];
            }
            g.writeRaw(chars, from, n - from);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cuts = 0;
    }

    /** Appends s quoted; a value with non-ASCII characters ends a piece written on its own (see cutAt). */
    private void value(StringBuilder r, String s) {
        quote(r, s);
        if (nonAscii) {
            cut();
        }
    }

    private void cut() {
        if (cuts == cutAt.length) {
            cutAt = Arrays.copyOf(cutAt, cuts * 2);
        }
        cutAt[cuts++] = records.length();
    }

    /**
     * Appends s as a JSON string, or null, exactly as the generator writes it: the usual string
     * needs no escape and is copied; any other goes through Jackson's own escaping.
     */
    private StringBuilder quote(StringBuilder r, String s) {
        nonAscii = false;
        if (s == null) {
            return r.append("null");
        }
        r.append('"');
        // Over a char[], as TextScanner.startsWith: values are Latin-1 and UTF-16 strings alike.
        int n = s.length();
        if (scratch.length < n) {
            scratch = new char[Math.max(n, scratch.length * 2)];
        }
        char[] cs = scratch;
        s.getChars(0, n, cs, 0);
        int high = 0;
        for (int k = 0; k < n; k++) {
            char c = cs[k];
            high |= c;
            if (c < 0x20 || c == '"' || c == '\\') {
                nonAscii = true; // (perhaps): written on its own either way
                JsonStringEncoder.getInstance().quoteAsString(s, r);
                return r.append('"');
            }
        }
        nonAscii = high >= 0x80;
        return r.append(s).append('"');
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
