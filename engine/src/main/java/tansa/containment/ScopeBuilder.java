package tansa.containment;

import tansa.event.Event;
import tansa.sigma.Detection;
import tansa.sigma.Level;
import tansa.traffic.Networks;
import tansa.traffic.Sign;
import tansa.traffic.TrafficAnalyzer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects what puts hosts, accounts and addresses in scope — Sigma detections with the event
 * each matched, traffic signs, indicator contacts — and builds the {@link Scope} with its
 * containment plan. Entities come from the detected events' own fields (Computer,
 * Target/SubjectUserName with their domains, User, IpAddress, WorkstationName, Sysmon and Zeek
 * addresses); an authentication from a remote address to a computer is a movement.
 *
 * <p>Memory grows with the entities and distinct reasons, not with the number of detections.
 * Not thread-safe: call from the thread that delivers detections.
 */
public final class ScopeBuilder {
    private static final String[] ACCOUNT_FIELDS = {"TargetUserName", "SubjectUserName", "User", "AccountName"};
    private static final String[] DOMAIN_FIELDS = {"TargetDomainName", "SubjectDomainName", null, null};
    /** Where an authentication came from (4624, 4625, 4648, 4768-4776, 4778, RDP 1149...). */
    private static final String[] SOURCE_FIELDS = {"IpAddress", "ClientAddress", "SourceNetworkAddress", "Address"};
    private static final String[] OTHER_ADDRESS_FIELDS = {"SourceIp", "DestinationIp", "SourceAddress", "DestAddress", "id.orig_h",
            "id.resp_h", "src_ip", "dest_ip"};
    private static final Set<String> BUILT_IN = Set.of("-", "system", "local service", "network service", "anonymous logon",
            "nt authority\\system", "nt authority\\local service", "nt authority\\network service", "n/a", "unknown");

    private final Networks internal;
    private final Segments segments;
    private final Map<String, Agg> hosts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, Agg> accounts = new TreeMap<>();
    private final Map<String, Agg> addresses = new TreeMap<>();
    private final Map<String, Move> movements = new TreeMap<>();
    private final Map<String, Set<String>> nameAddresses = new TreeMap<>();
    private final Set<String> created = new TreeSet<>();
    private final Map<String, ReasonAgg> tickets = new TreeMap<>();
    private final Map<String, Block> block = new LinkedHashMap<>();

    public ScopeBuilder(Networks internal, Segments segments) {
        this.internal = internal;
        this.segments = segments;
    }

    private static final class ReasonAgg {
        final String kind;
        final String what;
        long count;
        Instant first;
        Instant last;

        ReasonAgg(String kind, String what) {
            this.kind = kind;
            this.what = what;
        }

        void add(Instant t, long n) {
            count += n;
            first = min(first, t);
            last = max(last, t);
        }

        Scope.Reason reason() {
            return new Scope.Reason(kind, what, count, first, last);
        }
    }

    private static final class Agg {
        String display;
        Instant first;
        Instant last;
        int level = -1;
        boolean strong;
        final Map<String, ReasonAgg> reasons = new LinkedHashMap<>();
        final Set<String> extra = new TreeSet<>();
        final Set<String> hosts = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

        void add(String kind, String what, Instant t, Instant until, long n) {
            reasons.computeIfAbsent(kind + "\0" + what, k -> new ReasonAgg(kind, what)).add(t, n);
            if (until != null && until != t) {
                reasons.get(kind + "\0" + what).last = max(reasons.get(kind + "\0" + what).last, until);
            }
            first = min(first, t);
            last = max(last, until != null ? until : t);
        }

        List<Scope.Reason> list() {
            List<Scope.Reason> out = new ArrayList<>();
            for (ReasonAgg r : reasons.values()) {
                out.add(r.reason());
            }
            out.sort(Comparator.comparing(Scope.Reason::first, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(Scope.Reason::kind).thenComparing(Scope.Reason::what));
            return out;
        }
    }

