package tansa.reader;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream of JSON objects — one per line, concatenated, pretty-printed, or the
 * elements of one top-level array — into one object at a time, so that a damaged object costs
 * only itself: the reader reports it and goes on with the next.
 *
 * <p>Works on UTF-8 bytes: every structural character is ASCII. Tracks brace depth outside
 * strings. A raw line break inside a string (never valid JSON) or a {@code {} at the start of a
 * line while an object is still open marks the open object as cut short; the next object starts
 * there. Objects larger than {@code maxObjectBytes} are skipped whole. Not thread-safe.
 */
final class JsonObjectSplitter {
    /** One piece of the stream: an object's bytes, or a damaged span to report. */
    /** {@code offset} is the byte offset of the piece's first byte in the (decompressed) stream. */
    record Piece(byte[] bytes, int length, long line, long offset, boolean damaged, String why) {
    }

    private final InputStream in;
    private final int maxObjectBytes;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int end;
    /** Bytes of the stream before {@code buf}'s contents. */
    private long consumed;
    private long line = 1;
    private boolean lineStart = true;
    private byte[] object = new byte[1 << 12];

    JsonObjectSplitter(InputStream in, int maxObjectBytes) {
        this.in = in;
        this.maxObjectBytes = maxObjectBytes;
    }

    /** The next object or damaged span; null at the end of the stream. */
    Piece next() throws IOException {
        // Skip to the next '{' at depth 0, reporting anything that is not whitespace or array punctuation.
        long garbageLine = -1;
        long garbageOffset = -1;
        while (true) {
            int c = read();
            if (c < 0) {
                return garbageLine >= 0 ? new Piece(null, 0, garbageLine, garbageOffset, true, "text outside any JSON object") : null;
            }
            if (c == '{') {
                if (garbageLine >= 0) {
                    unread();
                    return new Piece(null, 0, garbageLine, garbageOffset, true, "text outside any JSON object");
                }
                break;
            }
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',' && c != '[' && c != ']' && c != 0xef && c != 0xbb && c != 0xbf) {
                if (garbageLine < 0) {
                    garbageLine = line;
                    garbageOffset = offset();
                }
            }
        }
        long startLine = line;
        long startOffset = offset();
        int len = 0;
        int depth = 0;
        boolean inString = false;
        boolean escape = false;
        boolean tooLarge = false;
        int c = '{';
        while (true) {
            if (!tooLarge) {
                if (len == object.length) {
                    if (len >= maxObjectBytes) {
                        tooLarge = true;
                    } else {
                        object = Arrays.copyOf(object, Math.min(maxObjectBytes, len * 2));
                    }
                }
                if (!tooLarge) {
                    object[len++] = (byte) c;
                }
            }
            if (inString) {
                if (escape) {
                    escape = false;
                } else if (c == '\\') {
                    escape = true;
                } else if (c == '"') {
                    inString = false;
                } else if (c == '\n') {
                    return new Piece(null, 0, startLine, startOffset, true, "object cut short (line break inside a string)");
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (--depth == 0) {
                    if (tooLarge) {
                        return new Piece(null, 0, startLine, startOffset, true, "object larger than " + maxObjectBytes + " bytes skipped");
                    }
                    return new Piece(object, len, startLine, startOffset, false, null);
                }
            }
            c = read();
            if (c < 0) {
                return new Piece(null, 0, startLine, startOffset, true, "object cut short by the end of the file");
            }
            if (c == '{' && lineStartBeforeLast && !inString && depth > 0) {
                unread();
                return new Piece(null, 0, startLine, startOffset, true, "object cut short (a new object starts on line " + line + ")");
            }
        }
    }

    private boolean lineStartBeforeLast;

    /** The offset of the byte last read. */
    private long offset() {
        return consumed + pos - 1;
    }

    private int read() throws IOException {
        if (pos == end) {
            consumed += end;
            end = in.read(buf, 0, buf.length);
            pos = 0;
            if (end <= 0) {
                end = 0;
                return -1;
            }
        }
        int c = buf[pos++] & 0xff;
        lineStartBeforeLast = lineStart;
        if (c == '\n') {
            line++;
            lineStart = true;
        } else {
            lineStart = false;
        }
        return c;
    }

    /** Pushes back the last byte read (never a line break, so line counting is unaffected). */
    private void unread() {
        pos--;
        lineStart = lineStartBeforeLast;
    }
}
