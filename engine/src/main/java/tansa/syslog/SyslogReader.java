package tansa.syslog;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tansa.event.Event;
import tansa.reader.Problems;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.ZipException;

/**
 * Reads syslog files (RFC 3164, RFC 5424, and rsyslog's RFC 3339 file form; {@link SyslogHeader})
 * into events, one per line: {@code _log} ({@code syslog}), {@code format}, {@code timestamp}
 * (ISO-8601 UTC), {@code host}, {@code program}, {@code pid}, {@code msgid}, {@code facility} and
 * {@code severity} (from {@code <PRI>}), {@code structured_data}, {@code message}, and the fields
 * {@link AuthMessages} names for sshd, sudo and netfilter lines. The record number is the line
 * number; the computer is {@code host}.
 *
 * <p>Lines are UTF-8. A line that is not (Latin-1 or Shift_JIS bytes) is decoded with U+FFFD in
 * place of each byte that is not UTF-8 and kept; the first such line is reported with its line
 * and offset, the count of the others once at the end. A line in none of the syslog forms is
 * reported and skipped. Streams: one line in memory (at most {@link #MAX_LINE}).
 *
 * <p>Not thread-safe: one instance per file.
 */
public final class SyslogReader {
    /** Longest line read; a longer one is reported and skipped. */
    static final int MAX_LINE = 1 << 20;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Problems problems;
    private final SyslogHeader header;
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharsetDecoder lenient = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private CharBuffer chars = CharBuffer.allocate(1 << 12);
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private long base;
    private boolean eof;
    private IOException cutShort;

    /**
     * {@code year}, when not null, is the year of the first RFC 3164 line; otherwise
     * {@code modified} (the file's modification time) bounds the lines' years ({@link SyslogYear}).
     */
    public SyslogReader(Problems problems, Integer year, Instant modified) {
        this.problems = problems;
        this.header = new SyslogHeader(year != null ? SyslogYear.startingAt(year) : SyslogYear.endingAt(modified));
    }

    /** Whether the first line of {@code head} is a syslog line (after an optional BOM). */
    public static boolean sniff(byte[] head, int n) {
        int i = n >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf ? 3 : 0;
        while (i < n && (head[i] == '\n' || head[i] == '\r')) {
            i++;
        }
        int end = i;
        while (end < n && head[end] != '\n') {
            end++;
        }
        if (end == i) {
            return false;
        }
        String first = new String(head, i, end - i, StandardCharsets.UTF_8);
        return SyslogHeader.looksLikeSyslog(first);
    }

    /** Reads every line of the stream; returns how many events were delivered. */
    public long read(InputStream in, String source, Consumer<Event> sink) throws IOException {
        long events = 0;
        long line = 0;
        long foreign = 0;
        int end;
        while ((end = nextLine(in, source, line + 1)) >= 0) {
            line++;
            if (end == -2) {
                continue;
            }
            int from = pos;
            long offset = base + from;
            pos = end < lim ? end + 1 : end;
            if (end > from && buf[end - 1] == '\r') {
                end--;
            }
            if (line == 1 && end - from >= 3 && (buf[from] & 0xff) == 0xef && (buf[from + 1] & 0xff) == 0xbb
                    && (buf[from + 2] & 0xff) == 0xbf) {
                from += 3;
            }
            if (end == from) {
                continue;
            }
            String text = decode(from, end);
            if (text == null) {
                text = decodeLenient(from, end);
                if (foreign++ == 0) {
                    problems.report(source, offset, "line " + line + ": not UTF-8 (another encoding, such as Latin-1 or "
                            + "Shift_JIS); read with U+FFFD in place of the bytes that are not UTF-8");
                }
            }
            ObjectNode obj = F.objectNode();
            Instant t = header.parse(text, obj);
            if (t == SyslogHeader.NOT_SYSLOG) {
                problems.report(source, offset, "line " + line + ": not a syslog line (expected '<PRI>', 'Mmm dd hh:mm:ss host' "
                        + "or an ISO-8601 time stamp and host); skipped");
                continue;
            }
            AuthMessages.parse(obj.path("program").textValue(), obj.path("message").textValue(), obj);
            sink.accept(new Event(obj, source, line, t).hostField("host").knownProduct());
            events++;
        }
        if (foreign > 1) {
            problems.report(source, -1, (foreign - 1) + " more lines not UTF-8, read the same way");
        }
        if (cutShort != null) {
            problems.report(source, base + lim, "compressed stream ends early or is damaged ("
                    + (cutShort instanceof EOFException ? "truncated" : cutShort.getMessage()) + "); the lines before are read");
        }
        return events;
    }

    private String decode(int from, int end) {
        boolean ascii = true;
        for (int i = from; i < end; i++) {
            if (buf[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(buf, from, end - from, StandardCharsets.ISO_8859_1);
        }
        return run(strict, from, end);
    }

    private String decodeLenient(int from, int end) {
        return run(lenient, from, end);
    }

    private String run(CharsetDecoder d, int from, int end) {
        if (chars.capacity() < end - from) {
            chars = CharBuffer.allocate(end - from);
        }
        chars.clear();
        d.reset();
        CoderResult r = d.decode(ByteBuffer.wrap(buf, from, end - from), chars, true);
        if (r.isError()) {
            return null;
        }
        d.flush(chars);
        chars.flip();
        return chars.toString();
    }

    /**
     * The end of the next line ({@code buf[pos, end)}, {@code end} at a line break or at the end of
     * the stream), -1 at the end, -2 for a line too long (reported; skipped up to its end).
     */
    private int nextLine(InputStream in, String source, long lineNo) throws IOException {
        int scan = pos;
        while (true) {
            for (int i = scan; i < lim; i++) {
                if (buf[i] == '\n') {
                    return i;
                }
            }
            if (eof) {
                return pos < lim ? lim : -1;
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
                    problems.report(source, base, "line " + lineNo + ": longer than " + (MAX_LINE >> 20) + " MiB; skipped");
                    skipRest(in);
                    return -2;
                }
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            try {
                int r = in.read(buf, lim, buf.length - lim);
                if (r < 0) {
                    eof = true;
                } else {
                    lim += r;
                }
            } catch (EOFException | ZipException e) {
                cutShort = e;
                eof = true;
            }
        }
    }

    /** Drops the rest of an over-long line: the buffer, then the stream up to the next line break. */
    private void skipRest(InputStream in) throws IOException {
        base += lim;
        pos = 0;
        lim = 0;
        while (!eof) {
            int r;
            try {
                r = in.read(buf, 0, buf.length);
            } catch (EOFException | ZipException e) {
                cutShort = e;
                eof = true;
                return;
            }
            if (r < 0) {
                eof = true;
                return;
            }
            for (int i = 0; i < r; i++) {
                if (buf[i] == '\n') {
                    pos = i + 1;
                    lim = r;
                    return;
                }
            }
            base += r;
        }
    }
}