    private static final class Move {
        final String from;
        final String to;
        final String via;
        final Set<String> accounts = new TreeSet<>();
        long count;
        Instant first;
        Instant last;

        Move(String from, String to, String via) {
            this.from = from;
            this.to = to;
            this.via = via;
        }
    }

    private static final class Block {
        final String type;
        final Set<String> why = new TreeSet<>();

        Block(String type) {
            this.type = type;
        }
    }

    /**
     * A detection and the event it matched ({@code event} null for a correlation: its group-by
     * values and fields are used instead).
     */
    public void detection(Detection d, Event event) {
        Level level = Level.of(d.rule().level());
        String what = d.rule().title() + " [" + level.label() + "]";
        Instant t = d.timestamp();
        String host = blankToNull(d.computer());
        boolean high = level.ordinal() >= Level.HIGH.ordinal();
        if (host != null) {
            Agg h = hosts.computeIfAbsent(host, k -> new Agg());
            h.display = h.display == null ? host : h.display;
            h.add("detection", what, t, null, 1);
            h.level = Math.max(h.level, level.ordinal());
            h.strong |= high;
        }
        boolean ticket = false;
        for (String tag : d.rule().tags()) {
            ticket |= tag.toLowerCase(Locale.ROOT).startsWith("attack.t1558");
        }
        String title = d.rule().title() == null ? "" : d.rule().title().toLowerCase(Locale.ROOT);
        ticket |= title.contains("golden ticket") || title.contains("silver ticket") || title.contains("kerberoast");
        if (ticket) {
            tickets.computeIfAbsent(what + (host == null ? "" : " on " + host), k -> new ReasonAgg("detection", k)).add(t, 1);
        }
        Map<String, String> f = new LinkedHashMap<>(d.fields());
        if (d.correlation() != null) {
            f.putAll(d.correlation().groupBy());
        }
        String eventId = d.eventId();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < ACCOUNT_FIELDS.length; i++) {
            String user = field(event, f, ACCOUNT_FIELDS[i]);
            String domain = DOMAIN_FIELDS[i] == null ? null : field(event, f, DOMAIN_FIELDS[i]);
            String name = account(user, domain);
            if (name == null) {
                continue;
            }
            String key = name.substring(name.indexOf('\\') + 1).toLowerCase(Locale.ROOT);
            Agg a = accounts.computeIfAbsent(key, k -> new Agg());
            a.display = a.display == null ? name.substring(name.indexOf('\\') + 1) : a.display;
            if (name.indexOf('\\') > 0) {
                a.extra.add(name.substring(0, name.indexOf('\\')).toUpperCase(Locale.ROOT));
            }
            a.add("detection", what, t, null, 1);
            if (host != null) {
                a.hosts.add(host);
            }
            users.add(a.display);
            if (i == 0 && "4720".equals(eventId)) {
                created.add(key);
            }
        }
        String workstation = field(event, f, "WorkstationName");
        for (String field : SOURCE_FIELDS) {
            String src = cleanAddress(field(event, f, field));
            if (src == null) {
                continue;
            }
            Agg a = entry(src);
            a.add("detection", what, t, null, 1);
            a.strong |= high;
            if (workstation != null && !workstation.equals("-")) {
                a.extra.add(workstation);
                nameAddresses.computeIfAbsent(shortName(workstation), k -> new TreeSet<>()).add(src);
            }
            if (host != null) {
                a.hosts.add(host);
                Move m = movements.computeIfAbsent(src + "\0" + host.toLowerCase(Locale.ROOT) + "\0" + d.rule().title(),
                        k -> new Move(src, host, d.rule().title()));
                m.count++;
                m.first = min(m.first, t);
                m.last = max(m.last, t);
                m.accounts.addAll(users);
                a.add("movement", "authenticated to " + host + " (" + d.rule().title() + ")", t, null, 1);
                a.strong |= isInternal(src);
                Agg h = hosts.get(host);
                h.add("movement", "reached from " + src + " (" + d.rule().title() + ")", t, null, 1);
                h.strong = true;
            }
            if (!isInternal(src)) {
                block(src, "ip", "source of " + what + (host == null ? "" : " on " + host));
            }
        }
        for (String field : OTHER_ADDRESS_FIELDS) {
            String a = cleanAddress(field(event, f, field));
            if (a != null) {
                Agg x = entry(a);
                x.add("detection", what, t, null, 1);
                x.strong |= high && isInternal(a);
                if (host != null) {
                    x.hosts.add(host);
                }
            }
        }
    }

