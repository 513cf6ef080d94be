package tansa.zeek;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import tansa.event.Event;
import tansa.reader.Problems;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Reads Zeek's TSV logs (the ASCII writer's default form) into events: one event per data line,
 * its tree Zeek's own field names with JSON types, as Zeek's JSON writer would print the record
 * ({@link ZeekType}, {@link ZeekText}, {@link ZeekTime}), plus {@code _path} (the log's name from
 * {@code #path}); the event's time is {@code ts}. An unset value ({@code -}) leaves the field out,
 * as the JSON writer does; an empty one ({@code (empty)}) is {@code []} or {@code ""}.
 *
 * <p>Several logs may follow one another in one file (each with its own header, each maybe
 * ended by {@code #close}). A line that does not fit its header (wrong number of fields, no
 * {@code #fields} before it, cut short at the end of the file) is reported with its line and byte
 * offset and skipped; a value that does not parse as its type is reported and kept as text. The
 * rest of the file is read. Streams: one line in memory at a time (at most {@link #MAX_LINE}).
 *
 * <p>Not thread-safe: one instance per file.
 */
public final class ZeekTsvReader {
    /** Longest line read; a longer one is reported and skipped (memory stays bounded). */
    static final int MAX_LINE = 16 << 20;
    private static final byte[] SEPARATOR = "#separator ".getBytes(StandardCharsets.US_ASCII);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Problems problems;
    private final ZeekText text = new ZeekText();
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    /** Stream offset of {@code buf[0]}. */
    private long base;
    private boolean eof;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int[] elementStarts = new int[16];
    private int[] elementEnds = new int[16];
    private String source;
    private long line;
    private long lineOffset;
    private boolean badValueReported;
    /** Set when the stream ended in the middle (a truncated or damaged gzip member). */
    private IOException cutShort;
    private long cutAt;

    public ZeekTsvReader(Problems problems) {
        this.problems = problems;
    }

    /** Whether the first bytes are a Zeek TSV header ({@code #separator }, after an optional BOM). */
    public static boolean sniff(byte[] head, int n) {
        int i = n >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf ? 3 : 0;
        if (n - i < SEPARATOR.length) {
            return false;
        }
        for (int k = 0; k < SEPARATOR.length; k++) {
            if (head[i + k] != SEPARATOR[k]) {
                return false;
            }
        }
        return true;
    }

    /** Reads every record of the stream; returns how many events were delivered. */
    public long read(InputStream in, String source, Consumer<Event> sink) throws IOException {
        this.source = source;
        ZeekHeader h = new ZeekHeader();
        boolean headerless = false;
        long events = 0;
        int end;
        while ((end = nextLine(in)) >= 0) {
            int from = pos;
            pos = end < lim && buf[end] == '\n' ? end + 1 : end;
            boolean cut = end == lim && eof;
            if (end > from && buf[end - 1] == '\r') {
                end--;
            }
            if (end - from >= 1 && buf[from] == '#') {
                if (ZeekHeader.same(buf, from, Math.min(end, from + SEPARATOR.length), SEPARATOR)) {
                    h = new ZeekHeader();
                    h.separator = unescape(buf, from + SEPARATOR.length, end);
                    if (h.separator.length == 0) {
                        h.separator = new byte[] {'\t'};
                        report("#separator without a value; a tab assumed");
                    }
                } else {
                    header(h, from, end);
                }
                headerless = false;
                continue;
            }
            if (end == from) {
                continue;
            }
            if (h.closed || h.fields == null) {
                if (!headerless) {
                    report("a data line with no #fields header before it (a cut or incomplete Zeek header); "
                            + "lines up to the next header skipped");
                    headerless = true;
                }
                continue;
            }
            int n = split(buf, from, end, h.separator);
            if (n != h.fields.length) {
                report(cut ? "cut short (" + n + " of " + h.fields.length + " fields and no line end: the file is "
                        + "truncated); record skipped"
                        : n + " fields where #fields names " + h.fields.length + "; record skipped");
                continue;
            }
            if (cut) {
                problems.note(source, lineOffset, "line " + line + ": no line end after the last record (the file "
                        + "may be cut); the record is read as it is");
            }
            sink.accept(record(h));
            events++;
        }
        if (cutShort != null) {
            problems.report(source, cutAt, "line " + (line + 1) + ": " + (cutShort instanceof java.io.EOFException
                    ? "the gzip stream ends early (truncated file)" : "damaged gzip stream (" + cutShort.getMessage() + ")")
                    + " after " + events + " records; the rest of the file is lost");
        }
        return events;
    }

    /**
     * Reads into the free end of the buffer. {@code BufferedInputStream.read(b, off, len)} loops
     * over its source until {@code len} bytes or nothing available, and when a later round throws
     * (a gzip stream cut short) the bytes already copied are lost: so ask for no more than it
     * holds beyond one, and a read that reaches the gzip stream returns what the inflater gave.
     */
    private int fill(InputStream in, int free) throws IOException {
        int available = in.available();
        return in.read(buf, lim, available > 1 ? Math.min(free, available - 1) : 1);
    }

    /** The end of the last complete line in {@code buf[from, to)} (after its line feed), or {@code from}. */
    private int lastLineEnd(int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (buf[i] == '\n') {
                return i + 1;
            }
        }
        return from;
    }

    /** Finds the next line from {@code pos}, refilling the buffer; the index of its end, or -1 at the end. */
    private int nextLine(InputStream in) throws IOException {
        int scan = pos;
        boolean skipping = false;
        while (true) {
            for (int i = scan; i < lim; i++) {
                if (buf[i] == '\n') {
                    if (skipping) {
                        pos = i + 1;
                        skipping = false;
                        scan = pos;
                        i = pos - 1;
                        continue;
                    }
                    line++;
                    lineOffset = base + pos;
                    return i;
                }
            }
            if (eof) {
                if (pos < lim && !skipping) {
                    line++;
                    lineOffset = base + pos;
                    return lim;
                }
                return -1;
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                base += pos;
                lim -= pos;
                pos = 0;
            }
            scan = lim;
            if (lim == buf.length) {
                if (buf.length >= MAX_LINE) {
                    line++;
                    lineOffset = base;
                    report("longer than " + (MAX_LINE >> 20) + " MiB; skipped");
                    base += lim;
                    lim = 0;
                    scan = 0;
                    skipping = true;
                } else {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
            }
            int r;
            try {
                r = fill(in, buf.length - lim);
            } catch (java.io.EOFException | java.util.zip.ZipException e) {
                // a gzip stream cut short or damaged: read the complete lines before the damage,
                // then report it (the partial line after the last line end is lost with it)
                cutShort = e;
                cutAt = base + lim;
                lim = lastLineEnd(pos, lim);
                eof = true;
                continue;
            }
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
            }
        }
    }

    private void header(ZeekHeader h, int from, int end) {
        int n = split(buf, from, end, h.separator);
        String key = new String(buf, starts[0], ends[0] - starts[0], StandardCharsets.ISO_8859_1);
        switch (key) {
            case "#set_separator":
                h.setSeparator = n > 1 ? unescape(buf, starts[1], ends[1]) : h.setSeparator;
                break;
            case "#empty_field":
                h.emptyField = n > 1 ? unescape(buf, starts[1], ends[1]) : h.emptyField;
                break;
            case "#unset_field":
                h.unsetField = n > 1 ? unescape(buf, starts[1], ends[1]) : h.unsetField;
                break;
            case "#path":
                h.path = n > 1 ? text.decode(buf, starts[1], ends[1]) : null;
                break;
            case "#fields":
                h.fields = tokens(n);
                h.types = null;
                h.closed = false;
                break;
            case "#types":
                String[] types = tokens(n);
                if (h.fields != null && types.length != h.fields.length) {
                    report("#types names " + types.length + " types for " + h.fields.length + " fields; values read as text");
                } else {
                    h.types(types);
                }
                break;
            case "#close":
                h.closed = true;
                break;
            default:
                // #open and comments: nothing to keep
        }
    }

    private String[] tokens(int n) {
        String[] out = new String[n - 1];
        for (int k = 1; k < n; k++) {
            out[k - 1] = text.decode(buf, starts[k], ends[k]);
        }
        return out;
    }

    private Event record(ZeekHeader h) {
        ObjectNode obj = F.objectNode();
        if (h.path != null) {
            obj.put("_path", h.path);
        }
        badValueReported = false;
        Instant time = null;
        String[] fields = h.fields;
        for (int k = 0; k < fields.length; k++) {
            int s = starts[k];
            int e = ends[k];
            if (ZeekHeader.same(buf, s, e, h.unsetField)) {
                continue;
            }
            ZeekType type = h.types == null ? ZeekType.TEXT : h.types[k];
            boolean container = h.types != null && h.containers[k];
            if (ZeekHeader.same(buf, s, e, h.emptyField)) {
                if (container) {
                    obj.putArray(fields[k]);
                } else {
                    obj.put(fields[k], "");
                }
                continue;
            }
            if (container) {
                ArrayNode array = obj.putArray(fields[k]);
                int m = splitElements(s, e, h.setSeparator);
                for (int j = 0; j < m; j++) {
                    int es = elementStarts[j];
                    int ee = elementEnds[j];
                    array.add(ZeekHeader.same(buf, es, ee, h.unsetField) ? F.nullNode() : value(fields[k], type, es, ee));
                }
                continue;
            }
            if (type == ZeekType.TIME && fields[k].equals("ts")) {
                time = ZeekTime.parseEpoch(buf, s, e);
            }
            obj.set(fields[k], value(fields[k], type, s, e));
        }
        return new Event(obj, source, -1, time).knownProduct();
    }

    private JsonNode value(String field, ZeekType type, int s, int e) {
        switch (type) {
            case INTEGER: {
                JsonNode v = integer(s, e);
                return v != null ? v : bad(field, "an integer", s, e);
            }
            case NUMBER: {
                JsonNode v = number(s, e);
                return v != null ? v : bad(field, "a number", s, e);
            }
            case BOOL:
                if (e - s == 1 && (buf[s] == 'T' || buf[s] == 'F')) {
                    return BooleanNode.valueOf(buf[s] == 'T');
                }
                return bad(field, "a bool (T or F)", s, e);
            case TIME: {
                Instant t = ZeekTime.parseEpoch(buf, s, e);
                return t != null ? TextNode.valueOf(ZeekTime.format(t)) : bad(field, "a time (epoch seconds)", s, e);
            }
            default:
                return TextNode.valueOf(text.decode(buf, s, e));
        }
    }

    private JsonNode integer(int s, int e) {
        int i = s;
        boolean negative = i < e && buf[i] == '-';
        if (negative || i < e && buf[i] == '+') {
            i++;
        }
        if (i == e || e - i > 18) {
            return e - i > 18 ? bigInteger(s, e) : null;
        }
        long v = 0;
        for (; i < e; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            v = v * 10 + d;
        }
        return LongNode.valueOf(negative ? -v : v);
    }

    /** A count above 18 digits (Zeek's count is unsigned 64-bit). */
    private JsonNode bigInteger(int s, int e) {
        try {
            return F.numberNode(new BigInteger(new String(buf, s, e - s, StandardCharsets.ISO_8859_1)));
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
            1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * Zeek writes doubles as digits with a fixed fraction ({@code 0.058594}): a mantissa below
     * 2^53 divided by an exact power of ten is correctly rounded, so most values need no String;
     * anything else goes through {@link Double#parseDouble}.
     */
    private JsonNode number(int s, int e) {
        int i = s;
        boolean negative = i < e && buf[i] == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int scale = -1;
        for (; i < e; i++) {
            byte c = buf[i];
            if (c == '.' && scale < 0) {
                scale = 0;
            } else if (c >= '0' && c <= '9' && digits < 16) {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                if (scale >= 0) {
                    scale++;
                }
            } else {
                return slowNumber(s, e);
            }
        }
        if (digits == 0) {
            return null;
        }
        double v = mantissa / POW10[Math.max(scale, 0)];
        return DoubleNode.valueOf(negative && v != 0 ? -v : v);
    }

    private JsonNode slowNumber(int s, int e) {
        try {
            double v = Double.parseDouble(new String(buf, s, e - s, StandardCharsets.ISO_8859_1));
            return Double.isFinite(v) ? DoubleNode.valueOf(v) : null;
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    /** Reports a value that is not of its type, once per record, and keeps it as text. */
    private JsonNode bad(String field, String expected, int s, int e) {
        String value = text.decode(buf, s, Math.min(e, s + 64));
        if (!badValueReported) {
            badValueReported = true;
            report("field " + field + " is not " + expected + ": '" + value + (e - s > 64 ? "...'" : "'")
                    + "; kept as text");
        }
        return TextNode.valueOf(text.decode(buf, s, e));
    }

    private void report(String message) {
        problems.report(source, lineOffset, "line " + line + ": " + message);
    }

    /** Cuts {@code b[from, to)} at each separator into {@link #starts}/{@link #ends}; returns the count. */
    private int split(byte[] b, int from, int to, byte[] sep) {
        int n = 0;
        int s = from;
        byte first = sep[0];
        for (int i = from; i <= to - sep.length; i++) {
            if (b[i] == first && (sep.length == 1 || ZeekHeader.same(b, i, i + sep.length, sep))) {
                n = add(n, s, i);
                s = i + sep.length;
                i = s - 1;
            }
        }
        return add(n, s, to);
    }

    private int add(int n, int s, int e) {
        if (n == starts.length) {
            starts = java.util.Arrays.copyOf(starts, n * 2);
            ends = java.util.Arrays.copyOf(ends, n * 2);
        }
        starts[n] = s;
        ends[n] = e;
        return n + 1;
    }

    private int splitElements(int from, int to, byte[] sep) {
        int n = 0;
        int s = from;
        for (int i = from; i <= to - sep.length; i++) {
            if (ZeekHeader.same(buf, i, i + sep.length, sep)) {
                n = addElement(n, s, i);
                s = i + sep.length;
                i = s - 1;
            }
        }
        return addElement(n, s, to);
    }

    private int addElement(int n, int s, int e) {
        if (n == elementStarts.length) {
            elementStarts = java.util.Arrays.copyOf(elementStarts, n * 2);
            elementEnds = java.util.Arrays.copyOf(elementEnds, n * 2);
        }
        elementStarts[n] = s;
        elementEnds[n] = e;
        return n + 1;
    }

    /** The bytes of a header value with its {@code \xHH} escapes resolved ({@code #separator \x09}). */
    private static byte[] unescape(byte[] b, int from, int to) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            if (b[i] == '\\' && i + 3 < to && b[i + 1] == 'x') {
                int v = Character.digit(b[i + 2], 16) << 4 | Character.digit(b[i + 3], 16);
                if (v >= 0) {
                    out.write(v);
                    i += 3;
                    continue;
                }
            }
            out.write(b[i]);
        }
        return out.toByteArray();
    }
}
