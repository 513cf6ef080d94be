package tansa.console;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The detections of a served case in the console's order (time, undated last, then evidence id and
 * seq), held in memory as columns so that the detections page and API filter, count and page
 * without scanning the stored JSON: level, rule id and title, host and the accounts of the record's
 * fields as dictionary ids; the time in microseconds; and a token index for the full-text search.
 *
 * <p><b>Search.</b> {@code q} is a case-insensitive substring of the detection's stored record (its
 * JSON text). The index holds every maximal run of ASCII letters and digits of each record, lower
 * case, with the records it occurs in. A needle that is one such run (no other character) matches
 * a record exactly when it is a substring of one of the record's runs, so the answer comes from the
 * token dictionary and its postings alone. Any other needle (punctuation, spaces, non-ASCII) is
 * answered by the database's own {@code ILIKE} over every record, once per needle: the result is kept
 * (bounded) since the table does not change while it is served.
 *
 * <p>Built once from the store (two streamed reads: the narrow columns in order, then the records);
 * immutable afterwards and safe to read from any number of threads. Memory: about 40 bytes a
 * detection plus 4 bytes per distinct token of each record.
 */
final class DetectionIndex {
    /** Undated detections sort after every dated one. */
    static final long NO_TIME = Long.MAX_VALUE;

    final int n;
    final long[] evidence;
    final long[] seq;
    final long[] micros;
    /** DuckDB's rowid of each row (stable while the server holds the file), for reading a page by row; null on PostgreSQL. */
    final long[] rowid;
    private final int[] level;
    private final int[] ruleId;
    private final int[] ruleTitle;
    private final int[] computer;
    private final Map<String, Integer> levels;
    private final Map<String, Integer> ruleIds;
    private final Map<String, Integer> ruleTitles;
    private final Map<String, Integer> computers;
    private final Map<String, Integer> accounts;
    /** Row i's account ids are accountIds[accountStart[i] .. accountStart[i + 1]). */
    private final int[] accountStart;
    private final int[] accountIds;
    /** Keys (evidence << 32 | seq) sorted, with the row each is. */
    private final long[] sortedKeys;
    private final int[] sortedRows;
    /** The token dictionary: all tokens joined by '\n' (for one substring scan), each token's start, its rows. */
    private final char[] tokenText;
    private final int[] tokenStart;
    private final int[][] postings;

    private DetectionIndex(Builder b) {
        n = b.n;
        evidence = Arrays.copyOf(b.evidence, n);
        seq = Arrays.copyOf(b.seq, n);
        micros = Arrays.copyOf(b.micros, n);
        rowid = b.rowid == null ? null : Arrays.copyOf(b.rowid, n);
        level = Arrays.copyOf(b.level, n);
        ruleId = Arrays.copyOf(b.ruleId, n);
        ruleTitle = Arrays.copyOf(b.ruleTitle, n);
        computer = Arrays.copyOf(b.computer, n);
        levels = b.levels;
        ruleIds = b.ruleIds;
        ruleTitles = b.ruleTitles;
        computers = b.computers;
        accounts = b.accounts;
        accountStart = b.accountStart;
        accountIds = Arrays.copyOf(b.accountIds, b.accountN);
        sortedKeys = b.sortedKeys;
        sortedRows = b.sortedRows;
        tokenText = b.tokens.text();
        tokenStart = b.tokens.starts();
        postings = b.tokens.postings();
    }

    static long key(long evidence, long seq) {
        return evidence << 32 | (seq & 0xFFFFFFFFL);
    }

    /** The row of the detection (evidence, seq), or -1. */
    int row(long evidence, long seq) {
        int i = Arrays.binarySearch(sortedKeys, key(evidence, seq));
        return i < 0 ? -1 : sortedRows[i];
    }

    /** Reads the store's detections (two streamed queries) into an index. */
    static DetectionIndex load(Connection c) throws SQLException {
        boolean duck = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("duckdb");
        if (duck || !c.getAutoCommit()) {
            return read(c, duck);
        }
        // PgJDBC streams by the fetch size only inside a transaction; otherwise it holds the whole result
        c.setAutoCommit(false);
        try {
            return read(c, false);
        } finally {
            c.rollback(); // read only
            c.setAutoCommit(true);
        }
    }