    /** A C2 or exfiltration sign: its source address is in scope, its destination or domain to be blocked. */
    public void sign(Sign s) {
        String score = String.format(Locale.ROOT, "%.2f", s.score());
        String src = cleanAddress(s.src());
        if (src != null) {
            Agg a = entry(src);
            a.add("traffic", s.kind() + " to " + s.target() + " (score " + score + ")", s.first(), s.last(), 1);
            a.strong = true;
        }
        if (s.dst() != null && cleanAddress(s.dst()) != null) {
            entry(s.dst()).add("traffic", s.kind() + " from " + s.src() + " (score " + score + ")", s.first(), s.last(), 1);
            block(s.dst(), "ip", s.kind() + " from " + s.src() + " (score " + score + ")");
        } else if (s.domain() != null) {
            block(s.domain(), "domain", s.kind() + " from " + s.src() + " (score " + score + ")");
        }
    }

    /** An indicator from a list: to be blocked; internal addresses that contacted it are in scope. */
    public void indicator(Indicators.Indicator ioc, TrafficAnalyzer traffic) {
        block(ioc.value(), ioc.type(), "indicator " + ioc.source());
        if (ioc.type().equals("domain")) {
            // Queries are kept per registered domain: an indicator below one (bad.example.org)
            // cannot be told from its siblings (www.example.org), so only a registered domain's
            // queriers are put in scope.
            String registered = traffic.registeredDomain(ioc.value());
            if (registered != null && registered.equals(ioc.value())) {
                for (Map.Entry<String, Long> e : traffic.domainSources(registered).entrySet()) {
                    String src = cleanAddress(e.getKey());
                    if (src != null) {
                        Agg a = entry(src);
                        a.add("indicator", "DNS queries under " + registered + " (indicator " + ioc.value() + ")", null, null, e.getValue());
                        a.strong = true;
                    }
                }
            }
            return;
        }
        for (TrafficAnalyzer.Contact c : traffic.contactsWith(Networks.of(List.of(ioc.value())))) {
            Agg a = entry(c.src());
            a.add("indicator", "connected to " + c.dst() + " (indicator " + ioc.source() + ")", c.first(), c.last(), c.connections());
            a.strong = true;
            entry(c.dst()).add("indicator", "contacted by " + c.src(), c.first(), c.last(), c.connections());
        }
    }

    private void block(String value, String type, String why) {
        block.computeIfAbsent(value, k -> new Block(type)).why.add(why);
    }

    private Agg entry(String a) {
        Agg x = addresses.computeIfAbsent(a, k -> new Agg());
        x.display = a;
        return x;
    }

    private boolean isInternal(String address) {
        return internal.contains(address);
    }

