package tansa.scope;

import tansa.event.Event;
import tansa.event.EventFields;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lateral-movement graph: hosts, addresses and accounts, joined by the movements between
 * them, each edge from where the movement came from to where it landed.
 *
 * <p>Edge kinds: {@code logon} (4624 network / RDP / cleartext logons from another machine, with
 * their logon types; Zeek ntlm), {@code logon_failed} (4625), {@code explicit_credentials}
 * (4648: from the machine that used them to the server it named), {@code service_install} (7045
 * and 4697 on a host, attributed to the network logon that made them), {@code admin_share}
 * (5140/5145 on {@code ADMIN$} or a drive share; Zeek smb_mapping), the tool patterns
 * {@code psexec}, {@code wmi}, {@code winrm}, {@code dcom} and {@code rdp}, {@code connection}
 * (Sysmon 3; Zeek conn between internal addresses) and {@code account} (an account to the host
 * it signed in to).
 *
 * <p>An address joins a host when that host's own events show it as its own: Sysmon 3 (the local
 * end of a connection), a 4624 whose workstation name is the host itself, Zeek ntlm (the names a
 * client and a server announce). Actions found on a host without a logon id that leads to their
 * session (7045, process starts) are attributed to the latest network logon to that host within
 * {@link #WINDOW} before them, once every file is read (the System and Security logs of a host are
 * separate files, read in any order).
 *
 * <p>Memory grows with distinct edges, hosts, addresses and accounts, plus the open sessions,
 * logon spans and pending host actions, each capped; never with the number of events. Fed from
 * one thread; not thread-safe.
 */
public final class MovementGraph {
    /** How long before a host action a network logon still counts as the one that made it. */
    public static final Duration WINDOW = Duration.ofMinutes(10);
    /** Evidence kept per edge: the earliest events. */
    public static final int MAX_EVIDENCE = 20;
    static final int MAX_ACCOUNTS = 100;
    static final int MAX_PORTS = 20;
    static final int MAX_SESSIONS = 1 << 18;
    static final int MAX_PENDING = 200_000;
    static final int MAX_SPANS = 500_000;
    private static final long SKEW_MILLIS = 2_000;

    private final Map<String, EdgeAcc> edges = new HashMap<>();
    private final Map<String, TreeSet<String>> hostNames = new HashMap<>();
    private final Map<String, TreeMap<String, long[]>> claims = new HashMap<>();
    private final Map<String, TreeSet<String>> addressNames = new HashMap<>();
    private final Map<String, TreeSet<String>> accountNames = new HashMap<>();
    private final Map<String, TreeSet<String>> accountDomains = new HashMap<>();
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>();
    private final Map<String, List<Span>> spans = new HashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private int spanCount;
    private long dropped;

    private record Session(String from, String account) {
    }

    private static final class Span {
        final String from;
        final String account;
        long start;
        long end;

        Span(String from, String account, long t) {
            this.from = from;
            this.account = account;
            this.start = t;
            this.end = t;
        }
    }

    private record Pending(String host, long time, String kind, String account, boolean psexec, GraphEdge.Evidence evidence) {
    }

    /** Host actions or spans left out because a cap was reached (0 normally). */
    public long dropped() {
        return dropped;
    }

    /** Takes one event; events that show no movement are ignored cheaply. */
    /**
     * Whether {@link #accept} can use a record of this channel (a Windows event log's), or with no
     * channel, of this Zeek log ({@code _path}): a reader of stored events skips the rest unparsed.
     * Keep in step with the switches of {@link #accept} and {@link #zeek}.
     */
    public static boolean reads(String channel, String zeekPath) {
        if (channel != null) {
            return channel.equals(Fields.SECURITY) || channel.equals(Fields.SYSTEM) || channel.equals(Fields.SYSMON)
                    || channel.equals(Fields.RDP_RCM) || channel.equals(Fields.RDP_LSM);
        }
        return zeekPath == null || ZEEK_LOGS.contains(zeekPath);
    }

