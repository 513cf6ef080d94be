package tansa.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.Event;
import tansa.event.EventFields;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Picks the events an investigator puts on a timeline and says each in one line: logons and
 * failed logons (Security 4624, 4625, with the failure reason), explicit credentials (4648),
 * process starts with their command lines (Sysmon 1, Security 4688), service installs (System
 * 7045, Security 4697), scheduled tasks (Security 4698, TaskScheduler 106), log clearing
 * (Security 1102, System 104), RDP sessions (TerminalServices-LocalSessionManager 21, 22, 23, 24,
 * 25; RemoteConnectionManager 1149) and account changes (4720, 4722-4726, 4728, 4732, 4738, 4740,
 * 4756). Dispatch is on channel and EventID; everything else is not a key event.
 *
 * <p>Stateless and thread-safe: it runs on the decode threads.
 */
public final class KeyEvents {
    static final String SECURITY = "Security";
    static final String SYSTEM = "System";
    static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";
    static final String TASKS = "Microsoft-Windows-TaskScheduler/Operational";
    static final String RDP_LSM = "Microsoft-Windows-TerminalServices-LocalSessionManager/Operational";
    static final String RDP_RCM = "Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational";

    private KeyEvents() {
    }

    /** The key event {@code e} is, or null. */
    public static KeyEvent classify(Event e) {
        EventFields f = e.fields();
        JsonNode ch = f.get("Channel");
        JsonNode id = f.get("EventID");
        if (ch == null || id == null || !ch.isTextual()) {
            return null;
        }
        int eid = id.isInt() ? id.intValue() : parse(id.asText());
        String channel = ch.textValue();
        switch (channel) {
            case SECURITY: return security(eid, f);
            case SYSTEM: return system(eid, e, f);
            case SYSMON: return eid == 1 ? sysmonProcess(f) : null;
            case TASKS: return eid == 106 ? taskRegistered(f) : null;
            case RDP_LSM: return eid >= 21 && eid <= 25 ? rdpSession(eid, f) : null;
            case RDP_RCM: return eid == 1149 ? rdpAuth(f) : null;
            default: return null;
        }
    }

