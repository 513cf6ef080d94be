package tansa.timeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A key event: its kind, a one-line message for people ({@code Logon type 3 (network): CORP\jdoe
 * from 10.1.1.5}), the account and remote address it concerns (null when none), and the event
 * fields the message was made from.
 */
public record KeyEvent(KeyKind kind, String message, String user, String address, Map<String, String> fields) {
    public KeyEvent {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