    private static final java.util.Set<String> ZEEK_LOGS = java.util.Set.of("conn", "rdp", "ntlm", "smb_mapping");

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
        switch (channel) {
            case Fields.SECURITY:
                security(e, f, id);
                break;
            case Fields.SYSTEM:
                if (id == 7045) {
                    String host = host(f);
                    if (host != null) {
                        pend(host, e, "service_install", null, psexecService(Fields.text(f, "ServiceName"), Fields.text(f, "ImagePath")),
                                "System 7045");
                    }
                }
                break;
            case Fields.SYSMON:
                if (id == 3) {
                    sysmonConnection(e, f);
                } else if (id == 1) {
                    String kind = processPattern(Fields.text(f, "Image"), Fields.text(f, "ParentImage"), Fields.text(f, "ParentCommandLine"));
                    if (kind != null) {
                        hostAction(e, f, kind, Fields.text(f, "User"), false, "Sysmon 1", Fields.text(f, "LogonId"), null);
                    }
                }
                break;
            case Fields.RDP_RCM:
                if (id == 1149) {
                    remote(e, f, Fields.text(f, "Param3"), null, "rdp", Fields.text(f, "Param1"), null, "RDP 1149");
                }
                break;
            case Fields.RDP_LSM:
                if (id == 21 || id == 25) {
                    String address = Fields.text(f, "Address");
                    if (!"LOCAL".equalsIgnoreCase(address)) {
                        remote(e, f, address, null, "rdp", Fields.text(f, "User"), null, "RDP " + id);
                    }
                }
                break;
            default:
                break;
        }
    }

    private void security(Event e, EventFields f, int id) {
        switch (id) {
            case 4624: {
                String host = host(f);
                String type = Fields.text(f, "LogonType");
                String ip = Endpoints.address(Fields.text(f, "IpAddress"));
                String workstation = Endpoints.hostKey(Fields.text(f, "WorkstationName"));
                if (host != null && ip != null && host.equals(workstation)) {
                    claim(ip, host);
                }
                if (!remoteType(type)) {
                    return;
                }
                String from = remote(e, f, Fields.text(f, "IpAddress"), Fields.text(f, "WorkstationName"), "logon",
                        Fields.text(f, "TargetUserName"), type, "Security 4624");
                if (from == null) {
                    return;
                }
                account(Fields.text(f, "TargetUserName"), Fields.text(f, "TargetDomainName"));
                if (type.equals("10") || type.equals("12")) {
                    edge(from, "h:" + host, "rdp", Fields.text(f, "TargetUserName"), null, null, e, "Security 4624");
                }
                String logonId = Fields.text(f, "TargetLogonId");
                if (!Endpoints.absent(logonId)) {
                    if (sessions.size() >= MAX_SESSIONS) {
                        var it = sessions.entrySet().iterator();
                        for (int i = MAX_SESSIONS / 2; i > 0 && it.hasNext(); i--) {
                            it.next();
                            it.remove();
                        }
                    }
                    sessions.put(host + '\u0000' + logonId.toLowerCase(Locale.ROOT), new Session(from, Fields.text(f, "TargetUserName")));
                }
                span(host, from, Fields.text(f, "TargetUserName"), e.timestamp());
                break;
            }
            case 4625:
                remote(e, f, Fields.text(f, "IpAddress"), Fields.text(f, "WorkstationName"), "logon_failed",
                        Fields.text(f, "TargetUserName"), Fields.text(f, "LogonType"), "Security 4625");
                break;
            case 4648: {
                String host = host(f);
                String server = Fields.text(f, "TargetServerName");
                String target = Endpoints.hostKey(server) != null ? "h:" + Endpoints.hostKey(server)
                        : Endpoints.address(server) != null ? "a:" + Endpoints.address(server) : null;
                if (host == null || target == null || target.equals("h:" + host)) {
                    return;
                }
                name(server);
                account(Fields.text(f, "TargetUserName"), Fields.text(f, "TargetDomainName"));
                edge("h:" + host, target, "explicit_credentials", Fields.text(f, "TargetUserName"), null, null, e, "Security 4648");
                break;
            }
            case 4697:
                hostAction(e, f, "service_install", Fields.text(f, "SubjectUserName"),
                        psexecService(Fields.text(f, "ServiceName"), Fields.text(f, "ServiceFileName")), "Security 4697",
                        Fields.text(f, "SubjectLogonId"), null);
                break;
            case 5140:
            case 5145:
                share(e, f, id);
                break;
            case 4688: {
                String kind = processPattern(Fields.text(f, "NewProcessName"), Fields.text(f, "ParentProcessName"), null);
                if (kind != null) {
                    hostAction(e, f, kind, Fields.text(f, "TargetUserName"), false, "Security 4688", Fields.text(f, "TargetLogonId"),
                            Fields.text(f, "SubjectLogonId"));
                }
                break;
            }
            case 4778:
                remote(e, f, Fields.text(f, "ClientAddress"), Fields.text(f, "ClientName"), "rdp", Fields.text(f, "AccountName"), null,
                        "Security 4778");
                break;
            default:
                break;
        }
    }

    private void share(Event e, EventFields f, int id) {
        String ip = Endpoints.address(Fields.text(f, "IpAddress"));
        String host = host(f);
        if (ip == null || host == null) {
            return;
        }
        String share = Fields.text(f, "ShareName");
        String rel = Fields.text(f, "RelativeTargetName");
        String account = Fields.text(f, "SubjectUserName");
        String what = "Security " + id;
        boolean admin = adminShare(share);
        if (admin) {
            edge("a:" + ip, "h:" + host, "admin_share", account, null, null, e, what);
        }
        if (id == 5145 && rel != null) {
            String r = rel.toLowerCase(Locale.ROOT);
            if (r.contains("psexesvc") || r.contains("paexec") || r.contains("remcom") || r.contains("csexec")) {
                edge("a:" + ip, "h:" + host, "psexec", account, null, null, e, what);
            } else if (admin && wmiexecOutput(r)) {
                edge("a:" + ip, "h:" + host, "wmi", account, null, null, e, what);
            }
        }
    }

    /** Impacket wmiexec's output file in ADMIN$: {@code __1616581928.4416182}. */
    private static boolean wmiexecOutput(String r) {
        int i = r.lastIndexOf('\\') + 1;
        if (!r.startsWith("__", i) || r.length() - i < 8) {
            return false;
        }
        boolean dot = false;
        for (int k = i + 2; k < r.length(); k++) {
            char c = r.charAt(k);
            if (c == '.' && !dot) {
                dot = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code \\*\ADMIN$} or a drive share {@code \\*\C$}. */
    static boolean adminShare(String share) {
        if (share == null) {
            return false;
        }
        String s = share.toUpperCase(Locale.ROOT);
        int i = s.lastIndexOf('\\') + 1;
        String name = s.substring(i);
        return name.equals("ADMIN$") || name.length() == 2 && name.charAt(1) == '$' && name.charAt(0) >= 'A' && name.charAt(0) <= 'Z';
    }

    /** The remote-execution tool a process start shows, from its image and parent; null for none. */
    static String processPattern(String image, String parent, String parentCommandLine) {
        String p = parent == null ? "" : parent.toLowerCase(Locale.ROOT);
        String i = image == null ? "" : image.toLowerCase(Locale.ROOT);
        if (p.endsWith("\\wmiprvse.exe")) {
            return "wmi";
        }
        if (p.endsWith("\\wsmprovhost.exe") || i.endsWith("\\wsmprovhost.exe")) {
            return "winrm";
        }
        if (p.endsWith("\\psexesvc.exe") || p.endsWith("\\paexec.exe") || p.endsWith("\\remcomsvc.exe") || p.endsWith("\\csexecsvc.exe")) {
            return "psexec";
        }
        if (p.endsWith("\\mmc.exe") && (parentCommandLine == null || parentCommandLine.toLowerCase(Locale.ROOT).contains("-embedding"))) {
            return "dcom";
        }
        return null;
    }

    /** A service as remote-execution tools install it (PsExec and its clones, Metasploit, Impacket smbexec). */
    static boolean psexecService(String name, String path) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        String p = path == null ? "" : path.toLowerCase(Locale.ROOT);
        if (n.contains("psexesvc") || p.contains("psexesvc") || n.contains("paexec") || p.contains("paexec") || n.contains("remcom")
                || p.contains("remcom") || n.contains("csexec") || p.contains("csexec")) {
            return true;
        }
        if (p.contains("\\\\127.0.0.1\\") || p.contains("-nop -w hidden")) {
            return true; // Impacket smbexec / wmiexec output over the loopback share; Metasploit psexec_psh
        }
        // Metasploit psexec: %SYSTEMROOT%\ and eight random letters
        String prefix = "%systemroot%\\";
        if (p.startsWith(prefix) && p.endsWith(".exe") && p.length() == prefix.length() + 12) {
            for (int k = prefix.length(); k < prefix.length() + 8; k++) {
                char c = p.charAt(k);
                if (c < 'a' || c > 'z') {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean remoteType(String type) {
        return type != null && (type.equals("3") || type.equals("8") || type.equals("10") || type.equals("12"));
    }

    private void sysmonConnection(Event e, EventFields f) {
        String host = host(f);
        String src = Endpoints.address(Fields.text(f, "SourceIp"));
        String dst = Endpoints.address(Fields.text(f, "DestinationIp"));
        if (host == null || src == null || dst == null) {
            return;
        }
        Boolean initiated = Fields.bool(f, "Initiated");
        String port = Fields.text(f, "DestinationPort");
        String user = Fields.text(f, "User");
        if (initiated == null || initiated) {
            claim(src, host);
            hostName(host, Fields.text(f, "SourceHostname"));
            nameAddress(dst, Fields.text(f, "DestinationHostname"));
            edge("h:" + host, "a:" + dst, "connection", user, null, port, e, "Sysmon 3");
        } else {
            claim(dst, host);
            hostName(host, Fields.text(f, "DestinationHostname"));
            nameAddress(src, Fields.text(f, "SourceHostname"));
            edge("a:" + src, "h:" + host, "connection", null, null, port, e, "Sysmon 3");
        }
    }

    private void zeek(Event e, EventFields f, String path) {
        String orig = Endpoints.address(Fields.text(f, "id.orig_h"));
        String resp = Endpoints.address(Fields.text(f, "id.resp_h"));
        if (orig == null || resp == null || orig.equals(resp)) {
            return;
        }
        switch (path) {
            case "conn":
                if (Endpoints.isInternal(orig) && Endpoints.isInternal(resp)) {
                    edge("a:" + orig, "a:" + resp, "connection", null, null, Fields.text(f, "id.resp_p"), e, "zeek conn");
                }
                break;
            case "rdp":
                edge("a:" + orig, "a:" + resp, "rdp", Fields.text(f, "cookie"), null, null, e, "zeek rdp");
                break;
            case "ntlm": {
                String server = Endpoints.hostKey(Fields.text(f, "server_nb_computer_name"));
                if (server != null) {
                    claim(resp, server);
                    hostName(server, Fields.first(f, "server_dns_computer_name", "server_nb_computer_name"));
                }
                String client = Endpoints.hostKey(Fields.text(f, "hostname"));
                if (client != null) {
                    claim(orig, client);
                    hostName(client, Fields.text(f, "hostname"));
                }
                Boolean ok = Fields.bool(f, "success");
                account(Fields.text(f, "username"), Fields.text(f, "domainname"));
                edge("a:" + orig, "a:" + resp, Boolean.FALSE.equals(ok) ? "logon_failed" : "logon", Fields.text(f, "username"), "ntlm",
                        null, e, "zeek ntlm");
                break;
            }
            case "smb_mapping":
                if (adminShare(Fields.text(f, "path"))) {
                    edge("a:" + orig, "a:" + resp, "admin_share", null, null, null, e, "zeek smb_mapping");
                }
                break;
            default:
                break;
        }
    }

    /**
     * An edge from a remote source (address, else workstation name) to the event's computer;
     * returns the source endpoint, or null when there is none or it is the computer itself.
     */
    private String remote(Event e, EventFields f, String address, String workstation, String kind, String account, String type, String what) {
        String host = host(f);
        if (host == null) {
            return null;
        }
        String ip = Endpoints.address(address);
        String wk = Endpoints.hostKey(workstation);
        String from;
        if (ip != null) {
            from = "a:" + ip;
            if (wk != null && !wk.equals(host)) {
                nameAddress(ip, workstation.trim());
            }
        } else if (wk != null && Endpoints.absent(address)) {
            from = "h:" + wk;
            name(workstation);
        } else {
            return null;
        }
        if (from.equals("h:" + host)) {
            return null;
        }
        edge(from, "h:" + host, kind, account, type, null, e, what);
        return from;
    }

    /** A host action (service install, remote process): to its session's source, or pending until the end. */
    private void hostAction(Event e, EventFields f, String kind, String account, boolean psexec, String what, String logonId,
                            String otherLogonId) {
        String host = host(f);
        if (host == null) {
            return;
        }
        Session s = session(host, logonId);
        if (s == null) {
            s = session(host, otherLogonId);
        }
        if (s != null) {
            String acct = usefulAccount(account) ? account : s.account;
            edge(s.from, "h:" + host, kind, acct, null, null, e, what);
            if (psexec && !kind.equals("psexec")) {
                edge(s.from, "h:" + host, "psexec", acct, null, null, e, what);
            }
            return;
        }
        pend(host, e, kind, account, psexec, what);
    }

    private Session session(String host, String logonId) {
        if (Endpoints.absent(logonId) || logonId.equals("0x0") || logonId.equalsIgnoreCase("0x3e7")) {
            return null;
        }
        return sessions.get(host + '\u0000' + logonId.toLowerCase(Locale.ROOT));
    }

    private void pend(String host, Event e, String kind, String account, boolean psexec, String what) {
        Instant t = e.timestamp();
        if (t == null) {
            return;
        }
        if (pending.size() >= MAX_PENDING) {
            dropped++;
            return;
        }
        pending.add(new Pending(host, t.toEpochMilli(), kind, account, psexec, new GraphEdge.Evidence(e.source(), e.recordId(), what, t)));
    }

    private void span(String host, String from, String account, Instant t) {
        if (t == null) {
            return;
        }
        long ms = t.toEpochMilli();
        long w = WINDOW.toMillis();
        List<Span> list = spans.computeIfAbsent(host, k -> new ArrayList<>());
        for (int i = list.size() - 1; i >= 0; i--) {
            Span s = list.get(i);
            if (s.from.equals(from) && java.util.Objects.equals(s.account, account) && ms >= s.start - w && ms <= s.end + w) {
                s.start = Math.min(s.start, ms);
                s.end = Math.max(s.end, ms);
                return;
            }
        }
        if (spanCount >= MAX_SPANS) {
            dropped++;
            return;
        }
        spanCount++;
        list.add(new Span(from, account, ms));
    }

    private static boolean usefulAccount(String a) {
        String u = Endpoints.user(a);
        return u != null && !u.endsWith("$") && !u.equalsIgnoreCase("SYSTEM") && !u.equalsIgnoreCase("LOCAL SERVICE")
                && !u.equalsIgnoreCase("NETWORK SERVICE");
    }

    private String host(EventFields f) {
        String c = Fields.text(f, "Computer");
        String key = Endpoints.hostKey(c);
        if (key != null) {
            hostName(key, c);
        }
        return key;
    }

    private void name(String hostName) {
        String key = Endpoints.hostKey(hostName);
        if (key != null) {
            hostName(key, hostName);
        }
    }

    private void hostName(String key, String name) {
        if (Endpoints.absent(name) || Endpoints.hostKey(name) == null) {
            return;
        }
        TreeSet<String> names = hostNames.computeIfAbsent(key, k -> new TreeSet<>());
        if (names.size() < 16) {
            names.add(name.trim().replaceFirst("^\\\\+", ""));
        }
    }

    private void nameAddress(String ip, String name) {
        if (Endpoints.hostKey(name) == null) {
            return;
        }
        TreeSet<String> names = addressNames.computeIfAbsent(ip, k -> new TreeSet<>());
        if (names.size() < 16) {
            names.add(name.trim());
        }
    }

    private void claim(String ip, String host) {
        claims.computeIfAbsent(ip, k -> new TreeMap<>()).computeIfAbsent(host, k -> new long[1])[0]++;
    }

    private void account(String name, String domain) {
        String key = Endpoints.accountKey(name);
        if (key == null) {
            return;
        }
        TreeSet<String> names = accountNames.computeIfAbsent(key, k -> new TreeSet<>());
        if (names.size() < 8) {
            names.add(Endpoints.user(name));
        }
        String d = Endpoints.absent(domain) ? Endpoints.domain(name) : domain;
        if (d != null) {
            TreeSet<String> ds = accountDomains.computeIfAbsent(key, k -> new TreeSet<>());
            if (ds.size() < 8) {
                ds.add(d);
            }
        }
    }

    private void edge(String from, String to, String kind, String account, String type, String port, Event e, String what) {
        Instant t = e.timestamp();
        add(from, to, kind, account, type, port, new GraphEdge.Evidence(e.source(), e.recordId(), what, t));
    }

    private void add(String from, String to, String kind, String account, String type, String port, GraphEdge.Evidence ev) {
        String key = from + '\u0000' + to + '\u0000' + kind;
        EdgeAcc acc = edges.get(key);
        if (acc == null) {
            acc = new EdgeAcc(from, to, kind);
            edges.put(key, acc);
        }
        String user = Endpoints.user(account);
        acc.add(user, type, port, ev);
        if (user != null && !kind.equals("logon_failed") && !kind.equals("connection") && !kind.equals("account")) {
            account(account, null);
            add("u:" + user.toLowerCase(Locale.ROOT), to, "account", account, null, null, ev);
        }
    }

    /** Resolves pending host actions and address owners, and returns the graph in its fixed order. */
    public Graph build() {
        long w = WINDOW.toMillis();
        for (Pending p : pending) {
            List<Span> list = spans.get(p.host());
            Span best = null;
            if (list != null) {
                for (Span s : list) {
                    if (s.start <= p.time() + SKEW_MILLIS && p.time() <= s.end + w && !s.from.equals("h:" + p.host())
                            && (best == null || s.start > best.start || s.start == best.start && s.from.compareTo(best.from) < 0)) {
                        best = s;
                    }
                }
            }
            if (best == null) {
                continue; // a local action: no network logon led to it
            }
            String acct = usefulAccount(p.account()) ? p.account() : best.account;
            add(best.from, "h:" + p.host(), p.kind(), acct, null, null, p.evidence());
            if (p.psexec() && !p.kind().equals("psexec")) {
                add(best.from, "h:" + p.host(), "psexec", acct, null, null, p.evidence());
            }
        }
        pending.clear();
        Map<String, String> owner = new HashMap<>();
        claims.forEach((ip, hosts) -> {
            String best = null;
            long most = -1;
            for (Map.Entry<String, long[]> en : hosts.entrySet()) { // sorted by host: ties go to the first
                if (en.getValue()[0] > most) {
                    most = en.getValue()[0];
                    best = en.getKey();
                }
            }
            owner.put(ip, best);
        });
        Map<String, EdgeAcc> merged = new TreeMap<>();
        for (EdgeAcc a : edges.values()) {
            String s = nodeId(a.from, owner);
            String t = nodeId(a.to, owner);
            if (s.equals(t)) {
                continue;
            }
            String key = s + '\u0000' + t + '\u0000' + a.kind;
            EdgeAcc m = merged.get(key);
            if (m == null) {
                merged.put(key, a.renamed(s, t));
            } else {
                m.merge(a);
            }
        }
        Map<String, Instant[]> spansOfNodes = new TreeMap<>();
        List<GraphEdge> out = new ArrayList<>(merged.size());
        for (EdgeAcc a : merged.values()) {
            GraphEdge g = a.toEdge();
            out.add(g);
            for (String n : new String[] {g.source(), g.target()}) {
                Instant[] span = spansOfNodes.computeIfAbsent(n, k -> new Instant[2]);
                if (g.first() != null && (span[0] == null || g.first().isBefore(span[0]))) {
                    span[0] = g.first();
                }
                if (g.last() != null && (span[1] == null || g.last().isAfter(span[1]))) {
                    span[1] = g.last();
                }
            }
        }
        Map<String, TreeSet<String>> hostAddresses = new HashMap<>();
        owner.forEach((ip, host) -> hostAddresses.computeIfAbsent(host, k -> new TreeSet<>()).add(ip));
        List<GraphNode> nodes = new ArrayList<>(spansOfNodes.size());
        spansOfNodes.forEach((id, span) -> nodes.add(node(id, span, hostAddresses)));
        return new Graph(nodes, out);
    }

    private GraphNode node(String id, Instant[] span, Map<String, TreeSet<String>> hostAddresses) {
        int colon = id.indexOf(':');
        String kind = id.substring(0, colon);
        String key = id.substring(colon + 1);
        List<String> none = List.of();
        switch (kind) {
            case "host": {
                TreeSet<String> names = hostNames.getOrDefault(key, new TreeSet<>());
                List<String> ordered = new ArrayList<>(names);
                ordered.sort(Comparator.comparingInt((String n) -> -dots(n)).thenComparing(Comparator.naturalOrder()));
                String label = ordered.isEmpty() ? key : ordered.get(0);
                return new GraphNode(id, kind, label, new ArrayList<>(names),
                        new ArrayList<>(hostAddresses.getOrDefault(key, new TreeSet<>())), none, span[0], span[1]);
            }
            case "address":
                return new GraphNode(id, kind, key, new ArrayList<>(addressNames.getOrDefault(key, new TreeSet<>())), List.of(key), none,
                        span[0], span[1]);
            default: {
                TreeSet<String> names = accountNames.getOrDefault(key, new TreeSet<>());
                String label = names.isEmpty() ? key : names.first();
                return new GraphNode(id, kind, label, new ArrayList<>(names), none,
                        new ArrayList<>(accountDomains.getOrDefault(key, new TreeSet<>())), span[0], span[1]);
            }
        }
    }

    private static int dots(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '.') {
                n++;
            }
        }
        return n;
    }

    private static String nodeId(String endpoint, Map<String, String> owner) {
        String v = endpoint.substring(2);
        switch (endpoint.charAt(0)) {
            case 'h':
                return "host:" + v;
            case 'a': {
                String host = owner.get(v);
                return host != null ? "host:" + host : "address:" + v;
            }
            default:
                return "account:" + v;
        }
    }

    /** One edge while reading. */
    private static final class EdgeAcc {
        final String from;
        final String to;
        final String kind;
        long count;
        Instant first;
        Instant last;
        final TreeSet<String> accounts = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        final TreeSet<String> types = new TreeSet<>();
        final TreeSet<String> ports = new TreeSet<>();
        List<GraphEdge.Evidence> evidence = new ArrayList<>();

        EdgeAcc(String from, String to, String kind) {
            this.from = from;
            this.to = to;
            this.kind = kind;
        }

        static final Comparator<GraphEdge.Evidence> EVIDENCE_ORDER = Comparator
                .comparing(GraphEdge.Evidence::time, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(GraphEdge.Evidence::source, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingLong(GraphEdge.Evidence::recordId)
                .thenComparing(GraphEdge.Evidence::event);

        void add(String user, String type, String port, GraphEdge.Evidence ev) {
            count++;
            time(ev.time(), ev.time());
            if (user != null && accounts.size() < MAX_ACCOUNTS) {
                accounts.add(user);
            }
            if (type != null) {
                types.add(type);
            }
            if (port != null && ports.size() < MAX_PORTS) {
                ports.add(port);
            }
            evidence.add(ev);
            if (evidence.size() >= 4 * MAX_EVIDENCE) {
                trim();
            }
        }

        private void time(Instant a, Instant b) {
            if (a != null && (first == null || a.isBefore(first))) {
                first = a;
            }
            if (b != null && (last == null || b.isAfter(last))) {
                last = b;
            }
        }

        private void trim() {
            evidence.sort(EVIDENCE_ORDER);
            if (evidence.size() > MAX_EVIDENCE) {
                evidence = new ArrayList<>(evidence.subList(0, MAX_EVIDENCE));
            }
        }

        EdgeAcc renamed(String s, String t) {
            EdgeAcc r = new EdgeAcc(s, t, kind);
            r.merge(this);
            return r;
        }

        void merge(EdgeAcc o) {
            count += o.count;
            time(o.first, o.last);
            for (String a : o.accounts) {
                if (accounts.size() < MAX_ACCOUNTS) {
                    accounts.add(a);
                }
            }
            types.addAll(o.types);
            for (String p : o.ports) {
                if (ports.size() < MAX_PORTS) {
                    ports.add(p);
                }
            }
            evidence.addAll(o.evidence);
            trim();
        }

        GraphEdge toEdge() {
            trim();
            List<String> ps = new ArrayList<>(ports);
            ps.sort(Comparator.comparingLong(EdgeAcc::number).thenComparing(Comparator.naturalOrder()));
            List<String> ts = new ArrayList<>(types);
            ts.sort(Comparator.comparingLong(EdgeAcc::number).thenComparing(Comparator.naturalOrder()));
            return new GraphEdge(from, to, kind, count, first, last, new ArrayList<>(accounts), ts, ps, evidence);
        }

        private static long number(String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return Long.MAX_VALUE;
            }
        }
    }
}
