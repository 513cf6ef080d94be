package tansa.ioc;

import com.fasterxml.jackson.databind.JsonNode;
import tansa.event.EventFields;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Indicators compiled for matching: each distinct (type, value) is an atom, held in a structure
 * for its type (address segments, a domain table looked up label by label, one table of hex
 * digests, a file-name table, a map of normalised URLs), and each observation of each indicator
 * a boolean expression over atom ids. Compiled once, then shared by every decode thread.
 *
 * <p>Which values are looked at: every text value of the event (EventData, UserData, System,
 * every field of a JSON or Zeek record), each through the parser of every type that has
 * indicators: the whole value as an address; the whole value as a host name, and its parent
 * domains; every run of 32, 40 or 64 hex digits (so {@code SHA256=...,MD5=...} in Sysmon's
 * {@code Hashes}); every {@code scheme://} URL inside the value (its host as a domain too); the
 * last path component as a file name. Zeek http records also give {@code http://host/uri}.
 * Numbers and booleans are not looked at. A value costs no allocation unless it holds a URL.
 */
public final class IocMatcher {
    private final List<Indicator> indicators;
    private final List<Atom> atoms;
    private final IpRanges ips;
    private final NameTable domains;
    private final NameTable hashes;
    private final NameTable filenames;
    private final Map<String, int[]> urls;
    /** Observations: owning indicator, conjunction within it, its expression over atom ids. */
    final int[] obsIndicator;
    final int[] obsConjunction;
    final int[] conjunctionSize;
    private final Node[] obsExpr;
    /** For each atom, the observations that mention it. */
    private final int[][] atomObservations;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /** A (type, value) to look for. */
    public record Atom(IocType type, String value) {
    }

    private sealed interface Node permits Leaf, AllOf, AnyOf {
    }

    private record Leaf(int[] atoms) implements Node {
    }

    private record AllOf(Node[] parts) implements Node {
    }

    private record AnyOf(Node[] parts) implements Node {
    }

    /** Per-thread state of the value scan. */
    private static final class Scratch {
        final Ips.Scratch ip = new Ips.Scratch();
        int[] hitAtoms = new int[8];
        JsonNode[] hitValues = new JsonNode[8];
        int hits;

        void add(int atom, JsonNode value) {
            for (int i = 0; i < hits; i++) {
                if (hitAtoms[i] == atom) {
                    return;
                }
            }
            if (hits == hitAtoms.length) {
                hitAtoms = java.util.Arrays.copyOf(hitAtoms, hits * 2);
                hitValues = java.util.Arrays.copyOf(hitValues, hits * 2);
            }
            hitAtoms[hits] = atom;
            hitValues[hits++] = value;
        }
    }

    private IocMatcher(List<Indicator> indicators) {
        this.indicators = List.copyOf(indicators);
        Map<Atom, Integer> ids = new LinkedHashMap<>();
        List<Integer> obsInd = new ArrayList<>();
        List<Integer> obsConj = new ArrayList<>();
        List<Integer> conjSize = new ArrayList<>();
        List<Node> exprs = new ArrayList<>();
        for (int i = 0; i < indicators.size(); i++) {
            for (List<Pattern.Expr> conj : indicators.get(i).pattern().anyOf()) {
                int c = conjSize.size();
                conjSize.add(conj.size());
                for (Pattern.Expr e : conj) {
                    obsInd.add(i);
                    obsConj.add(c);
                    exprs.add(node(e, ids));
                }
            }
        }
        this.atoms = List.copyOf(ids.keySet());
        this.obsIndicator = obsInd.stream().mapToInt(Integer::intValue).toArray();
        this.obsConjunction = obsConj.stream().mapToInt(Integer::intValue).toArray();
        this.conjunctionSize = conjSize.stream().mapToInt(Integer::intValue).toArray();
        this.obsExpr = exprs.toArray(new Node[0]);
        List<List<Integer>> users = new ArrayList<>();
        for (int a = 0; a < atoms.size(); a++) {
            users.add(new ArrayList<>());
        }
        for (int o = 0; o < obsExpr.length; o++) {
            collect(obsExpr[o], o, users);
        }
        this.atomObservations = new int[atoms.size()][];
        for (int a = 0; a < atoms.size(); a++) {
            atomObservations[a] = users.get(a).stream().mapToInt(Integer::intValue).distinct().toArray();
        }
        List<IpRanges.Range> ranges = new ArrayList<>();
        List<String> dn = new ArrayList<>();
        List<Integer> di = new ArrayList<>();
        List<String> hn = new ArrayList<>();
        List<Integer> hi = new ArrayList<>();
        List<String> fn = new ArrayList<>();
        List<Integer> fi = new ArrayList<>();
        Map<String, int[]> um = new HashMap<>();
        for (int a = 0; a < atoms.size(); a++) {
            Atom atom = atoms.get(a);
            switch (atom.type()) {
                case IP: {
                    long[] r = Ips.range(atom.value());
                    ranges.add(new IpRanges.Range(r[0], r[1], r[2], r[3], a));
                    break;
                }
                case DOMAIN: dn.add(atom.value()); di.add(a); break;
                case MD5: case SHA1: case SHA256: hn.add(atom.value()); hi.add(a); break;
                case FILENAME: fn.add(atom.value()); fi.add(a); break;
                case URL: {
                    int[] prev = um.get(atom.value());
                    int[] next = prev == null ? new int[] {a} : java.util.Arrays.copyOf(prev, prev.length + 1);
                    next[next.length - 1] = a;
                    um.put(atom.value(), next);
                    break;
                }
                default: throw new AssertionError(atom.type());
            }
        }
        this.ips = IpRanges.build(ranges);
        this.domains = NameTable.build(dn, di);
        this.hashes = NameTable.build(hn, hi);
        this.filenames = NameTable.build(fn, fi);
        this.urls = Map.copyOf(um);
    }

    /** Compiles the indicators (their values already normalised by the loader). */
    public static IocMatcher compile(List<Indicator> indicators) {
        return new IocMatcher(indicators);
    }

    /** How many indicators need several observations ({@code [a] AND [b]}), reported at the end of a hunt. */
    public int multiObservationConjunctions() {
        int n = 0;
        for (int size : conjunctionSize) {
            if (size > 1) {
                n++;
            }
        }
        return n;
    }

    public List<Indicator> indicators() {
        return indicators;
    }

    public int atoms() {
        return atoms.size();
    }

    Indicator indicator(int i) {
        return indicators.get(i);
    }

    private static Node node(Pattern.Expr e, Map<Atom, Integer> ids) {
        if (e instanceof Pattern.Expr.Compare c) {
            int[] a = new int[c.values().size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = ids.computeIfAbsent(new Atom(c.type(), c.values().get(i)), k -> ids.size());
            }
            return new Leaf(a);
        }
        if (e instanceof Pattern.Expr.All all) {
            return new AllOf(all.parts().stream().map(p -> node(p, ids)).toArray(Node[]::new));
        }
        Pattern.Expr.Any any = (Pattern.Expr.Any) e;
        return new AnyOf(any.parts().stream().map(p -> node(p, ids)).toArray(Node[]::new));
    }

    private static void collect(Node n, int obs, List<List<Integer>> users) {
        if (n instanceof Leaf l) {
            for (int a : l.atoms) {
                users.get(a).add(obs);
            }
        } else if (n instanceof AllOf all) {
            for (Node p : all.parts) {
                collect(p, obs, users);
            }
        } else {
            for (Node p : ((AnyOf) n).parts) {
                collect(p, obs, users);
            }
        }
    }

    /**
     * The observations one event satisfies, with the values that satisfied them; null when none
     * (the usual case, without allocation). Thread-safe.
     */
    public Match[] match(EventFields f) {
        Scratch s = scratch.get();
        s.hits = 0;
        java.util.Collection<JsonNode> values = f.values();
        int limit = f.distinctValues();
        int k = 0;
        for (JsonNode v : values) {
            if (k++ >= limit) {
                break;
            }
            if (v.isTextual()) {
                scan(v.textValue(), v, s);
            }
        }
        if (!urls.isEmpty()) {
            zeekHttp(f, s);
        }
        if (s.hits == 0) {
            return null;
        }
        return observations(f, s);
    }

    private void scan(String v, JsonNode node, Scratch s) {
        int n = v.length();
        if (n < 2) {
            return;
        }
        if (!ips.isEmpty()) {
            if (n <= 45 && Ips.parse(v, 0, n, s.ip)) {
                add(ips.get(s.ip.hi, s.ip.lo), node, s);
                return; // an address is nothing else
            }
            if (v.indexOf(';') >= 0) {
                addressList(v, node, s);
            }
        }
        if (!domains.isEmpty()) {
            int end = v.charAt(n - 1) == '.' ? n - 1 : n; // a fully qualified name's root dot
            if (Values.isHostname(v, 0, end)) {
                domain(v, 0, end, node, s);
            }
        }
        if (!hashes.isEmpty() && n >= 32) {
            hexRuns(v, node, s);
        }
        if ((!urls.isEmpty() || !domains.isEmpty()) && v.indexOf("://") > 0) {
            embeddedUrls(v, node, s);
        }
        if (!filenames.isEmpty()) {
            int sep = n - 1;
            while (sep >= 0 && v.charAt(sep) != '\\' && v.charAt(sep) != '/') {
                sep--;
            }
            if (sep < n - 1) {
                add(filenames.get(v, sep + 1, n), node, s);
            }
        }
    }

    /** Addresses separated by {@code ;}: Sysmon 22's {@code QueryResults} ({@code ::ffff:192.0.2.10;type:  5 cdn.example;}). */
    private void addressList(String v, JsonNode node, Scratch s) {
        int start = 0;
        int n = v.length();
        while (start < n) {
            int end = v.indexOf(';', start);
            if (end < 0) {
                end = n;
            }
            int a = start;
            int b = end;
            while (a < b && v.charAt(a) == ' ') {
                a++;
            }
            while (b > a && v.charAt(b - 1) == ' ') {
                b--;
            }
            if (Ips.parse(v, a, b, s.ip)) {
                add(ips.get(s.ip.hi, s.ip.lo), node, s);
            }
            start = end + 1;
        }
    }

    /** The host and each parent domain of {@code v[from, to)}: {@code a.b.evil.com}, {@code b.evil.com}, {@code evil.com}, {@code com}. */
    private void domain(CharSequence v, int from, int to, JsonNode node, Scratch s) {
        if (to > from && v.charAt(to - 1) == '.') {
            to--;
        }
        int start = from;
        while (start < to) {
            add(domains.get(v, start, to), node, s);
            int dot = start;
            while (dot < to && v.charAt(dot) != '.') {
                dot++;
            }
            start = dot + 1;
        }
    }

    private void hexRuns(String v, JsonNode node, Scratch s) {
        int n = v.length();
        int i = 0;
        while (i < n) {
            char c = v.charAt(i);
            if (!isAlnum(c)) {
                i++;
                continue;
            }
            int start = i;
            boolean hex = true;
            while (i < n && isAlnum(v.charAt(i))) {
                hex &= Values.isHexChar(v.charAt(i));
                i++;
            }
            int len = i - start;
            if (hex && (len == 32 || len == 40 || len == 64)) {
                add(hashes.get(v, start, i), node, s);
            }
        }
    }

    private static boolean isAlnum(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** Each {@code scheme://...} in the value, up to white space or a quote: its host, and the whole URL normalised. */
    private void embeddedUrls(String v, JsonNode node, Scratch s) {
        int at = v.indexOf("://");
        while (at > 0) {
            int start = at;
            while (start > 0 && isSchemeChar(v.charAt(start - 1))) {
                start--;
            }
            int end = at + 3;
            while (end < v.length() && !stopsUrl(v.charAt(end))) {
                end++;
            }
            if (start < at) {
                int hostStart = at + 3;
                int hostEnd = hostStart;
                while (hostEnd < end && "/?#:".indexOf(v.charAt(hostEnd)) < 0) {
                    hostEnd++;
                }
                int userinfo = hostStart;
                for (int i = hostStart; i < hostEnd; i++) {
                    if (v.charAt(i) == '@') {
                        userinfo = i + 1;
                    }
                }
                if (!domains.isEmpty() && Values.isHostname(v, userinfo, hostEnd)) {
                    domain(v, userinfo, hostEnd, node, s);
                }
                if (!ips.isEmpty() && Ips.parse(v, userinfo, hostEnd, s.ip)) {
                    add(ips.get(s.ip.hi, s.ip.lo), node, s);
                }
                if (!urls.isEmpty()) {
                    String u = Urls.normalize(v.substring(start, end));
                    if (u != null) {
                        add(urls.get(u), node, s);
                    }
                }
            }
            at = v.indexOf("://", end);
        }
    }

    private static boolean isSchemeChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.';
    }

    private static boolean stopsUrl(char c) {
        return c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' || c == '|' || c == '^';
    }

    /** Zeek's http log splits the URL into {@code host} and {@code uri}. */
    private void zeekHttp(EventFields f, Scratch s) {
        JsonNode uri = f.get("uri");
        JsonNode host = f.get("host");
        if (uri == null || host == null || !uri.isTextual() || !host.isTextual()) {
            return;
        }
        String u = Urls.normalize("http://" + host.textValue() + uri.textValue());
        if (u != null) {
            add(urls.get(u), uri, s);
        }
    }

    private static void add(int[] atoms, JsonNode node, Scratch s) {
        if (atoms != null) {
            for (int a : atoms) {
                s.add(a, node);
            }
        }
    }

    /** A satisfied observation and the field values that satisfied it (field name to value). */
    public record Match(int observation, Map<String, String> fields) {
    }

    private Match[] observations(EventFields f, Scratch s) {
        List<Match> out = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        for (int h = 0; h < s.hits; h++) {
            for (int o : atomObservations[s.hitAtoms[h]]) {
                if (seen.contains(o)) {
                    continue;
                }
                seen.add(o);
                if (holds(obsExpr[o], s)) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    for (int x = 0; x < s.hits; x++) {
                        if (mentions(obsExpr[o], s.hitAtoms[x])) {
                            JsonNode value = s.hitValues[x];
                            String name = nameOf(f, value);
                            if (name != null) {
                                fields.putIfAbsent(name, value.textValue());
                            }
                        }
                    }
                    out.add(new Match(o, fields));
                }
            }
        }
        return out.isEmpty() ? null : out.toArray(new Match[0]);
    }

    private static String nameOf(EventFields f, JsonNode value) {
        String[] found = new String[1];
        f.forEach((k, v) -> {
            if (found[0] == null && v == value) {
                found[0] = k;
            }
        });
        return found[0];
    }

    private static boolean holds(Node n, Scratch s) {
        if (n instanceof Leaf l) {
            for (int a : l.atoms) {
                for (int h = 0; h < s.hits; h++) {
                    if (s.hitAtoms[h] == a) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (n instanceof AllOf all) {
            for (Node p : all.parts) {
                if (!holds(p, s)) {
                    return false;
                }
            }
            return true;
        }
        for (Node p : ((AnyOf) n).parts) {
            if (holds(p, s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentions(Node n, int atom) {
        if (n instanceof Leaf l) {
            for (int a : l.atoms) {
                if (a == atom) {
                    return true;
                }
            }
            return false;
        }
        Node[] parts = n instanceof AllOf all ? all.parts : ((AnyOf) n).parts;
        for (Node p : parts) {
            if (mentions(p, atom)) {
                return true;
            }
        }
        return false;
    }
}