    private static String field(Event e, Map<String, String> f, String name) {
        String v = e == null ? null : e.text(name);
        return v != null ? v : f.get(name);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** {@code DOMAIN\\user} or {@code user}; null for built-in and machine accounts. */
    static String account(String user, String domain) {
        if (user == null || user.isBlank()) {
            return null;
        }
        String u = user.strip();
        if (u.indexOf('\\') > 0 && domain == null) {
            domain = u.substring(0, u.indexOf('\\'));
            u = u.substring(u.indexOf('\\') + 1);
        }
        int at = u.indexOf('@');
        if (at > 0 && at < u.length() - 1) { // a UPN or Kerberos principal: alice@CORP.EXAMPLE
            if (domain == null || domain.isBlank() || domain.equals("-")) {
                domain = u.substring(at + 1);
            }
            u = u.substring(0, at);
        }
        String lower = u.toLowerCase(Locale.ROOT);
        if (BUILT_IN.contains(lower) || lower.endsWith("$") || lower.startsWith("dwm-") || lower.startsWith("umfd-") || u.length() > 256
                || u.indexOf('@') == 0) {
            return null;
        }
        if (domain == null || domain.isBlank() || domain.equals("-") || domain.equalsIgnoreCase("NT AUTHORITY")) {
            return u;
        }
        return domain.strip() + "\\" + u;
    }

    /** The address as written when it is one and not loopback or unspecified; else null. */
    static String cleanAddress(String v) {
        if (v == null || v.isEmpty() || v.equals("-")) {
            return null;
        }
        String a = v.startsWith("::ffff:") && v.indexOf('.') > 0 ? v.substring(7) : v;
        byte[] b = tansa.traffic.Address.parse(a);
        if (b == null || LOCAL.contains(b)) {
            return null;
        }
        return a;
    }

    private static final Networks LOCAL = Networks.of(List.of("127.0.0.0/8", "::1/128", "0.0.0.0/8", "::/128"));

    private static String shortName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int dot = n.indexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    public Scope build() {
        List<Scope.Host> hostList = new ArrayList<>();
        for (Agg h : hosts.values()) {
            Set<String> addrs = nameAddresses.getOrDefault(shortName(h.display), Set.of());
            hostList.add(new Scope.Host(h.display, h.level < 0 ? null : Level.values()[h.level].label(), h.first, h.last,
                    new ArrayList<>(addrs), h.list()));
        }
        List<Scope.Account> accountList = new ArrayList<>();
        for (Agg a : accounts.values()) {
            accountList.add(new Scope.Account(a.display, new ArrayList<>(a.extra), a.first, a.last, new ArrayList<>(a.hosts), a.list()));
        }
        List<Scope.AddressEntry> addressList = new ArrayList<>();
        Map<String, List<String>> bySegment = new TreeMap<>();
        Map<String, Instant[]> segmentTimes = new TreeMap<>();
        for (Agg a : addresses.values()) {
            Segments.Segment seg = segments.of(a.display);
            addressList.add(new Scope.AddressEntry(a.display, isInternal(a.display), seg == null ? null : seg.name(), a.first, a.last,
                    new ArrayList<>(a.extra), a.list()));
            if (seg != null) {
                bySegment.computeIfAbsent(seg.name(), k -> new ArrayList<>()).add(a.display);
                Instant[] span = segmentTimes.computeIfAbsent(seg.name(), k -> new Instant[2]);
                span[0] = min(span[0], a.first);
                span[1] = max(span[1], a.last);
            }
        }
        List<Scope.SegmentEntry> segmentList = new ArrayList<>();
        for (Segments.Segment s : segments.all()) {
            if (bySegment.containsKey(s.name())) {
                Instant[] span = segmentTimes.get(s.name());
                segmentList.add(new Scope.SegmentEntry(s.name(), s.criticality(), s.cidrs(), bySegment.get(s.name()), span[0], span[1]));
            }
        }
        List<Scope.Movement> moves = new ArrayList<>();
        for (Move m : movements.values()) {
            moves.add(new Scope.Movement(m.from, m.to, m.via, new ArrayList<>(m.accounts), m.count, m.first, m.last));
        }
        moves.sort(Comparator.comparing(Scope.Movement::first, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Scope.Movement::from).thenComparing(Scope.Movement::to).thenComparing(Scope.Movement::via));
        return new Scope(hostList, accountList, addressList, segmentList, moves, plan());
    }

    private Scope.Plan plan() {
        List<Scope.Action> isolate = new ArrayList<>();
        // internal addresses to cut off, and the segments where two or more of them sit
        Map<String, List<String>> perSegment = new TreeMap<>();
        List<Scope.Action> hostActions = new ArrayList<>();
        Set<String> joined = new TreeSet<>();
        for (Agg h : hosts.values()) {
            if (!h.strong) {
                continue;
            }
            Set<String> addrs = nameAddresses.getOrDefault(shortName(h.display), Set.of());
            joined.addAll(addrs);
            hostActions.add(new Scope.Action("isolate_host", "host", h.display, new ArrayList<>(addrs), whys(h)));
        }
        for (Agg a : addresses.values()) {
            if (!a.strong || !isInternal(a.display)) {
                continue;
            }
            Segments.Segment seg = segments.of(a.display);
            if (seg != null) {
                perSegment.computeIfAbsent(seg.name(), k -> new ArrayList<>()).add(a.display);
            }
            if (!joined.contains(a.display)) {
                hostActions.add(new Scope.Action("isolate_host", "address", a.display, List.of(a.display), whys(a)));
            }
        }
        List<Segments.Segment> bad = new ArrayList<>();
        for (Segments.Segment s : segments.all()) {
            if (perSegment.getOrDefault(s.name(), List.of()).size() >= 2) {
                bad.add(s);
            }
        }
        bad.sort(Comparator.comparingInt(Segments.Segment::rank).reversed().thenComparing(Segments.Segment::name));
        for (Segments.Segment s : bad) {
            isolate.add(new Scope.Action("isolate_segment", "segment", s.name(), s.cidrs(),
                    List.of(perSegment.get(s.name()).size() + " addresses to isolate inside (" + String.join(", ", perSegment.get(s.name()))
                            + "); criticality " + s.criticality())));
        }
        isolate.addAll(hostActions);

        List<Scope.Action> acts = new ArrayList<>();
        if (!tickets.isEmpty()) {
            List<String> why = new ArrayList<>();
            for (ReasonAgg r : tickets.values()) {
                why.add(r.what + " (" + r.count + "x from " + r.first + ")");
            }
            why.add("reset the krbtgt password twice, the second time after replication and at least the maximum ticket lifetime "
                    + "(10 h by default) later, so that no forged ticket stays valid");
            acts.add(new Scope.Action("reset_krbtgt", "account", "krbtgt", List.of(), why));
        }
        for (Map.Entry<String, Agg> e : accounts.entrySet()) {
            if (e.getKey().equals("krbtgt")) {
                continue;
            }
            Agg a = e.getValue();
            boolean disable = created.contains(e.getKey());
            List<String> why = new ArrayList<>();
            if (disable) {
                why.add("created during the intrusion (4720)");
            }
            why.addAll(whys(a));
            String name = a.extra.size() == 1 ? a.extra.iterator().next() + "\\" + a.display : a.display;
            acts.add(new Scope.Action(disable ? "disable_account" : "reset_account", "account", name, List.of(), why));
        }
        List<Scope.Action> blocks = new ArrayList<>();
        List<String> keys = new ArrayList<>(block.keySet());
        keys.sort(Comparator.comparing((String k) -> block.get(k).type).thenComparing(k -> k));
        for (String k : keys) {
            Block b = block.get(k);
            if (!b.type.equals("domain") && isInternal(k)) {
                continue; // an internal address is isolated, not blocked at the edge
            }
            blocks.add(new Scope.Action("block", b.type, k, b.type.equals("domain") ? List.of() : List.of(k), new ArrayList<>(b.why)));
        }
        return new Scope.Plan(isolate, acts, blocks);
    }

    private static List<String> whys(Agg a) {
        List<String> out = new ArrayList<>();
        for (Scope.Reason r : a.list()) {
            out.add(r.kind() + ": " + r.what() + (r.count() > 1 ? " x" + r.count() : ""));
            if (out.size() == 5 && a.reasons.size() > 5) {
                out.add("... " + (a.reasons.size() - 5) + " more");
                break;
            }
        }
        return out;
    }

    static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
