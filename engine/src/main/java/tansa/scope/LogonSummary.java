package tansa.scope;

import tansa.event.Event;
import tansa.event.EventFields;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The logon summary: per target account, host, logon type and source, the successes, failures
 * (with their reasons in words), logoffs, privileged logons and first and last time, from Security
 * 4624, 4625, 4634, 4647, 4648, 4672, 4768, 4769, 4771, 4776, 4778, 4779, TerminalServices 1149
 * and 21/22/24/25, and Zeek rdp, ntlm, kerberos and smb_mapping logs.
 *
 * <p>Memory grows with the number of distinct rows, never with events: logoffs (4634/4647) and
 * privileges (4672) find their logon's row through a table of open sessions (host, logon id),
 * which forgets the oldest half when it reaches {@link #MAX_SESSIONS}. Fed from one thread in
 * delivery order; not thread-safe.
 */
public final class LogonSummary {
    /** Open sessions remembered to attribute logoffs and 4672 to their logon's row. */
    static final int MAX_SESSIONS = 1 << 18;
    private static final int MAX_SOURCE_NAMES = 8;

    private static final Map<String, String> TYPE_NAMES = Map.ofEntries(
            Map.entry("0", "System"), Map.entry("2", "Interactive"), Map.entry("3", "Network"), Map.entry("4", "Batch"),
            Map.entry("5", "Service"), Map.entry("7", "Unlock"), Map.entry("8", "NetworkCleartext"),
            Map.entry("9", "NewCredentials"), Map.entry("10", "RemoteInteractive"), Map.entry("11", "CachedInteractive"),
            Map.entry("12", "CachedRemoteInteractive"), Map.entry("13", "CachedUnlock"),
            Map.entry("kerberos-tgt", "Kerberos ticket-granting ticket"), Map.entry("kerberos-service", "Kerberos service ticket"),
            Map.entry("ntlm", "NTLM authentication"), Map.entry("explicit", "explicit credentials (4648)"),
            Map.entry("rdp-auth", "RDP network authentication (1149)"), Map.entry("rdp-session", "RDP session"),
            Map.entry("rdp", "RDP (Zeek)"), Map.entry("smb", "SMB share mapping (Zeek)"));

    private final Map<String, Row> rows = new HashMap<>();
    private final LinkedHashMap<String, Row> sessions = new LinkedHashMap<>();

    /** The name of a logon type ({@code 3} is Network), or null when unknown. */
    public static String typeName(String type) {
        return TYPE_NAMES.get(type);
    }

    /** Takes one event; events that are not logon events are ignored cheaply. */
    public void accept(Event e) {
        EventFields f = e.fields();
        String channel = Fields.text(f, "Channel");
        if (channel == null) {
            String path = Fields.text(f, "_path");
            if (path != null) {
                zeek(e, f, path);
            }
            return;
        }
        int id = Fields.eventId(f);
        if (channel.equals(Fields.SECURITY)) {
            security(e, f, id);
        } else if (channel.equals(Fields.RDP_RCM) && id == 1149) {
            String user = Fields.first(f, "Param1");
            Row r = row(user, Fields.text(f, "Param2"), computer(f), "rdp-auth", Fields.text(f, "Param3"), null, e);
            r.success(e);
            r.event("RDP 1149");
        } else if (channel.equals(Fields.RDP_LSM) && (id == 21 || id == 22 || id == 24 || id == 25)) {
            String user = Fields.text(f, "User");
            String address = Fields.text(f, "Address");
            Row r = row(user, Endpoints.domain(user), computer(f), "rdp-session", "LOCAL".equalsIgnoreCase(address) ? null : address, null, e);
            if (id == 21 || id == 25) {
                r.success(e);
            } else if (id == 24) {
                r.logoff(e);
            } else {
                r.touch(e);
            }
            r.event("RDP " + id);
        }
    }

    private void security(Event e, EventFields f, int id) {
        switch (id) {
            case 4624: {
                String type = Fields.text(f, "LogonType");
                Row r = row(Fields.text(f, "TargetUserName"), Fields.text(f, "TargetDomainName"), computer(f), type,
                        Fields.text(f, "IpAddress"), Fields.text(f, "WorkstationName"), e);
                r.success(e);
                r.event("4624");
                String logonId = Fields.text(f, "TargetLogonId");
                if (!Endpoints.absent(logonId)) {
                    if (sessions.size() >= MAX_SESSIONS) {
                        forgetOldestHalf();
                    }
                    sessions.put(computer(f) + '\u0000' + logonId, r);
                }
                break;
            }
            case 4625: {
                Row r = row(Fields.text(f, "TargetUserName"), Fields.text(f, "TargetDomainName"), computer(f), Fields.text(f, "LogonType"),
                        Fields.text(f, "IpAddress"), Fields.text(f, "WorkstationName"), e);
                r.failure(e, FailureReasons.nt(Fields.text(f, "Status"), Fields.text(f, "SubStatus")));
                r.event("4625");
                break;
            }
            case 4634:
            case 4647: {
                Row r = sessions.remove(computer(f) + '\u0000' + Fields.text(f, "TargetLogonId"));
                if (r == null) {
                    r = row(Fields.text(f, "TargetUserName"), Fields.text(f, "TargetDomainName"), computer(f),
                            id == 4634 ? Fields.text(f, "LogonType") : null, null, null, e);
                }
                r.logoff(e);
                r.event(Integer.toString(id));
                break;
            }
            case 4672: {
                Row r = sessions.get(computer(f) + '\u0000' + Fields.text(f, "SubjectLogonId"));
                if (r != null) {
                    r.privileged++;
                    r.event("4672");
                }
                break;
            }
            case 4648: {
                String target = Fields.first(f, "TargetServerName");
                String host = computer(f);
                String source = null;
                String targetKey = Endpoints.hostKey(target);
                if (targetKey != null && !targetKey.equals(Endpoints.hostKey(host))) {
                    source = host;
                    host = target;
                } else if (target != null && Endpoints.address(target) != null) {
                    source = host;
                    host = target;
                }
                Row r = row(Fields.text(f, "TargetUserName"), Fields.text(f, "TargetDomainName"), host, "explicit", source, null, e);
                r.success(e);
                r.event("4648");
                break;
            }
            case 4768:
            case 4769: {
                String status = Fields.text(f, "Status");
                Row r = row(Fields.text(f, "TargetUserName"), Fields.text(f, "TargetDomainName"), computer(f),
                        id == 4768 ? "kerberos-tgt" : "kerberos-service", Fields.text(f, "IpAddress"), null, e);
                if (FailureReasons.success(status)) {
                    r.success(e);
                } else {
                    r.failure(e, FailureReasons.kerberos(status));
                }
                r.event(Integer.toString(id));
                break;
            }
            case 4771: {
                Row r = row(Fields.text(f, "TargetUserName"), null, computer(f), "kerberos-tgt", Fields.text(f, "IpAddress"), null, e);
                r.failure(e, FailureReasons.kerberos(Fields.text(f, "Status")));
                r.event("4771");
                break;
            }
            case 4776: {
                String status = Fields.text(f, "Status");
                Row r = row(Fields.text(f, "TargetUserName"), null, computer(f), "ntlm", null, Fields.text(f, "Workstation"), e);
                if (FailureReasons.success(status)) {
                    r.success(e);
                } else {
                    r.failure(e, FailureReasons.nt(status, null));
                }
                r.event("4776");
                break;
            }
            case 4778:
            case 4779: {
                Row r = row(Fields.text(f, "AccountName"), Fields.text(f, "AccountDomain"), computer(f), "rdp-session",
                        Fields.text(f, "ClientAddress"), Fields.text(f, "ClientName"), e);
                if (id == 4778) {
                    r.success(e);
                } else {
                    r.logoff(e);
                }
                r.event(Integer.toString(id));
                break;
            }
            default:
                break;
        }
    }

    private void zeek(Event e, EventFields f, String path) {
        String orig = Fields.text(f, "id.orig_h");
        String resp = Fields.text(f, "id.resp_h");
        switch (path) {
            case "rdp": {
                Row r = row(Fields.text(f, "cookie"), null, resp, "rdp", orig, null, e);
                String result = Fields.text(f, "result");
                if (result == null) {
                    r.touch(e);
                } else if (result.equalsIgnoreCase("Success")) {
                    r.success(e);
                } else {
                    r.failure(e, result);
                }
                r.event("zeek rdp");
                break;
            }
            case "ntlm": {
                Row r = row(Fields.text(f, "username"), Fields.text(f, "domainname"), resp, "ntlm", orig, Fields.text(f, "hostname"), e);
                outcome(r, e, Fields.bool(f, "success"), Fields.first(f, "status"));
                r.event("zeek ntlm");
                break;
            }
            case "kerberos": {
                String client = Fields.text(f, "client"); // user/REALM
                String realm = null;
                int slash = client == null ? -1 : client.indexOf('/');
                if (slash > 0) {
                    realm = client.substring(slash + 1);
                    client = client.substring(0, slash);
                }
                String type = "TGS".equalsIgnoreCase(Fields.text(f, "request_type")) ? "kerberos-service" : "kerberos-tgt";
                Row r = row(client, realm, resp, type, orig, null, e);
                outcome(r, e, Fields.bool(f, "success"), Fields.text(f, "error_msg"));
                r.event("zeek kerberos");
                break;
            }
            case "smb_mapping": {
                Row r = row(null, null, resp, "smb", orig, null, e);
                r.success(e);
                r.event("zeek smb_mapping");
                break;
            }
            default:
                break;
        }
    }

    private static void outcome(Row r, Event e, Boolean success, String reason) {
        if (success == null) {
            r.touch(e);
        } else if (success) {
            r.success(e);
        } else {
            r.failure(e, reason == null ? "failed" : reason);
        }
    }

    private void forgetOldestHalf() {
        int drop = sessions.size() / 2;
        var it = sessions.entrySet().iterator();
        while (drop-- > 0 && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private static String computer(EventFields f) {
        String c = Fields.text(f, "Computer");
        return c == null ? "-" : c;
    }

    private Row row(String account, String domain, String host, String type, String address, String sourceName, Event e) {
        String user = Endpoints.user(account);
        String accountKey = user == null ? "-" : user.toLowerCase(java.util.Locale.ROOT);
        String hostText = Endpoints.absent(host) ? "-" : host;
        String hostKey = hostText.toLowerCase(java.util.Locale.ROOT);
        String t = Endpoints.absent(type) ? "-" : type;
        String addr = Endpoints.absent(address) ? null : address.trim();
        if (addr != null && addr.regionMatches(true, 0, "::ffff:", 0, 7) && addr.indexOf('.') > 0) {
            addr = addr.substring(7);
        }
        String name = Endpoints.absent(sourceName) ? null : sourceName.trim();
        String source = addr != null ? addr : name != null ? name : "-";
        String key = accountKey + '\u0000' + hostKey + '\u0000' + t + '\u0000' + source.toLowerCase(java.util.Locale.ROOT);
        Row r = rows.get(key);
        if (r == null) {
            r = new Row(user == null ? "-" : user, hostText, t, source);
            rows.put(key, r);
        }
        if (r.domain == null && !Endpoints.absent(domain)) {
            r.domain = domain;
        }
        if (addr != null && name != null && r.sourceNames.size() < MAX_SOURCE_NAMES) {
            r.sourceNames.add(name);
        }
        return r;
    }

    /** The rows in a fixed order: account, host, logon type, source (case-insensitively, then as written). */
    public List<LogonRow> rows() {
        List<LogonRow> out = new ArrayList<>(rows.size());
        for (Row r : rows.values()) {
            Map<String, Long> reasons = new LinkedHashMap<>();
            r.reasons.entrySet().stream()
                    .sorted(Map.Entry.<String, long[]>comparingByValue(Comparator.comparingLong(a -> -a[0])).thenComparing(Map.Entry.comparingByKey()))
                    .forEach(en -> reasons.put(en.getKey(), en.getValue()[0]));
            Map<String, Long> events = new LinkedHashMap<>();
            r.events.forEach((k, v) -> events.put(k, v[0]));
            out.add(new LogonRow(r.account, r.domain, r.host, r.type, typeName(r.type), r.source, new ArrayList<>(r.sourceNames),
                    r.successes, r.failures, r.logoffs, r.privileged, reasons, events, r.first, r.last));
        }
        out.sort(ORDER);
        return out;
    }

    /** Number of rows so far. */
    public int size() {
        return rows.size();
    }

    static final Comparator<LogonRow> ORDER = Comparator.comparing((LogonRow r) -> r.account(), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(LogonRow::account)
            .thenComparing(LogonRow::host, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(LogonRow::host)
            .thenComparing(r -> typeOrder(r.logonType()))
            .thenComparing(LogonRow::source, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(LogonRow::source);

    /** Numeric logon types in number order, before the named kinds. */
    private static String typeOrder(String t) {
        if (!t.isEmpty() && t.length() <= 3 && Character.isDigit(t.charAt(0))) {
            return "0" + "000".substring(t.length()) + t;
        }
        return "1" + t;
    }

    /** The mutable row while reading. */
    private static final class Row {
        final String account;
        final String host;
        final String type;
        final String source;
        String domain;
        final TreeSet<String> sourceNames = new TreeSet<>();
        final TreeMap<String, long[]> reasons = new TreeMap<>();
        final TreeMap<String, long[]> events = new TreeMap<>();
        long successes;
        long failures;
        long logoffs;
        long privileged;
        Instant first;
        Instant last;

        Row(String account, String host, String type, String source) {
            this.account = account;
            this.host = host;
            this.type = type;
            this.source = source;
        }

        void touch(Event e) {
            Instant t = e.timestamp();
            if (t != null) {
                if (first == null || t.isBefore(first)) {
                    first = t;
                }
                if (last == null || t.isAfter(last)) {
                    last = t;
                }
            }
        }

        void success(Event e) {
            successes++;
            touch(e);
        }

        void failure(Event e, String reason) {
            failures++;
            touch(e);
            long[] c = reasons.get(reason);
            if (c == null) {
                if (reasons.size() >= 32) {
                    reason = "other";
                    c = reasons.get(reason);
                }
                if (c == null) {
                    c = new long[1];
                    reasons.put(reason, c);
                }
            }
            c[0]++;
        }

        void logoff(Event e) {
            logoffs++;
            touch(e);
        }

        void event(String name) {
            long[] c = events.get(name);
            if (c == null) {
                c = new long[1];
                events.put(name, c);
            }
            c[0]++;
        }
    }
}
