package tansa.exposure.detect;

import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;

/**
 * Runs every detector over one text stream in bounded pieces: text is appended in any chunk size
 * and scanned in a window of {@value #CAPACITY} characters, keeping {@value #LOOKBEHIND} characters
 * of context before and {@value #LOOKAHEAD} after each scanned position, so a document of any
 * length is scanned in constant memory and a match across a chunk boundary is still found once.
 *
 * <p>One pass over the window: a table says which characters can start a detection (a digit,
 * {@code @}, the first letter of a marking or a token prefix, ...); only there does the matching
 * detector look further. Not thread-safe: one instance per stream, reusable after {@link #reset}.
 */
public final class TextScanner {
    static final int CAPACITY = 1 << 16;
    static final int LOOKBEHIND = 256;
    static final int LOOKAHEAD = 512;
    /**
     * Characters per call of the dispatch loop: many short calls rather than one a window, so that
     * C2 compiles it early and whole (see Utf8Reader.SLICE) instead of on the stack of a long
     * first call, a compile that trapped at the loop's end. For the same reason what happens once
     * a stream stays out of the loop's method: a branch first taken after C2 compiled the method
     * sends it back to slower code until compiled again.
     */
    private static final int SCAN_SLICE = 1 << 12;

    final char[] buf = new char[CAPACITY];
    /** The window as a CharSequence for the detectors' anchored regexes (see {@link #look}). */
    private final CharBuffer view = CharBuffer.wrap(buf);
    int len;
    private char[] scratch = new char[64];
    private int scanFrom;
    /** Where the keyword pass goes on: it sees every character, whatever the detectors skipped. */
    private int keywordFrom;
    private long base;
    /** Line number (1-based) of position {@code linePos}: advanced at each line break the scan passes. */
    private int linePos;
    private long line = 1;
    /**
     * A line start whose field has not been looked at, or -1: see {@link #newLine}. Until a
     * table header is seen, a line's first field matters only if the line has a field separator.
     */
    private int unnotedLine = -1;
    private long charsSeen;
    /**
     * The table row being scanned, for {@link #column}: where its line starts (-1 once that is
     * out of the window), and how many field separators lie before {@code colPos}, counted
     * outside quotes. Counted on demand from the row's start, so a column is known however long
     * the row and however far from the header.
     */
    private int rowStart;
    /** The field separator of the table (its header line's): '\t', ',' or 0 for either. */
    private char colSep;
    private int colPos;
    private int col;
    private boolean quoted;

    private final HitSink sink;
    private final PendingHits pending = new PendingHits();
    private final Markings markings;
    private final Numbers numbers;
    private final Secrets secrets;
    private final Emails emails;
    private final NamesAndAddresses names;
    private final KeywordDictionary.Matcher keywords;
    private final ColumnContext columns;
    private final Detectors detectors;
    private final boolean decodes;
    /** Decoding of escaped text, made on the first escape: see {@link #decodeAt}. */
    private EncodedText encoded;
    private TextScanner inner;
    private final ArrayList<Hit> innerHits = new ArrayList<>();
    /** Pairs [start, end) of the window decoded for the detectors: the keyword pass skips them. */
    private int[] decodedRanges = new int[16];
    private int decodedCount;

    TextScanner(Detectors detectors, HitSink sink) {
        this(detectors, sink, true);
    }

    /** @param decodes whether encoded text is decoded (false for the scanner of decoded text itself) */
    TextScanner(Detectors detectors, HitSink sink, boolean decodes) {
        this.sink = sink;
        this.detectors = detectors;
        this.decodes = decodes;
        this.markings = new Markings(this);
        this.columns = new ColumnContext(this);
        this.numbers = new Numbers(this, columns);
        this.secrets = new Secrets(this);
        this.emails = new Emails(this);
        this.names = new NamesAndAddresses(this);
        this.keywords = detectors.dictionary().isEmpty() ? null : detectors.dictionary().matcher(this);
        // One class each (see run): method references bound to this scanner's detectors.
        street = names::streetAt;
        password = secrets::passwordAt;
        hyphen = secrets::hyphenAt;
        exportControlled = markings::exportControlledAt;
        slackWebhook = secrets::slackWebhookAt;
        jwt = secrets::jwtAt;
        aws = secrets::awsAt;
        englishName = names::englishNameAt;
        japaneseName = names::japaneseNameAt;
        japanese = markings::japaneseAt;
        passport = numbers::passportAt;
        decode = this::decodeAt;
    }

