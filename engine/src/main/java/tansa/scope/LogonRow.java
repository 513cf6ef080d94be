package tansa.scope;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of the logon summary: what happened for one account on one host, by one logon type
 * from one source. {@code logonType} is the Windows number ({@code 3}) or the kind of
 * authentication an event without one records ({@code kerberos-tgt}, {@code ntlm},
 * {@code explicit}, {@code rdp-auth}, {@code rdp-session}, {@code rdp}, {@code smb});
 * {@code source} is an address, else a host name, else {@code -}.
 */
public record LogonRow(String account, String domain, String host, String logonType, String logonTypeName, String source,
                       List<String> sourceNames, long successes, long failures, long logoffs, long privileged,
                       Map<String, Long> failureReasons, Map<String, Long> events, Instant first, Instant last) {
    public LogonRow {
        sourceNames = List.copyOf(sourceNames);
        failureReasons = Collections.unmodifiableMap(new LinkedHashMap<>(failureReasons));
        events = Collections.unmodifiableMap(new LinkedHashMap<>(events));
    }
}
