package tansa.casefile;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The account an event concerns, as stored in {@code detection.account} at ingest so the report and
 * the console count accounts from a column instead of parsing each detection's event. Stateless.
 */
public final class Accounts {
    /** Event fields naming the account, in order of preference. */
    public static final List<String> FIELDS = List.of("TargetUserName", "SubjectUserName", "User", "AccountName", "UserName");
    /** Accounts every Windows host has that say nothing about the intrusion (lower case). */
    public static final Set<String> BUILTIN = Set.of("-", "", "system", "local service", "network service",
            "anonymous logon", "nt authority\\system", "nt authority\\local service", "nt authority\\network service",
            "dwm-1", "dwm-2", "umfd-0", "umfd-1");

    private Accounts() {
    }

    /**
     * The first named, non-built-in, non-machine ({@code NAME$}) account of the event's
     * {@code Event.EventData} (or of the event itself for JSON logs without one), as DOMAIN\\user when
     * the matching domain field is given; null when none.
     */
    public static String of(JsonNode event) {
        if (event == null) {
            return null;
        }
        JsonNode data = event.path("Event").path("EventData");
        if (data.isMissingNode()) {
            data = event;
        }
        for (String f : FIELDS) {
            JsonNode v = data.get(f);
            if (v == null || !v.isTextual()) {
                continue;
            }
            String name = v.asText().trim();
            if (BUILTIN.contains(name.toLowerCase(Locale.ROOT)) || name.endsWith("$")) {
                continue;
            }
            String domainField = f.startsWith("Target") ? "TargetDomainName" : f.startsWith("Subject") ? "SubjectDomainName" : null;
            JsonNode dom = domainField == null ? null : data.get(domainField);
            if (dom != null && dom.isTextual() && !dom.asText().isBlank() && !dom.asText().equals("-") && name.indexOf('\\') < 0) {
                return dom.asText().trim() + "\\" + name;
            }
            return name;
        }
        return null;
    }

    /** Tags as {@code detection.tags} holds them: separated by one space (Sigma tags hold none); null for none. */
    public static String tags(List<String> tags) {
        return tags.isEmpty() ? null : String.join(" ", tags);
    }
}