    /** Forgets the previous stream. */
    public void reset() {
        pending.clear();
        len = 0;
        scanFrom = 0;
        keywordFrom = 0;
        base = 0;
        linePos = 0;
        line = 1;
        unnotedLine = -1;
        charsSeen = 0;
        decodedCount = 0;
        rowStart = 0;
        colSep = 0;
        colPos = 0;
        col = 0;
        quoted = false;
        columns.reset();
        if (keywords != null) {
            keywords.reset();
        }
    }

    /** Number of characters appended since the last reset. */
    public long charsSeen() {
        return charsSeen;
    }

    public void append(char[] src, int off, int n) {
        charsSeen += n;
        while (n > 0) {
            int k = Math.min(n, buf.length - len);
            System.arraycopy(src, off, buf, len, k);
            len += k;
            off += k;
            n -= k;
            if (len == buf.length) {
                process(false);
            }
        }
    }

    /**
     * The window, for a decoder that writes into it rather than through {@link #append} (saving a
     * copy of every character): write from {@link #length()}, at most {@code window(min).length -
     * length()} characters, then call {@link #appended}. First makes room for at least {@code min}
     * characters ({@code min} at most {@value #CAPACITY} / 2), scanning the window if it is fuller.
     */
    public char[] window(int min) {
        if (buf.length - len < min) {
            process(false);
        }
        return buf;
    }

    /** Where the next character goes in {@link #window}. */
    public int length() {
        return len;
    }

    /** Takes n characters written into the {@link #window} from {@link #length()}. */
    public void appended(int n) {
        charsSeen += n;
        len += n;
        if (len == buf.length) {
            process(false);
        }
    }

    public void append(CharSequence s) {
        char[] tmp = s.toString().toCharArray();
        append(tmp, 0, tmp.length);
    }

    /** Scans what is left; call once at the end of the stream. */
    public void finish() {
        process(true);
    }

    private void process(boolean last) {
        int to = last ? len : len - LOOKAHEAD;
        if (to > scanFrom) {
            if (base == 0 && scanFrom == 0) {
                newLine(0); // the first line of the stream (not in scanRange: see SCAN_SLICE)
            }
            int at = scanFrom;
            while (at < to) {
                int end = Math.min(to, at + SCAN_SLICE);
                at = Math.max(end, scanRange(at, end));
            }
            scanFrom = at;
        }
        if (keywords != null && to > keywordFrom) {
            keywords.scan(keywordFrom, to);
            keywordFrom = to;
        }
        flushHits();
        if (last) {
            return;
        }
        int keepFrom = Math.max(0, Math.min(to, scanFrom) - LOOKBEHIND);
        // Every line break before scanFrom has been counted, so no break lies in [linePos, scanFrom).
        linePos = Math.max(linePos, keepFrom);
        if (colPos < keepFrom) {
            countColumns(keepFrom);
        }
        colPos -= keepFrom;
        rowStart = rowStart >= keepFrom ? rowStart - keepFrom : -1;
        System.arraycopy(buf, keepFrom, buf, 0, len - keepFrom);
        len -= keepFrom;
        scanFrom -= keepFrom;
        keywordFrom -= keepFrom;
        unnotedLine = unnotedLine >= keepFrom ? unnotedLine - keepFrom : -1;
        linePos -= keepFrom;
        base += keepFrom;
    }

