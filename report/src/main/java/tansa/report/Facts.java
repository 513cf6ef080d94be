package tansa.report;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tansa.report.clock.BreachFacts;
import tansa.report.clock.Regime;

/**
 * The case settings the report reads, by key, with their parsing. Keys are what
 * {@code tansa case set} and the console write; unknown or malformed values are reported by
 * {@link #problems} and read as unset, never guessed.
 */
public final class Facts {
    public static final String REGIMES = "regimes";
    public static final String DISCOVERED_AT = "discovered_at";
    public static final String CONTAINED_AT = "contained_at";
    public static final String BEGAN_AT = "began_at";
    public static final String MATERIALITY_AT = "materiality_determined_at";
    public static final String PERSONAL_DATA = "personal_data";
    public static final String SENSITIVE_DATA = "sensitive_personal_data";
    public static final String FINANCIAL_RISK = "financial_loss_risk";
    public static final String WRONGFUL_PURPOSE = "wrongful_purpose";
    public static final String INDIVIDUALS = "individuals_affected";
    public static final String STATUS = "status";
    public static final String SEVERITY = "severity";
    public static final String COUNTERMEASURES_TAKEN = "countermeasures_taken";
    public static final String COUNTERMEASURES_RECOMMENDED = "countermeasures_recommended";
    public static final String CLASSIFIED_DATA = "classified_data";
    public static final String EXFILTRATION = "exfiltration";

    /** Every key with what it holds, for help texts and validation. */
    public static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry(REGIMES, "comma-separated: appi, gdpr, sec"),
            Map.entry(DISCOVERED_AT, "when the breach was discovered (ISO-8601 time, e.g. 2026-12-01T09:30:00+09:00)"),
            Map.entry(CONTAINED_AT, "when it was contained (ISO-8601 time)"),
            Map.entry(BEGAN_AT, "when it began, if known better than the first detection (ISO-8601 time)"),
            Map.entry(MATERIALITY_AT, "when the incident was determined material, for SEC (ISO-8601 time)"),
            Map.entry(PERSONAL_DATA, "true/false: personal data was on the affected systems"),
            Map.entry(SENSITIVE_DATA, "true/false: sensitive (special care-required) personal data was among it"),
            Map.entry(FINANCIAL_RISK, "true/false: data whose misuse may cause financial loss"),
            Map.entry(WRONGFUL_PURPOSE, "true/false: the breach may have been done for a wrongful purpose (an attack)"),
            Map.entry(INDIVIDUALS, "number of distinct individuals whose data may have leaked"),
            Map.entry(STATUS, "open, contained, closed"),
            Map.entry(SEVERITY, "low, medium, high, critical"),
            Map.entry(CLASSIFIED_DATA, "true/false: classified data was on the affected systems"),
            Map.entry(EXFILTRATION, "true/false: exfiltration is evidenced"),
            Map.entry(COUNTERMEASURES_TAKEN, "free text, one measure per line"),
            Map.entry(COUNTERMEASURES_RECOMMENDED, "free text, one measure per line"));

    private final Map<String, String> settings;
    /** What could not be read, each once however often it is asked for. */
    private final java.util.Set<String> problems = new java.util.LinkedHashSet<>();

    public Facts(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    public String text(String key) {
        return settings.get(key);
    }

    public Instant time(String key) {
        String v = settings.get(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return parseTime(v);
        } catch (DateTimeParseException e) {
            problems.add(key + ": not an ISO-8601 time: " + v);
            return null;
        }
    }

    /** True, false, or null when unset. */
    public Boolean flag(String key) {
        String v = settings.get(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("yes")) {
            return Boolean.TRUE;
        }
        if (t.equals("false") || t.equals("no")) {
            return Boolean.FALSE;
        }
        problems.add(key + ": not true or false: " + v);
        return null;
    }

    /** The number, or -1 when unset. */
    public long count(String key) {
        String v = settings.get(key);
        if (v == null || v.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim().replace(",", ""));
        } catch (NumberFormatException e) {
            problems.add(key + ": not a whole number: " + v);
            return -1;
        }
    }

    public Set<Regime> regimes() {
        Set<Regime> out = EnumSet.noneOf(Regime.class);
        String v = settings.get(REGIMES);
        if (v == null) {
            return out;
        }
        for (String part : v.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Regime r = Regime.parse(part);
            if (r == null) {
                problems.add(REGIMES + ": unknown regime: " + part.trim());
            } else {
                out.add(r);
            }
        }
        return out;
    }

    public BreachFacts breachFacts() {
        return new BreachFacts(regimes(), time(DISCOVERED_AT), time(MATERIALITY_AT), isTrue(PERSONAL_DATA),
                isTrue(SENSITIVE_DATA), isTrue(FINANCIAL_RISK), isTrue(WRONGFUL_PURPOSE), count(INDIVIDUALS));
    }

    private boolean isTrue(String key) {
        return Boolean.TRUE.equals(flag(key));
    }

    /** What could not be read, one line per problem. */
    public String problems() {
        return problems.isEmpty() ? "" : String.join("\n", problems) + "\n";
    }

    /** An ISO-8601 instant or offset time ({@code 2026-12-01T09:30:00+09:00}, {@code ...Z}). */
    public static Instant parseTime(String v) {
        return java.time.OffsetDateTime.parse(v.trim()).toInstant();
    }
}