    private static DetectionIndex read(Connection c, boolean duck) throws SQLException {
        Builder b = new Builder(duck);
        String sql = "SELECT evidence_id, seq, ts, level, rule_id, rule_title, computer" + (duck ? ", rowid" : "")
                + " FROM detection ORDER BY ts NULLS LAST, evidence_id, seq";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setFetchSize(4096);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    LocalDateTime t = r.getObject(3, LocalDateTime.class);
                    b.add(r.getLong(1), r.getLong(2), t == null ? NO_TIME : micros(t.toInstant(ZoneOffset.UTC)), r.getString(4),
                            r.getString(5), r.getString(6), r.getString(7), duck ? r.getLong(8) : -1);
                }
            }
        }
        b.sortKeys();
        try (PreparedStatement p = c.prepareStatement("SELECT evidence_id, seq, data FROM detection")) {
            p.setFetchSize(4096);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    b.record(r.getLong(1), r.getLong(2), r.getString(3));
                }
            }
        }
        b.finishAccounts();
        return new DetectionIndex(b);
    }

    /** Microseconds from the epoch, saturated (a filter's year 999999999 is simply after everything). */
    static long micros(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE : NO_TIME - 1;
        }
    }

    /** The needle as the index can answer it alone (lower-case ASCII letters and digits), or null. */
    static String token(String needle) {
        if (needle.isEmpty()) {
            return null;
        }
        char[] out = new char[needle.length()];
        for (int i = 0; i < needle.length(); i++) {
            char ch = needle.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                ch = (char) (ch + 32);
            } else if (!(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9')) {
                return null;
            }
            out[i] = ch;
        }
        return new String(out);
    }

    /** The rows whose record holds {@code token} (lower-case letters and digits) inside one of its runs. */
    long[] rowsWithToken(String token) {
        long[] bits = new long[(n + 63) >>> 6];
        char[] needle = token.toCharArray();
        int from = 0;
        int last = -1;
        while (true) {
            int at = indexOf(tokenText, needle, from);
            if (at < 0) {
                break;
            }
            int t = tokenAt(at);
            if (t != last) {
                for (int row : postings[t]) {
                    bits[row >>> 6] |= 1L << row;
                }
                last = t;
            }
            // the next token: a token is counted once however often the needle occurs in it
            from = t + 1 < tokenStart.length ? tokenStart[t + 1] : tokenText.length;
        }
        return bits;
    }

    /**
     * The rows whose stored record holds {@code needle} case-insensitively, by the database's ILIKE
     * over every record: for needles the token index cannot answer alone.
     */
    long[] rowsLike(Connection c, String needle) throws SQLException {
        long[] out = new long[(n + 63) >>> 6];
        try (PreparedStatement p = c.prepareStatement("SELECT evidence_id, seq FROM detection WHERE data ILIKE ? ESCAPE '\\'")) {
            p.setString(1, "%" + DetectionFilter.like(needle) + "%");
            p.setFetchSize(4096);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    int row = row(r.getLong(1), r.getLong(2));
                    if (row >= 0) {
                        out[row >>> 6] |= 1L << row;
                    }
                }
            }
        }
        return out;
    }

    /** The rows {@code needle} (as the record's JSON writes it) matches: from the tokens alone when it is one run, else {@link #rowsLike}. */
    long[] rowsWith(Connection c, String needle) throws SQLException {
        String t = token(needle);
        return t != null ? rowsWithToken(t) : rowsLike(c, needle);
    }

    private int tokenAt(int offset) {
        int i = Arrays.binarySearch(tokenStart, offset);
        return i >= 0 ? i : -i - 2;
    }

    private static int indexOf(char[] hay, char[] needle, int from) {
        char first = needle[0];
        int max = hay.length - needle.length;
        for (int i = from; i <= max; i++) {
            if (hay[i] != first) {
                continue;
            }
            int j = 1;
            while (j < needle.length && hay[i + j] == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return i;
            }
        }
        return -1;
    }

    /** What a filter asks of the index's columns (dictionary ids resolved; -2 where a value is absent: nothing matches). */
    final class Query {
        final int level;
        final int ruleId;
        final int ruleTitle;
        final int host;
        final int account;
        final int fromRow;
        final int toRow;
        final long[] search;
        final boolean none;

        Query(DetectionFilter f, long[] search) {
            level = id(levels, f.level());
            int rid = id(ruleIds, f.rule());
            int rtitle = id(ruleTitles, f.rule());
            ruleId = rid;
            ruleTitle = rtitle;
            host = id(computers, f.host());
            account = id(accounts, f.account());
            fromRow = f.from() == null ? 0 : firstAtOrAfter(micros(f.from()));
            // a time bound leaves undated detections out, as SQL's comparison with NULL does
            toRow = f.to() != null ? firstAtOrAfter(micros(f.to())) : f.from() != null ? firstUndated() : n;
            this.search = search;
            none = level == -2 || host == -2 || account == -2 || f.rule() != null && rid == -2 && rtitle == -2;
        }

        boolean matches(int i) {
            if (level >= 0 && DetectionIndex.this.level[i] != level) {
                return false;
            }
            if (host >= 0 && computer[i] != host) {
                return false;
            }
            if ((ruleId != -1 || ruleTitle != -1) && DetectionIndex.this.ruleId[i] != ruleId && DetectionIndex.this.ruleTitle[i] != ruleTitle) {
                return false;
            }
            if (account >= 0) {
                boolean found = false;
                for (int k = accountStart[i]; k < accountStart[i + 1]; k++) {
                    if (accountIds[k] == account) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return search == null || (search[i >>> 6] & 1L << i) != 0;
        }
    }

    /** -1: not filtered; -2: a value no detection has; else its id. */
    private static int id(Map<String, Integer> dict, String value) {
        if (value == null) {
            return -1;
        }
        Integer i = dict.get(value);
        return i == null ? -2 : i;
    }

    /** The first row whose time is at or after {@code t} (rows are in time order, undated last). */
    private int firstAtOrAfter(long t) {
        int lo = 0;
        int hi = firstUndated();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (micros[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int firstUndated() {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (micros[mid] == NO_TIME) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** A page: the total, how many matches come before the page, and the rows of the page in order. */
    record Hits(long total, long before, int[] rows) {
    }

    /**
     * Counts the rows {@code q} matches and collects {@code limit} of them: the ones after row
     * {@code afterRow} when it is not -1 (keyset paging), else after skipping {@code offset}.
     * {@code knownTotal} (≥ 0) skips counting past the page.
     */
    Hits run(Query q, int limit, long offset, int afterRow, long knownTotal) {
        int[] page = new int[limit];
        int got = 0;
        long count = 0;
        long before = -1;
        if (q.none || q.fromRow >= q.toRow) {
            return new Hits(0, 0, new int[0]);
        }
        int start = q.fromRow;
        long skip = offset;
        if (afterRow >= 0) {
            skip = 0;
        }
        for (int i = start; i < q.toRow; i++) {
            if (q.search != null) {
                int w = i >>> 6;
                long word = q.search[w] & (-1L << i);
                if (word == 0) {
                    i = (w << 6) + 63; // the loop's i++ moves to the next word
                    continue;
                }
                i = (w << 6) + Long.numberOfTrailingZeros(word);
                if (i >= q.toRow) {
                    break;
                }
            }
            if (!q.matches(i)) {
                continue;
            }
            count++;
            if (i > afterRow && got < limit) {
                if (skip > 0) {
                    skip--;
                } else {
                    if (got == 0) {
                        before = count - 1;
                    }
                    page[got++] = i;
                }
            }
            if (got == limit && knownTotal >= 0) {
                count = knownTotal;
                break;
            }
        }
        return new Hits(count, before < 0 ? Math.min(count, afterRow >= 0 ? count : offset) : before,
                Arrays.copyOf(page, got));
    }

    /** Accumulates rows while loading. Not thread-safe. */
    private static final class Builder {
        int n;
        long[] evidence = new long[1024];
        long[] seq = new long[1024];
        long[] micros = new long[1024];
        long[] rowid;
        int[] level = new int[1024];
        int[] ruleId = new int[1024];
        int[] ruleTitle = new int[1024];
        int[] computer = new int[1024];
        final Map<String, Integer> levels = new HashMap<>();
        final Map<String, Integer> ruleIds = new HashMap<>();
        final Map<String, Integer> ruleTitles = new HashMap<>();
        final Map<String, Integer> computers = new HashMap<>();
        final Map<String, Integer> accounts = new HashMap<>();
        long[] sortedKeys;
        int[] sortedRows;
        /** Accounts per row while the records arrive in store order: row -> ids (rare: most records name none). */
        final Map<Integer, int[]> rowAccounts = new HashMap<>();
        int[] accountStart;
        int[] accountIds = new int[0];
        int accountN;
        final TokenTable tokens = new TokenTable();
        char[] buf = new char[4096];

        Builder(boolean duck) {
            rowid = duck ? new long[1024] : null;
        }

        void add(long ev, long sq, long t, String lv, String rid, String rtitle, String host, long rowidOf) {
            if (n == evidence.length) {
                int m = n * 2;
                evidence = Arrays.copyOf(evidence, m);
                seq = Arrays.copyOf(seq, m);
                micros = Arrays.copyOf(micros, m);
                rowid = rowid == null ? null : Arrays.copyOf(rowid, m);
                level = Arrays.copyOf(level, m);
                ruleId = Arrays.copyOf(ruleId, m);
                ruleTitle = Arrays.copyOf(ruleTitle, m);
                computer = Arrays.copyOf(computer, m);
            }
            evidence[n] = ev;
            seq[n] = sq;
            micros[n] = t;
            if (rowid != null) {
                rowid[n] = rowidOf;
            }
            level[n] = dict(levels, lv);
            ruleId[n] = dict(ruleIds, rid);
            ruleTitle[n] = dict(ruleTitles, rtitle);
            computer[n] = dict(computers, host);
            n++;
        }

        private static int dict(Map<String, Integer> d, String v) {
            if (v == null) {
                return -3; // never equal to a filter's id
            }
            Integer i = d.get(v);
            if (i == null) {
                i = d.size();
                d.put(v, i);
            }
            return i;
        }

        void sortKeys() {
            sortedKeys = new long[n];
            sortedRows = new int[n];
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(key(evidence[a], seq[a]), key(evidence[b], seq[b])));
            for (int i = 0; i < n; i++) {
                sortedRows[i] = order[i];
                sortedKeys[i] = key(evidence[order[i]], seq[order[i]]);
            }
        }

        void record(long ev, long sq, String data) {
            int i = Arrays.binarySearch(sortedKeys, key(ev, sq));
            if (i < 0 || data == null) {
                return;
            }
            int row = sortedRows[i];
            tokenize(row, data);
            int[] acc = accountsOf(data);
            if (acc != null) {
                rowAccounts.put(row, acc);
            }
        }

        private void tokenize(int row, String data) {
            int len = data.length();
            if (buf.length < len) {
                buf = new char[Math.max(len, buf.length * 2)];
            }
            data.getChars(0, len, buf, 0);
            int start = -1;
            for (int i = 0; i <= len; i++) {
                char ch = i < len ? buf[i] : ' ';
                if (ch >= 'A' && ch <= 'Z') {
                    buf[i] = (char) (ch + 32);
                    ch = buf[i];
                }
                boolean word = ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9';
                if (word && start < 0) {
                    start = i;
                } else if (!word && start >= 0) {
                    tokens.add(buf, start, i - start, row);
                    start = -1;
                }
            }
        }

        /** The account values of the record's fields (DetectionFilter.ACCOUNT_FIELDS), as dictionary ids. */
        private int[] accountsOf(String data) {
            boolean any = false;
            for (String f : DetectionFilter.ACCOUNT_FIELDS) {
                if (data.contains("\"" + f + "\":")) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return null;
            }
            JsonNode fields;
            try {
                fields = Json.MAPPER.readTree(data).path("fields");
            } catch (IOException e) {
                return null;
            }
            int[] out = new int[DetectionFilter.ACCOUNT_FIELDS.size()];
            int k = 0;
            for (String f : DetectionFilter.ACCOUNT_FIELDS) {
                JsonNode v = fields.get(f);
                if (v != null && v.isValueNode() && !v.isNull()) {
                    int id = dict(accounts, v.asText());
                    boolean dup = false;
                    for (int j = 0; j < k; j++) {
                        dup |= out[j] == id;
                    }
                    if (!dup) {
                        out[k++] = id;
                    }
                }
            }
            return k == 0 ? null : Arrays.copyOf(out, k);
        }

        void finishAccounts() {
            accountStart = new int[n + 1];
            int total = 0;
            for (int[] a : rowAccounts.values()) {
                total += a.length;
            }
            accountIds = new int[total];
            for (int i = 0; i < n; i++) {
                accountStart[i] = accountN;
                int[] a = rowAccounts.get(i);
                if (a != null) {
                    System.arraycopy(a, 0, accountIds, accountN, a.length);
                    accountN += a.length;
                }
            }
            accountStart[n] = accountN;
            rowAccounts.clear();
        }
    }
}