    /** The dispatch loop: no allocation unless a trigger character is found. */
    private int scanRange(int from, int to) {
        final char[] b = buf;
        final boolean[] trig = Triggers.TABLE;
        int i = from;
        while (i < to) {
            // A tight loop to the next trigger (most characters are none), apart from the
            // dispatch below so that C2 keeps it small.
            while (i < to && !trig[b[i]]) {
                i++;
            }
            if (i >= to) {
                break;
            }
            char c = b[i];
            if (c == '\n') {
                line++;
                linePos = i + 1;
                rowStart = i + 1;
                newLine(i + 1);
                i++;
                continue;
            }
            if (Triggers.ruledOut(c, i + 1 < len ? b[i + 1] : 0)) {
                i++;
                continue;
            }
            int next = dispatch(c, i);
            if (next <= i + 1 && c >= 'A' && c <= 'Z') {
                next = run(passport, i);
            }
            if (next > i + 1) {
                skipped(i + 1, next);
                i = next;
            } else {
                i++;
            }
        }
        return i;
    }

    private int dispatch(char c, int i) {
        if (Chars.isDigit(c) || c == '+' || c == '\uFF0B' || c == '(' || c == '\uFF08') {
            if (Chars.isAsciiDigit(c) && !Chars.isWordChar(at(i - 1))) {
                int st = run(street, i);
                if (st > i + 1) {
                    return st;
                }
            }
            return numbers.at(i);
        }
        switch (c) {
            case ',': case '\t':
                if (unnotedLine >= 0) {
                    columns.noteField(unnotedLine);
                    unnotedLine = -1;
                }
                fieldStart(i + 1);
                return i + 1;
            case '@':
                return emails.at(i);
            case ':':
                return secrets.colonAt(i);
            case '=': {
                // =?charset?B?...?= or quoted-printable =XX=XX: most separators are neither
                if (at(i + 1) == '?' || at(i + 3) == '=') {
                    int r = run(decode, i);
                    if (r >= 0) {
                        return r;
                    }
                }
                return run(password, i);
            }
            case '\uFF1A':
                return run(password, i);
            case '\\': case '&': case '%':
                return run(decode, i);
            case '-':
                return run(hyphen, i);
            case '_':
                return secrets.githubAt(i);
            case 'x':
                return run(exportControlled, i);
            case '/':
                return run(slackWebhook, i);
            case 'J':
                return run(jwt, i);
            case 'A': {
                int r = run(aws, i);
                return r > i ? r : i + 1;
            }
            case 'N': case 'F': {
                int r = run(englishName, i);
                if (r > i) {
                    return r;
                }
                return markings.englishAt(i);
            }
            case '\u90FD': case '\u9053': case '\u5E9C': case '\u770C': case '\u3012':
                return names.japaneseAddressAt(i);
            case '\u69D8': case '\u6C0F': case '\u540D':
                return run(japaneseName, i);
            default:
                if (Chars.isAsciiUpper(c)) {
                    return markings.englishAt(i);
                }
                return run(japanese, i);
        }
    }

    /**
     * Calls a detector small enough for C2 to inline (under 325 bytes of bytecode). They are all
     * called through this one call site, which sees a dozen classes, so C2 calls them here rather
     * than inlining them, with their regular expressions, into the dispatch: compiled whole, the
     * dispatch was the longest compilation of a scan (8 KB of inlined bytecode, 0.1-0.15 s of the
     * compiler thread in the first second, while the detectors ran slower code), and each detector
     * was compiled a second time on its own anyway. An interface call costs a few nanoseconds, a
     * few million times a gigabyte.
     */
    private static int run(IntUnaryOperator detector, int i) {
        return detector.applyAsInt(i);
    }

    private final IntUnaryOperator street;
    private final IntUnaryOperator password;
    private final IntUnaryOperator hyphen;
    private final IntUnaryOperator exportControlled;
    private final IntUnaryOperator slackWebhook;
    private final IntUnaryOperator jwt;
    private final IntUnaryOperator aws;
    private final IntUnaryOperator englishName;
    private final IntUnaryOperator japaneseName;
    private final IntUnaryOperator japanese;
    private final IntUnaryOperator passport;
    private final IntUnaryOperator decode;

    // ---- encoded text ----

