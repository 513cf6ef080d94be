package tansa.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import tansa.event.CaseFold;
import tansa.event.Event;
import tansa.event.EventFields;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * What {@code tansa search} looks for in an event, Chainsaw-style: keywords (substrings of any
 * field value), regular expressions (re2j: linear time, so a pattern cannot hang a search over
 * attacker-written text) and {@code --where} conditions on fields by their Sigma names.
 *
 * <p>An event matches when every {@code where} holds and, if keywords or patterns were given,
 * one of them occurs in some field value (all of them, each in some value, with {@code all}).
 * Case-insensitive unless {@code cased}: values folded as Sigma folds them ({@link CaseFold}),
 * patterns compiled with {@code (?i)}. Immutable and thread-safe: matching runs on the decode
 * threads.
 */
public final class EventQuery {
    private final String[] keywords;
    private final Pattern[] patterns;
    private final Where[] wheres;
    private final boolean all;
    private final boolean cased;

    /** One {@code FIELD=VALUE} (whole value) or {@code FIELD~TEXT} (substring) condition. */
    record Where(String field, String value, boolean substring) {
    }

    private EventQuery(String[] keywords, Pattern[] patterns, Where[] wheres, boolean all, boolean cased) {
        this.keywords = keywords;
        this.patterns = patterns;
        this.wheres = wheres;
        this.all = all;
        this.cased = cased;
    }

    /**
     * Builds a query.
     *
     * @throws IllegalArgumentException naming the bad pattern or condition
     */
    public static EventQuery of(List<String> keywords, List<String> regexes, List<String> wheres, boolean all, boolean cased) {
        String[] ks = new String[keywords.size()];
        for (int i = 0; i < ks.length; i++) {
            String k = keywords.get(i);
            if (k.isEmpty()) {
                throw new IllegalArgumentException("an empty keyword matches everything; leave it out");
            }
            ks[i] = cased ? k : fold(k);
        }
        Pattern[] ps = new Pattern[regexes.size()];
        for (int i = 0; i < ps.length; i++) {
            try {
                ps[i] = Pattern.compile(regexes.get(i), cased ? 0 : Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("--regex '" + regexes.get(i) + "': " + e.getDescription()
                        + " (re2j syntax: no look-around or back-references)", e);
            }
        }
        List<Where> ws = new ArrayList<>();
        for (String w : wheres) {
            int eq = w.indexOf('=');
            int tilde = w.indexOf('~');
            int at = eq < 0 ? tilde : tilde < 0 ? eq : Math.min(eq, tilde);
            if (at <= 0) {
                throw new IllegalArgumentException("--where '" + w + "': expected FIELD=VALUE or FIELD~TEXT (e.g. EventID=4104)");
            }
            String value = w.substring(at + 1);
            ws.add(new Where(w.substring(0, at).strip(), cased ? value : fold(value), w.charAt(at) == '~'));
        }
        return new EventQuery(ks, ps, ws.toArray(new Where[0]), all, cased);
    }

    /** Whether the query has no condition at all (every event matches). */
    public boolean matchesEverything() {
        return keywords.length == 0 && patterns.length == 0 && wheres.length == 0;
    }

    public boolean matches(Event e) {
        EventFields f = e.fields();
        for (Where w : wheres) {
            JsonNode v = f.get(w.field);
            if (v == null || v.isNull() || v.isContainerNode()) {
                return false;
            }
            String t = text(f, v);
            if (w.substring ? t.indexOf(w.value) < 0 : !t.equals(w.value)) {
                return false;
            }
        }
        if (keywords.length == 0 && patterns.length == 0) {
            return true;
        }
        return all ? allTerms(f) : anyTerm(f) != null;
    }

    /**
     * The name of the first field (in record order) whose value a keyword or pattern matched;
     * the first {@code where} field when there are none; null when nothing matched.
     */
    public String matchedField(Event e) {
        EventFields f = e.fields();
        if (keywords.length == 0 && patterns.length == 0) {
            return wheres.length == 0 ? null : wheres[0].field;
        }
        String[] found = new String[1];
        f.forEach((name, v) -> {
            if (found[0] == null && v.isValueNode() && !v.isNull() && term(raw(v), v) >= 0) {
                found[0] = name;
            }
        });
        return found[0];
    }

    /** The field whose value holds a term, or null. */
    private JsonNode anyTerm(EventFields f) {
        Collection<JsonNode> values = f.values();
        int n = f.distinctValues();
        Iterator<JsonNode> it = values.iterator();
        for (int i = 0; i < n && it.hasNext(); i++) {
            JsonNode v = it.next();
            if (v.isValueNode() && !v.isNull() && term(raw(v), v) >= 0) {
                return v;
            }
        }
        return null;
    }

    /** Index of a term occurring in the value's text {@code t} (keywords first, then patterns); -1 when none. */
    private int term(String t, JsonNode v) {
        for (int k = 0; k < keywords.length; k++) {
            if (contains(t, keywords[k])) {
                return k;
            }
        }
        if (patterns.length > 0) {
            for (int p = 0; p < patterns.length; p++) {
                if (patterns[p].matcher(t).find()) {
                    return keywords.length + p;
                }
            }
        }
        return -1;
    }

    private boolean allTerms(EventFields f) {
        int total = keywords.length + patterns.length;
        boolean[] seen = new boolean[total];
        int left = total;
        Iterator<JsonNode> it = f.values().iterator();
        int n = f.distinctValues();
        for (int i = 0; i < n && it.hasNext() && left > 0; i++) {
            JsonNode v = it.next();
            if (!v.isValueNode() || v.isNull()) {
                continue;
            }
            String t = raw(v);
            for (int k = 0; k < keywords.length; k++) {
                if (!seen[k] && contains(t, keywords[k])) {
                    seen[k] = true;
                    left--;
                }
            }
            if (patterns.length > 0) {
                for (int p = 0; p < patterns.length; p++) {
                    if (!seen[keywords.length + p] && patterns[p].matcher(t).find()) {
                        seen[keywords.length + p] = true;
                        left--;
                    }
                }
            }
        }
        return left == 0;
    }

    private static String raw(JsonNode v) {
        return v.isTextual() ? v.textValue() : v.asText();
    }

    /**
     * Whether {@code needle} (already folded unless cased) occurs in {@code hay}, folding the
     * hay's characters as it goes: no lower-cased copy of every value of every event.
     */
    private boolean contains(String hay, String needle) {
        if (cased) {
            return hay.contains(needle);
        }
        int m = needle.length();
        char first = needle.charAt(0);
        int last = hay.length() - m;
        outer:
        for (int i = 0; i <= last; i++) {
            if (CaseFold.lower(hay.charAt(i)) != first) {
                continue;
            }
            for (int j = 1; j < m; j++) {
                if (CaseFold.lower(hay.charAt(i + j)) != needle.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private String text(EventFields f, JsonNode v) {
        if (cased) {
            return v.isTextual() ? v.textValue() : v.asText();
        }
        return f.lowerText(v);
    }

    private static String fold(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = CaseFold.lower(c[i]);
        }
        return new String(c);
    }
}