    private static int parse(String s) {
        int v = 0;
        if (s.isEmpty() || s.length() > 9) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static KeyEvent security(int eid, EventFields f) {
        switch (eid) {
            case 4624: return logon(f);
            case 4625: return failedLogon(f);
            case 4648: return explicit(f);
            case 4688: return securityProcess(f);
            case 4697: {
                Msg m = new Msg(f);
                String s = m.get("ServiceName");
                String file = m.get("ServiceFileName");
                m.get("ServiceAccount");
                m.get("ServiceStartType");
                return m.done(KeyKind.SERVICE_INSTALL, "Service installed: " + s + ": " + file + " by " + m.subject(),
                        m.subject(), null);
            }
            case 4698: {
                Msg m = new Msg(f);
                String task = m.get("TaskName");
                return m.done(KeyKind.SCHEDULED_TASK, "Scheduled task created: " + task + " by " + m.subject(), m.subject(), null);
            }
            case 1102: {
                Msg m = new Msg(f);
                return m.done(KeyKind.LOG_CLEARED, "Security log cleared by " + m.subject(), m.subject(), null);
            }
            case 4720: return account(f, "Account created");
            case 4722: return account(f, "Account enabled");
            case 4723: return account(f, "Password change attempted");
            case 4724: return account(f, "Password reset attempted");
            case 4725: return account(f, "Account disabled");
            case 4726: return account(f, "Account deleted");
            case 4738: return account(f, "Account changed");
            case 4740: {
                Msg m = new Msg(f);
                String user = m.get("TargetUserName");
                String from = m.get("TargetDomainName"); // the caller computer, in 4740
                return m.done(KeyKind.ACCOUNT_CHANGE, "Account locked out: " + user + " (caller computer " + from + ")", user, null);
            }
            case 4728: return member(f, "global");
            case 4732: return member(f, "local");
            case 4756: return member(f, "universal");
            default: return null;
        }
    }

    private static KeyEvent system(int eid, Event e, EventFields f) {
        if (eid == 7045) {
            Msg m = new Msg(f);
            String s = m.get("ServiceName");
            String path = m.get("ImagePath");
            String start = m.get("StartType");
            String account = m.get("AccountName");
            return m.done(KeyKind.SERVICE_INSTALL, "Service installed: " + s + ": " + path + " (" + start + ", " + account + ")",
                    account, null);
        }
        if (eid == 104) {
            // UserData/LogFileCleared: its Channel is the cleared log (the flat index has System's Channel under that name).
            JsonNode cleared = e.tree().path("Event").path("UserData").path("LogFileCleared").path("Channel");
            Msg m = new Msg(f);
            String log = cleared.isTextual() ? cleared.textValue() : "?";
            m.fields.put("ClearedChannel", log);
            return m.done(KeyKind.LOG_CLEARED, "Log " + log + " cleared by " + m.subject(), m.subject(), null);
        }
        return null;
    }

    private static KeyEvent logon(EventFields f) {
        Msg m = new Msg(f);
        String type = m.get("LogonType");
        String user = m.target();
        String ip = m.address("IpAddress");
        String ws = m.get("WorkstationName");
        String auth = m.get("AuthenticationPackageName");
        m.get("TargetLogonId");
        return m.done(KeyKind.LOGON, "Logon type " + type + logonTypeName(type) + ": " + user + from(ip, ws)
                + (auth.equals("-") ? "" : " via " + auth), user, ip);
    }

    private static KeyEvent failedLogon(EventFields f) {
        Msg m = new Msg(f);
        String type = m.get("LogonType");
        String user = m.target();
        String ip = m.address("IpAddress");
        String ws = m.get("WorkstationName");
        String status = m.get("Status");
        String sub = m.get("SubStatus");
        String code = !sub.equals("-") && !sub.equals("0x0") ? sub : status;
        return m.done(KeyKind.LOGON_FAILED, "Failed logon type " + type + logonTypeName(type) + ": " + user + from(ip, ws) + ": "
                + code + failureName(code), user, ip);
    }

    private static KeyEvent explicit(EventFields f) {
        Msg m = new Msg(f);
        String subject = m.subject();
        String target = m.target();
        String server = m.get("TargetServerName");
        String ip = m.address("IpAddress");
        String process = m.get("ProcessName");
        return m.done(KeyKind.EXPLICIT_CREDENTIALS, "Explicit credentials: " + subject + " used " + target + " for " + server
                + (ip == null ? "" : " at " + ip) + (process.isEmpty() || process.equals("-") ? "" : " (" + process + ")"), target, ip);
    }

    private static KeyEvent sysmonProcess(EventFields f) {
        Msg m = new Msg(f);
        String image = m.get("Image");
        String cmd = m.get("CommandLine");
        String parent = m.get("ParentImage");
        String user = m.get("User");
        m.get("ProcessId");
        return m.done(KeyKind.PROCESS, "Process start: " + cmd + " (" + image + ", parent " + parent + ", user " + user + ")", user, null);
    }

    private static KeyEvent securityProcess(EventFields f) {
        Msg m = new Msg(f);
        String image = m.get("NewProcessName");
        String cmd = m.has("CommandLine") ? m.get("CommandLine") : "";
        String parent = m.get("ParentProcessName");
        String user = m.subject();
        return m.done(KeyKind.PROCESS, "Process start: " + (cmd.isEmpty() || cmd.equals("-") ? image : cmd) + " (" + image + ", parent "
                + parent + ", user " + user + ")", user, null);
    }

    private static KeyEvent taskRegistered(EventFields f) {
        Msg m = new Msg(f);
        String task = m.get("TaskName");
        String user = m.get("UserContext");
        return m.done(KeyKind.SCHEDULED_TASK, "Scheduled task registered: " + task + " by " + user, user, null);
    }

    private static KeyEvent rdpSession(int eid, EventFields f) {
        Msg m = new Msg(f);
        String user = m.get("User");
        String session = m.get("SessionID");
        String ip = eid == 23 ? null : m.address("Address");
        String what = eid == 21 ? "session logon" : eid == 22 ? "shell start" : eid == 23 ? "session logoff"
                : eid == 24 ? "session disconnected" : "session reconnected";
        return m.done(KeyKind.RDP, "RDP " + what + ": " + user + " session " + session + (ip == null ? "" : " from " + ip), user, ip);
    }

    private static KeyEvent rdpAuth(EventFields f) {
        Msg m = new Msg(f);
        String user = m.get("Param1");
        String domain = m.get("Param2");
        String ip = m.address("Param3");
        String who = domain.isEmpty() || domain.equals("-") ? user : domain + "\\" + user;
        return m.done(KeyKind.RDP, "RDP authentication succeeded: " + who + (ip == null ? "" : " from " + ip), who, ip);
    }

    private static KeyEvent account(EventFields f, String what) {
        Msg m = new Msg(f);
        String target = m.target();
        return m.done(KeyKind.ACCOUNT_CHANGE, what + ": " + target + " by " + m.subject(), target, null);
    }

    private static KeyEvent member(EventFields f, String scope) {
        Msg m = new Msg(f);
        String member = m.get("MemberName");
        if (member.equals("-")) {
            member = m.get("MemberSid");
        }
        String group = m.target();
        return m.done(KeyKind.ACCOUNT_CHANGE, "Member added to " + scope + " group " + group + ": " + member + " by " + m.subject(),
                member, null);
    }

    private static String from(String ip, String ws) {
        String w = ws.equals("-") || ws.isEmpty() ? null : ws;
        if (ip == null && w == null) {
            return "";
        }
        return " from " + (ip == null ? w : w == null ? ip : ip + " (" + w + ")");
    }

    static String logonTypeName(String type) {
        switch (type) {
            case "2": return " (interactive)";
            case "3": return " (network)";
            case "4": return " (batch)";
            case "5": return " (service)";
            case "7": return " (unlock)";
            case "8": return " (network cleartext)";
            case "9": return " (new credentials)";
            case "10": return " (remote interactive)";
            case "11": return " (cached interactive)";
            default: return "";
        }
    }

    /** The NTSTATUS codes 4625 carries most often (Microsoft's 4625 documentation). */
    static String failureName(String code) {
        switch (code.toLowerCase(java.util.Locale.ROOT)) {
            case "0xc000006a": return " (wrong password)";
            case "0xc0000064": return " (no such user)";
            case "0xc000006d": return " (bad user name or authentication information)";
            case "0xc000006e": return " (account restriction)";
            case "0xc000006f": return " (outside allowed hours)";
            case "0xc0000070": return " (workstation restriction)";
            case "0xc0000071": return " (password expired)";
            case "0xc0000072": return " (account disabled)";
            case "0xc0000133": return " (clock skew)";
            case "0xc000015b": return " (logon type not granted)";
            case "0xc0000193": return " (account expired)";
            case "0xc0000224": return " (password must change)";
            case "0xc0000234": return " (account locked out)";
            case "0xc0000413": return " (authentication firewall)";
            default: return "";
        }
    }

    /** Reads fields, remembering each for the entry's field list; an absent field reads {@code -}. */
    private static final class Msg {
        final EventFields f;
        final Map<String, String> fields = new LinkedHashMap<>();

        Msg(EventFields f) {
            this.f = f;
        }

        boolean has(String name) {
            return f.get(name) != null;
        }

        String get(String name) {
            String v = f.text(name);
            if (v == null) {
                return "-";
            }
            fields.put(name, v);
            return v;
        }

        /** An address field, null when empty, {@code -}, or local ({@code ::1}, {@code 127.0.0.1}). */
        String address(String name) {
            String v = get(name);
            if (v.isEmpty() || v.equals("-") || v.equals("::1") || v.equals("127.0.0.1") || v.equals("LOCAL")) {
                return null;
            }
            return v;
        }

        String subject() {
            return qualified("SubjectDomainName", "SubjectUserName");
        }

        String target() {
            return qualified("TargetDomainName", "TargetUserName");
        }

        private String qualified(String domainField, String userField) {
            String d = get(domainField);
            String u = get(userField);
            return d.equals("-") || d.isEmpty() ? u : d + "\\" + u;
        }

        KeyEvent done(KeyKind kind, String message, String user, String address) {
            return new KeyEvent(kind, message, user, address, fields);
        }
    }
}