    /**
     * At an escape ({@code \\uXXXX}, {@code &#...;} or an entity, {@code %XX}, quoted-printable
     * {@code =XX=XX}, an RFC 2047 {@code =?...?=}): decodes the rest of the line (up to 400
     * characters, ending at a delimiter) with up to 200 characters before it as context, runs the
     * detectors over the decoded text in a scanner of its own, and reports what starts in the
     * decoded part at its place in the file; the scan goes on after the decoded part. Text without
     * escapes never comes here: the escapes' first characters are rare triggers, most ruled out by
     * the next character in the scan loop. Returns -1 at an {@code =} that starts no escape.
     */
    private int decodeAt(int i) {
        char c = buf[i];
        char n1 = at(i + 1);
        int flags = 0;
        if (c == '=') {
            boolean qp = EncodedText.isHex(n1) && EncodedText.isHex(at(i + 2)) && at(i + 3) == '=';
            if (!decodes || n1 != '?' && !qp) {
                return -1;
            }
            flags = qp ? EncodedText.QP : 0;
        } else if (!decodes) {
            return i + 1;
        } else if (c == '\\') {
            if (n1 != 'u' || !EncodedText.isHex(at(i + 2)) || !EncodedText.isHex(at(i + 5))) {
                return i + 1;
            }
            flags = EncodedText.JSON;
        } else if (c == '&') {
            if (EncodedText.entityEnd(buf, i, len) < 0) {
                return i + 1;
            }
        } else if (!EncodedText.isHex(n1) || !EncodedText.isHex(at(i + 2))) {
            return i + 1;
        }
        return decodeSegment(i, flags);
    }

    private int decodeSegment(int i, int flags) {
        if (encoded == null) {
            encoded = new EncodedText();
            inner = new TextScanner(detectors, innerHits::add, false);
        }
        int ctx = Math.max(lineStart(i), i - 200);
        int end = segmentEnd(i, flags);
        EncodedText e = encoded;
        e.reset();
        e.decode(buf, ctx, i, flags);
        int reportFrom = e.n;
        e.decode(buf, i, end, flags);
        if (e.n == reportFrom) {
            return i + 1;
        }
        innerHits.clear();
        inner.reset();
        inner.append(e.out, 0, e.n);
        inner.finish();
        for (Hit h : innerHits) {
            int o = (int) h.offset();
            int oe = o + h.value().length();
            if (oe <= reportFrom) {
                continue; // in the context: the scan of the raw text reported it
            }
            int start = e.map[o];
            if (o < reportFrom && pending.has(h.type(), start)) {
                continue; // begun in the context (taro\u0040example.com), unless the raw scan found it too
            }
            int stop = oe < e.n ? e.map[oe] : end;
            pending.add(h.type(), h.label(), h.term(), start, Math.max(stop, start + 1), h.normalized(), h.confidence(), lineOf(start));
            pending.valueOfLast(h.value());
        }
        innerHits.clear();
        if (decodedCount == decodedRanges.length) {
            decodedRanges = Arrays.copyOf(decodedRanges, decodedCount * 2);
        }
        decodedRanges[decodedCount++] = i;
        decodedRanges[decodedCount++] = end;
        return end;
    }

    /**
     * Where a decoded segment starting at i ends: the line's end, at most 400 characters on (the
     * look-ahead bounds it), backed off to a delimiter so that no value or escape is cut; a
     * quoted-printable line ending in a soft break goes on with the next line.
     */
    private int segmentEnd(int i, int flags) {
        int lim = Math.min(len, i + 400);
        int end = i;
        while (true) {
            while (end < lim && !Chars.isLineBreak(buf[end])) {
                end++;
            }
            if ((flags & EncodedText.QP) != 0 && end < lim && end > i && buf[end - 1] == '=') {
                end += buf[end] == '\r' && end + 1 < lim && buf[end + 1] == '\n' ? 2 : 1;
                continue;
            }
            break;
        }
        if (end == lim && lim < len && !Chars.isLineBreak(buf[lim])) {
            for (int k = lim - 1; k > i && k > lim - 120; k--) {
                char c = buf[k];
                if (c == '"' || c == ',' || c == ' ' || c == '<' || c == '>' || c == '\t' || c == '&' || c == '%' || c == '\\') {
                    return k;
                }
            }
        }
        return end;
    }

