package tansa.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the detections page and {@code GET /api/cases/{id}/detections} filter by: level, rule (id
 * or title), host (computer), account (the detection's user-name fields), a full-text needle over
 * the detection's record (its event fields included), a time range and a page: {@code offset}
 * rows skipped, or, for deep pages, {@code after} the detection named EVIDENCE-SEQ (keyset paging:
 * the page after that row in the same order, as cheap at row 300,000 as at row 50). Parsed from
 * query parameters; a bad value is a {@link BadRequest} naming the parameter.
 */
record DetectionFilter(String level, String rule, String host, String account, String q, Instant from, Instant to,
                       int limit, long offset, String after) {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    static final int MAX_TEXT = 256;
    /** The user-name fields of Windows events that name an account. */
    static final List<String> ACCOUNT_FIELDS = List.of("TargetUserName", "SubjectUserName", "User", "AccountName");

    /** A request parameter that cannot be used: answered 400 with this message. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    static DetectionFilter parse(Map<String, List<String>> params) {
        return new DetectionFilter(text(params, "level"), text(params, "rule"), text(params, "host"), text(params, "account"),
                text(params, "q"), time(params, "from"), time(params, "to"),
                (int) number(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT), number(params, "offset", 0, 0, 100_000_000L),
                after(params));
    }

    private static String after(Map<String, List<String>> params) {
        String s = one(params, "after");
        if (s != null && !s.matches("[0-9]{1,18}-[0-9]{1,18}")) {
            throw new BadRequest("after must name a detection as EVIDENCE-SEQ (the detection_id of the last item of a page)");
        }
        return s;
    }

    /** The evidence id and seq {@code after} names; null when paging by offset. */
    long[] afterKey() {
        if (after == null) {
            return null;
        }
        int dash = after.indexOf('-');
        return new long[] {Long.parseLong(after.substring(0, dash)), Long.parseLong(after.substring(dash + 1))};
    }

    /** What the total depends on (not the page): the key of the cached totals. */
    List<Object> totalKey() {
        return java.util.Arrays.asList(level, rule, host, account, q, from, to);
    }

    private static String one(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        String s = v.get(0).strip();
        return s.isEmpty() ? null : s;
    }

    private static String text(Map<String, List<String>> params, String name) {
        String s = one(params, name);
        if (s != null && s.length() > MAX_TEXT) {
            throw new BadRequest(name + " is longer than " + MAX_TEXT + " characters");
        }
        return s;
    }

    private static long number(Map<String, List<String>> params, String name, long dflt, long min, long max) {
        String s = one(params, name);
        if (s == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(s);
            if (n < min || n > max) {
                throw new BadRequest(name + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a whole number");
        }
    }

    /** ISO-8601: 2026-12-07, 2026-12-07T10:00:00Z or with an offset; a date alone is its midnight UTC. */
    static Instant time(Map<String, List<String>> params, String name) {
        String s = one(params, name);
        if (s == null) {
            return null;
        }
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (s.length() == 16 || s.length() == 19) { // an HTML datetime-local value: UTC here
                return java.time.LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + " must be an ISO-8601 date or time (2026-12-07 or 2026-12-07T10:00:00Z)");
        }
    }

    /** The WHERE clause (empty or starting with " WHERE ") with {@code ?} for each value, in {@code args}' order. */
    String where(List<Object> args) {
        List<String> and = new ArrayList<>();
        if (level != null) {
            and.add("level = ?");
            args.add(level);
        }
        if (rule != null) {
            and.add("(rule_id = ? OR rule_title = ?)");
            args.add(rule);
            args.add(rule);
        }
        if (host != null) {
            and.add("computer = ?");
            args.add(host);
        }
        if (account != null) {
            StringBuilder b = new StringBuilder("(");
            for (String f : ACCOUNT_FIELDS) {
                if (b.length() > 1) {
                    b.append(" OR ");
                }
                // the needle is the field as the record's JSON writes it: a cheap scan before the exact check
                b.append("(data LIKE ? AND json_extract_string(data, ?) = ?)");
                args.add("%\"" + f + "\":%");
                args.add("$.fields." + f);
                args.add(account);
            }
            and.add(b.append(')').toString());
        }
        if (q != null) {
            and.add("data ILIKE ? ESCAPE '\\'");
            args.add("%" + like(jsonText(q)) + "%");
        }
        if (from != null) {
            and.add("ts >= CAST(? AS TIMESTAMP)");
            args.add(sqlTime(from));
        }
        if (to != null) {
            and.add("ts < CAST(? AS TIMESTAMP)");
            args.add(sqlTime(to));
        }
        return and.isEmpty() ? "" : " WHERE " + String.join(" AND ", and);
    }

    private static String sqlTime(Instant t) {
        return t.atOffset(ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' ');
    }

    /** The text as it appears inside a JSON string (so "C:\Windows" finds the record's "C:\\Windows"). */
    static String jsonText(String s) {
        String quoted = new com.fasterxml.jackson.databind.node.TextNode(s).toString();
        return quoted.substring(1, quoted.length() - 1);
    }

    /** Escapes LIKE's wildcards with '\'. */
    static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The same filter on another page. */
    DetectionFilter page(long newOffset) {
        return new DetectionFilter(level, rule, host, account, q, from, to, limit, newOffset, null);
    }

    /** The same filter on the page after the detection {@code id} (EVIDENCE-SEQ). */
    DetectionFilter after(String id) {
        return new DetectionFilter(level, rule, host, account, q, from, to, limit, 0, id);
    }
}
