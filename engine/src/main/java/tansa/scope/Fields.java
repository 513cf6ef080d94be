package tansa.scope;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.EventFields;

/** Reading the few fields scoping needs from an event's index: text or null, EventID as a number. */
final class Fields {
    static final String SECURITY = "Security";
    static final String SYSTEM = "System";
    static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";
    static final String RDP_RCM = "Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational";
    static final String RDP_LSM = "Microsoft-Windows-TerminalServices-LocalSessionManager/Operational";

    private Fields() {
    }

    /** The value as text (numbers and booleans as written); null when absent or JSON null. */
    static String text(EventFields f, String name) {
        JsonNode v = f.get(name);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        return v.isTextual() ? v.textValue() : v.asText();
    }

    /** EventID as a number, -1 when absent or not a number. */
    static int eventId(EventFields f) {
        JsonNode v = f.get("EventID");
        if (v == null) {
            return -1;
        }
        if (v.isIntegralNumber()) {
            return v.intValue();
        }
        if (v.isTextual()) {
            try {
                return Integer.parseInt(v.textValue().trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** A boolean field: TRUE / FALSE, or null when absent (Zeek's {@code success}, Sysmon's {@code Initiated}). */
    static Boolean bool(EventFields f, String name) {
        JsonNode v = f.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        String t = v.asText();
        return t.equalsIgnoreCase("true") ? Boolean.TRUE : t.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    /** The first present text among names. */
    static String first(EventFields f, String... names) {
        for (String n : names) {
            String v = text(f, n);
            if (!Endpoints.absent(v)) {
                return v;
            }
        }
        return null;
    }
}