    private boolean inDecodedRange(int p) {
        for (int k = 0; k < decodedCount; k += 2) {
            if (p >= decodedRanges[k] && p < decodedRanges[k + 1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * A line starts a table field too, but every line of prose does: until a header has been seen
     * (no name column to look at) the line's first field waits for the line's first separator,
     * since a header line has one ({@link ColumnContext}); most lines have none.
     */
    private void newLine(int f) {
        if (columns.any()) {
            fieldStart(f);
        } else {
            unnotedLine = f;
        }
    }

    /** A comma, tab or line break starts a table field: headers and name columns are noted there. */
    private void fieldStart(int f) {
        columns.noteField(f);
        if (columns.any()) {
            names.columnFieldAt(f, columns);
        }
    }

    // ---- helpers for detectors ----

    /** Anchored match of {@code m} at {@code i} within at most {@code max} characters; the end index or -1. */
    int look(Matcher m, int i, int max) {
        m.reset(view);
        m.region(i, Math.min(len, i + max));
        return m.lookingAt() ? m.end() : -1;
    }

    /**
     * The character at i, 0 outside the window. Without branches: a bounds test that one detector
     * first fails long after C2 compiled it (at the start of a file, say) was an uncommon trap that
     * threw away the compiled code of every detector inlining this.
     */
    char at(int i) {
        int inside = ((i | (len - 1 - i)) >>> 31) ^ 1;
        return (char) (buf[Math.max(0, Math.min(i, CAPACITY - 1))] & -inside);
    }

    /**
     * Compares through a scratch copy of s rather than String.charAt in a loop: the words are
     * Latin-1 and UTF-16 strings alike, and a loop over charAt had C2 recompile each detector that
     * inlines it when the other kind came (a profiled loop predicate on the string's coder).
     */
    boolean startsWith(int i, String s) {
        int n = s.length();
        if (i < 0 || i + n > len) {
            return false;
        }
        if (n == 0) {
            return true;
        }
        if (buf[i] != s.charAt(0)) {
            return false;
        }
        if (scratch.length < n) {
            scratch = new char[n];
        }
        s.getChars(0, n, scratch, 0);
        return Arrays.equals(buf, i, i + n, scratch, 0, n);
    }

    boolean startsWithIgnoreCase(int i, String lower) {
        if (i < 0 || i + lower.length() > len) {
            return false;
        }
        for (int k = 0; k < lower.length(); k++) {
            char c = buf[i + k];
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            if (c != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** First index of the line holding i (bounded by the look-behind). */
    int lineStart(int i) {
        int lim = Math.max(0, i - LOOKBEHIND);
        int k = i;
        while (k > lim && !Chars.isLineBreak(buf[k - 1])) {
            k--;
        }
        return k;
    }

    /** Index just past the end of the line holding i (bounded by the look-ahead). */
    int lineEnd(int i) {
        int lim = Math.min(len, i + LOOKAHEAD);
        int k = i;
        while (k < lim && !Chars.isLineBreak(buf[k])) {
            k++;
        }
        return k;
    }

    /** Whether any of the words occurs within [i - before, i + after); words given in lower case. */
    boolean near(int i, int before, int after, String[] lowerWords) {
        int from = Math.max(0, i - before);
        int to = Math.min(len, i + after);
        for (int k = from; k < to; k++) {
            char c = buf[k];
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            for (String w : lowerWords) {
                if (w.charAt(0) == c && k + w.length() <= to && startsWithIgnoreCase(k, w)) {
                    return true;
                }
            }
        }
        return false;
    }

    String text(int from, int to) {
        return new String(buf, from, to - from);
    }

    /** Counts the line breaks a detector skipped over. */
    private void skipped(int from, int to) {
        int end = Math.min(to, len);
        for (int k = from; k < end; k++) {
            if (buf[k] == '\n') {
                line++;
                linePos = k + 1;
                rowStart = k + 1;
            }
        }
    }

    /**
     * Column of position i on the row being scanned (fields split by comma or tab outside double
     * quotes), or -1 if unknown.
     */
    int column(int i) {
        if (rowStart > colPos) {
            colPos = rowStart;
            col = 0;
            quoted = false;
        }
        if (i < colPos) {
            // behind the count (a field start noted late): count that row again from its start
            if (rowStart < 0 || i < rowStart) {
                return -1;
            }
            int n = 0;
            boolean q = false;
            for (int k = rowStart; k < i; k++) {
                char c = buf[k];
                if (c == '"') {
                    q = !q;
                } else if (!q && (c == colSep || colSep == 0 && (c == ',' || c == '\t'))) {
                    n++;
                }
            }
            return n < 64 ? n : -1;
        }
        countColumns(i);
        return col >= 0 && col < 64 ? col : -1;
    }

    /**
     * A header was noted on the line holding i: from now on only its separator splits fields (a
     * TSV row's "Seattle, WA" is one field), tabs if the header line has one.
     */
    void tableSeparator(int i) {
        if (colSep != 0) {
            return;
        }
        int ls = lineStart(i);
        int le = lineEnd(i);
        char sep = ',';
        for (int k = ls; k < le; k++) {
            if (buf[k] == '\t') {
                sep = '\t';
                break;
            }
        }
        colSep = sep;
        colPos = rowStart; // -1 when the header row's start left the window: unknown until the next row
        col = rowStart < 0 ? Integer.MIN_VALUE : 0;
        quoted = false;
    }

    private void countColumns(int to) {
        if (rowStart > colPos) {
            colPos = rowStart;
            col = 0;
            quoted = false;
        }
        if (colPos < 0) {
            colPos = to;
            return;
        }
        int n = col;
        boolean q = quoted;
        for (int k = colPos; k < to; k++) {
            char c = buf[k];
            if (c == '"') {
                q = !q;
            } else if (c == '\n') {
                n = 0;
                q = false;
            } else if (!q && (c == colSep || colSep == 0 && (c == ',' || c == '\t'))) {
                n++;
            }
        }
        col = n;
        quoted = q;
        colPos = Math.max(colPos, to);
    }

    void emit(FindingType type, String label, String term, int start, int end, String normalized, double confidence) {
        emitAtLine(type, label, term, start, end, normalized, confidence, lineOf(start));
    }

    void emitAtLine(FindingType type, String label, String term, int start, int end, String normalized, double confidence, long atLine) {
        if (decodedCount > 0 && type == FindingType.KEYWORD && inDecodedRange(start)) {
            return; // the keyword pass sees the raw text; the decoded text's scanner reported this part
        }
        pending.add(type, label, term, start, end, normalized, confidence, atLine);
    }

    /**
     * Hands the hits of the window to the sink, in the order found; called before the window
     * moves. Keeping the sink (JSON writing, hashing) out of the detectors keeps their compiled
     * code small: inlined into each detector it made C2 spend a quarter of a second per detector
     * method, several times over after each deoptimization, while the scan ran on slower code.
     */
    private void flushHits() {
        PendingHits p = pending;
        for (int k = 0; k < p.size; k++) {
            int start = p.starts[k];
            String value = p.values[k] != null ? p.values[k] : text(start, p.ends[k]);
            sink.hit(new Hit(p.types[k], p.labels[k], p.terms[k], value, p.normalized[k], base + start, p.lines[k], p.confidences[k]));
        }
        p.clear();
        decodedCount = 0;
    }

    /** Line of a position near the scan position: counts the few breaks between them. */
    private long lineOf(int p) {
        long n = line;
        if (p >= linePos) {
            for (int k = linePos; k < p; k++) {
                if (buf[k] == '\n') {
                    n++;
                }
            }
        } else {
            for (int k = p; k < linePos; k++) {
                if (buf[k] == '\n') {
                    n--;
                }
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return "TextScanner[base=" + base + ", len=" + len + ", head=" + Arrays.toString(Arrays.copyOf(buf, Math.min(len, 16))) + "]";
    }
}
