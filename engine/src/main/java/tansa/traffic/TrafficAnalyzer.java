package tansa.traffic;

import tansa.event.Event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-and-control and exfiltration signs from network logs ({@link NetworkRecord}: Zeek conn,
 * dns, ssl, http; Suricata flow, dns, tls, http), in one pass with compact state:
 *
 * <ul>
 *   <li>per (internal source, external destination) address pair, a {@link Pair}: totals, the
 *       longest connection, and the start second and size of up to {@link Pair#SAMPLE}
 *       connections, from which beacons are scored in the manner of RITA;</li>
 *   <li>per registered domain, a {@link DomainStats}: distinct subdomains (hashes, capped), their
 *       lengths and entropies, for DNS tunnels;</li>
 *   <li>per external address, up to three server names (TLS SNI, HTTP Host) to label it.</li>
 * </ul>
 *
 * Memory grows with the distinct address pairs and registered domains, not with the number of
 * records once each pair's sample is full. Connections to internal, multicast or broadcast
 * addresses, and those that do not start inside, are counted and left out. {@link #accept} is
 * called in evidence order from one thread; not thread-safe.
 */
public final class TrafficAnalyzer {
    private static final byte INTERNAL = 0;
    private static final byte EXTERNAL = 1;
    private static final byte NOT_HOST = 2;
    private static final int NAMES = 3;

    private final TrafficOptions options;
    private final NetworkRecord rec = new NetworkRecord();
    private final Map<String, Integer> addressIds = new HashMap<>();
    private final List<String> addresses = new ArrayList<>();
    private byte[] classes = new byte[1024];
    private final LongIntMap pairIndex = new LongIntMap();
    private final List<Pair> pairs = new ArrayList<>();
    private final Map<Integer, String[]> names = new HashMap<>();
    private final RegisteredDomains registered = new RegisteredDomains();
    private final Map<String, DomainStats> domains = new HashMap<>();
    private final int[] charCounts = new int[256];
    private long baseSecond = Long.MIN_VALUE;
    private long firstMillis = Long.MAX_VALUE;
    private long lastMillis = Long.MIN_VALUE;
    private long connections;
    private long outbound;
    private long queries;

    public TrafficAnalyzer(TrafficOptions options) {
        this.options = options;
    }

    /** Takes one record; anything that is not a connection, DNS query or server name is ignored. */
    /**
     * Whether {@link #accept} can use a record of this channel (never: a Windows event is not a
     * network record), or with no channel, of this Zeek log ({@code _path}; null: not Zeek, perhaps
     * Suricata): a reader of stored events skips the rest unparsed. Keep in step with
     * {@link NetworkRecord#read}.
     */
    public static boolean reads(String channel, String zeekPath) {
        if (channel != null) {
            return false;
        }
        return zeekPath == null || ZEEK_LOGS.contains(zeekPath);
    }

    private static final java.util.Set<String> ZEEK_LOGS = java.util.Set.of("conn", "dns", "ssl", "http");

    public void accept(Event e) {
        switch (rec.read(e)) {
            case CONNECTION: connection(); break;
            case DNS: dns(); break;
            case SERVER_NAME: serverName(); break;
            default: break;
        }
    }

    /** Connection records read (whatever their direction). */
    public long connections() {
        return connections;
    }

    /** DNS queries read. */
    public long queries() {
        return queries;
    }

    private int id(String address) {
        Integer known = addressIds.get(address);
        if (known != null) {
            return known;
        }
        int id = addresses.size();
        addresses.add(address);
        addressIds.put(address, id);
        if (id == classes.length) {
            classes = Arrays.copyOf(classes, id * 2);
        }
        byte[] a = Address.parse(address);
        classes[id] = a == null || Networks.NOT_HOSTS.contains(a) ? NOT_HOST : options.internal().contains(a) ? INTERNAL : EXTERNAL;
        return id;
    }

    private void connection() {
        connections++;
        int s = id(rec.src);
        int d = id(rec.dst);
        if (classes[s] != INTERNAL || classes[d] != EXTERNAL) {
            return;
        }
        outbound++;
        long start = rec.startMillis;
        if (baseSecond == Long.MIN_VALUE) {
            baseSecond = Math.floorDiv(start, 1000L);
        }
        firstMillis = Math.min(firstMillis, start);
        lastMillis = Math.max(lastMillis, start + rec.durationMillis);
        long key = (long) s << 32 | (d & 0xffffffffL);
        int idx = pairIndex.get(key);
        Pair p;
        if (idx < 0) {
            p = new Pair(s, d);
            pairIndex.put(key, pairs.size());
            pairs.add(p);
        } else {
            p = pairs.get(idx);
        }
        long rel = Math.floorDiv(start, 1000L) - baseSecond;
        int second = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, rel));
        p.add(start, rec.durationMillis, rec.bytesOut, rec.bytesIn, rec.dstPort, second);
    }

    private void serverName() {
        int d = id(rec.dst);
        if (classes[d] != EXTERNAL) {
            return;
        }
        String name = RegisteredDomains.normalize(rec.name);
        String[] known = names.get(d);
        if (known == null) {
            known = new String[NAMES];
            names.put(d, known);
        }
        for (int i = 0; i < NAMES; i++) {
            if (known[i] == null) {
                known[i] = name;
                return;
            }
            if (known[i].equals(name)) {
                return;
            }
        }
    }

    private void dns() {
        queries++;
        String name = RegisteredDomains.normalize(rec.name);
        String domain = registered.of(name);
        if (domain == null) {
            return;
        }
        DomainStats st = domains.get(domain);
        if (st == null) {
            st = new DomainStats(domain);
            domains.put(domain, st);
        }
        st.queries++;
        st.firstMillis = Math.min(st.firstMillis, rec.startMillis);
        st.lastMillis = Math.max(st.lastMillis, rec.startMillis);
        st.source(rec.src);
        int subEnd = name.length() - domain.length() - 1;
        if (subEnd <= 0) {
            return;
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < subEnd; i++) {
            h = (h ^ name.charAt(i)) * 0x100000001b3L;
        }
        if (st.hashes.size() >= DomainStats.UNIQUE_CAP) {
            st.capped |= !st.hashes.contains(h);
            return;
        }
        if (st.hashes.add(h)) {
            st.lengthSum += subEnd;
            st.longest = Math.max(st.longest, subEnd);
            st.entropySum += entropy(name, subEnd);
        }
    }

    /** Shannon entropy, in bits per character, of {@code s[0, end)}. */
    private double entropy(String s, int end) {
        int[] c = charCounts;
        for (int i = 0; i < end; i++) {
            c[Math.min(255, s.charAt(i))]++;
        }
        double h = 0;
        for (int i = 0; i < end; i++) {
            int k = Math.min(255, s.charAt(i));
            int n = c[k];
            if (n > 0) {
                double p = (double) n / end;
                h -= p * Math.log(p);
                c[k] = 0;
            }
        }
        return h / Math.log(2);
    }

    /** The signs scoring at least the options' minimum, most suspicious first. */
    public List<Sign> finish() {
        List<Sign> out = new ArrayList<>();
        for (Pair p : pairs) {
            Sign b = beacon(p);
            if (b != null && b.score() >= options.minScore()) {
                out.add(b);
            }
            Sign l = longConnection(p);
            if (l != null && l.score() >= options.minScore()) {
                out.add(l);
            }
        }
        for (Sign x : exfiltration()) {
            if (x.score() >= options.minScore()) {
                out.add(x);
            }
        }
        for (DomainStats d : domains.values()) {
            Sign t = tunnel(d);
            if (t != null && t.score() >= options.minScore()) {
                out.add(t);
            }
        }
        out.sort(ORDER);
        return out;
    }

    static final Comparator<Sign> ORDER = Comparator.comparingDouble(Sign::score).reversed()
            .thenComparing(Sign::kind).thenComparing(Sign::src, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Sign::target, Comparator.nullsFirst(Comparator.naturalOrder()));

    private Sign beacon(Pair p) {
        if (p.sampled < options.beaconMinConnections()) {
            return null;
        }
        int[] t = Arrays.copyOf(p.seconds, p.sampled);
        Arrays.sort(t);
        int m = 0;
        for (int i = 0; i < t.length; i++) {
            if (i == 0 || t[i] != t[i - 1]) {
                t[m++] = t[i];
            }
        }
        if (m < options.beaconMinConnections()) {
            return null;
        }
        int[] intervals = new int[m - 1];
        for (int i = 1; i < m; i++) {
            intervals[i - 1] = t[i] - t[i - 1];
        }
        int hours = 0;
        long lastHour = Long.MIN_VALUE;
        for (int i = 0; i < m; i++) {
            long hour = Math.floorDiv(baseSecond + t[i], 3600L);
            if (hour != lastHour) {
                hours++;
                lastHour = hour;
            }
        }
        Distribution ts = new Distribution(intervals, intervals.length);
        Distribution ds = new Distribution(Arrays.copyOf(p.sizes, p.sampled), p.sampled);
        double tsScore = ((1 - Math.abs(ts.skew)) + Math.max(0, 1 - 2 * ts.mad / Math.max(1, ts.median))) / 2;
        double dsScore = ((1 - Math.abs(ds.skew)) + Math.max(0, 1 - ds.mad / 32) + Math.max(0, 1 - ds.mode / 65535.0)) / 3;
        double countScore = Math.min(1, m / 96.0);
        long span = Math.max(1, lastMillis - firstMillis);
        long possibleHours = Math.floorDiv(lastMillis, 3_600_000L) - Math.floorDiv(firstMillis, 3_600_000L) + 1;
        double durationScore = Math.min(1, (double) (p.lastMillis - p.firstMillis) / span);
        double spreadScore = (durationScore + Math.min(1, (double) hours / possibleHours)) / 2;
        // Regularity of the intervals decides; sizes, count and spread raise or lower it (an irregular
        // pair that talks all day long is not a beacon).
        double score = tsScore * (0.4 + 0.6 * (dsScore + countScore + spreadScore) / 3);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("connections", p.count);
        if (p.count > p.sampled) {
            f.put("sampled_connections", p.sampled);
        }
        f.put("interval_median_s", round(ts.median));
        f.put("interval_mad_s", round(ts.mad));
        f.put("interval_skew", round(ts.skew));
        f.put("interval_mode_s", ts.mode);
        f.put("size_median", round(ds.median));
        f.put("size_mad", round(ds.mad));
        f.put("size_skew", round(ds.skew));
        f.put("size_mode", ds.mode);
        f.put("hours_active", hours);
        f.put("hours_observed", possibleHours);
        f.put("interval_score", round(tsScore));
        f.put("size_score", round(dsScore));
        f.put("count_score", round(countScore));
        f.put("spread_score", round(spreadScore));
        common(f, p);
        return new Sign(Sign.BEACON, round(score), addresses.get(p.src), addresses.get(p.dst), null,
                Instant.ofEpochMilli(p.firstMillis), Instant.ofEpochMilli(p.lastMillis), f);
    }

    private Sign longConnection(Pair p) {
        if (p.longestMillis < options.longMinMillis()) {
            return null;
        }
        double x = (double) p.longestMillis / options.longMinMillis();
        double score = Math.min(1, 0.6 + 0.4 * Math.log(x) / Math.log(24));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("longest_s", round(p.longestMillis / 1000.0));
        f.put("longest_start", Instant.ofEpochMilli(p.longestStart).toString());
        f.put("total_duration_s", round(p.totalMillis / 1000.0));
        f.put("connections", p.count);
        common(f, p);
        return new Sign(Sign.LONG_CONNECTION, round(score), addresses.get(p.src), addresses.get(p.dst), null,
                Instant.ofEpochMilli(p.firstMillis), Instant.ofEpochMilli(p.lastMillis), f);
    }

    private void common(Map<String, Object> f, Pair p) {
        f.put("bytes_out", p.bytesOut);
        f.put("bytes_in", p.bytesIn);
        List<Integer> ports = new ArrayList<>();
        for (int port : p.ports) {
            if (port >= 0) {
                ports.add(port);
            }
        }
        f.put("ports", ports);
        String[] n = names.get(p.dst);
        if (n != null) {
            List<String> list = new ArrayList<>();
            for (String s : n) {
                if (s != null) {
                    list.add(s);
                }
            }
            f.put("dst_names", list);
        }
    }

    private List<Sign> exfiltration() {
        Map<Integer, List<Pair>> bySource = new HashMap<>();
        Map<Integer, long[]> totals = new HashMap<>();
        for (Pair p : pairs) {
            long[] t = totals.computeIfAbsent(p.src, k -> new long[2]);
            t[0] += p.bytesOut;
            t[1] += p.bytesIn;
            bySource.computeIfAbsent(p.src, k -> new ArrayList<>()).add(p);
        }
        List<Sign> out = new ArrayList<>();
        for (Map.Entry<Integer, long[]> e : totals.entrySet()) {
            long sent = e.getValue()[0];
            long received = e.getValue()[1];
            if (sent < options.exfilMinBytes()) {
                continue;
            }
            List<Pair> ps = bySource.get(e.getKey());
            ps.sort(Comparator.comparingLong((Pair p) -> p.bytesOut).reversed().thenComparing(p -> addresses.get(p.dst)));
            double volume = Math.min(1, Math.log(1 + (double) sent / options.exfilMinBytes()) / Math.log(21));
            double asymmetry = (double) sent / (sent + received);
            double score = 0.5 * volume + 0.5 * asymmetry;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            List<Map<String, Object>> top = new ArrayList<>();
            for (int i = 0; i < Math.min(5, ps.size()); i++) {
                Pair p = ps.get(i);
                if (p.bytesOut == 0) {
                    break;
                }
                if (i == 0 || p.bytesOut * 100 >= sent) { // the time of the upload, not of every page view
                    first = Math.min(first, p.firstMillis);
                    last = Math.max(last, p.lastMillis);
                }
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("dst", addresses.get(p.dst));
                d.put("bytes_out", p.bytesOut);
                d.put("bytes_in", p.bytesIn);
                d.put("connections", p.count);
                top.add(d);
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("bytes_out", sent);
            f.put("bytes_in", received);
            f.put("out_in_ratio", received == 0 ? null : round((double) sent / received));
            f.put("destinations", ps.size());
            f.put("volume_score", round(volume));
            f.put("asymmetry_score", round(asymmetry));
            f.put("top_destinations", top);
            out.add(new Sign(Sign.EXFIL, round(score), addresses.get(e.getKey()), addresses.get(ps.get(0).dst), null,
                    Instant.ofEpochMilli(first), Instant.ofEpochMilli(last), f));
        }
        return out;
    }

    private Sign tunnel(DomainStats d) {
        int unique = d.unique();
        if (unique < options.dnsMinUnique()) {
            return null;
        }
        double avgLength = (double) d.lengthSum / unique;
        double avgEntropy = d.entropySum / unique;
        double uniqueScore = Math.min(1, Math.max(0, Math.log10(unique / 10.0) / 2));
        double lengthScore = Math.min(1, Math.max(0, (avgLength - 10) / 30));
        double entropyScore = Math.min(1, Math.max(0, (avgEntropy - 2.5) / 1.5));
        double score = Math.sqrt(uniqueScore) * (lengthScore + entropyScore) / 2;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("queries", d.queries);
        f.put("unique_subdomains", unique);
        if (d.capped) {
            f.put("unique_capped", true);
        }
        f.put("subdomain_length_avg", round(avgLength));
        f.put("subdomain_length_max", d.longest);
        f.put("subdomain_entropy_avg", round(avgEntropy));
        f.put("unique_score", round(uniqueScore));
        f.put("length_score", round(lengthScore));
        f.put("entropy_score", round(entropyScore));
        List<Map<String, Object>> sources = new ArrayList<>();
        int busiest = 0;
        for (int i = 0; i < DomainStats.SOURCES && d.sources[i] != null; i++) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("src", d.sources[i]);
            s.put("queries", d.sourceCounts[i]);
            sources.add(s);
            if (d.sourceCounts[i] > d.sourceCounts[busiest]) {
                busiest = i;
            }
        }
        sources.sort(Comparator.comparingLong((Map<String, Object> s) -> (Long) s.get("queries")).reversed()
                .thenComparing(s -> (String) s.get("src")));
        f.put("sources", sources);
        if (d.otherSources > 0) {
            f.put("queries_from_other_sources", d.otherSources);
        }
        return new Sign(Sign.DNS_TUNNEL, round(score), d.sources[busiest], null, d.domain,
                Instant.ofEpochMilli(d.firstMillis), Instant.ofEpochMilli(d.lastMillis), f);
    }

    /** Outbound connections per (internal, external) address pair, for joining with indicators. */
    public record Contact(String src, String dst, long connections, Instant first, Instant last, long bytesOut) {
    }

    /** Every outbound pair whose destination lies in {@code nets}, in source then destination order. */
    public List<Contact> contactsWith(Networks nets) {
        List<Contact> out = new ArrayList<>();
        for (Pair p : pairs) {
            if (nets.contains(addresses.get(p.dst))) {
                out.add(new Contact(addresses.get(p.src), addresses.get(p.dst), p.count, Instant.ofEpochMilli(p.firstMillis),
                        Instant.ofEpochMilli(p.lastMillis), p.bytesOut));
            }
        }
        out.sort(Comparator.comparing(Contact::src).thenComparing(Contact::dst));
        return out;
    }

    /** DNS queries under a registered domain per querying address (the busiest few), or an empty map. */
    public Map<String, Long> domainSources(String registeredDomain) {
        DomainStats d = domains.get(registeredDomain);
        Map<String, Long> out = new LinkedHashMap<>();
        if (d != null) {
            for (int i = 0; i < DomainStats.SOURCES && d.sources[i] != null; i++) {
                out.put(d.sources[i], d.sourceCounts[i]);
            }
        }
        return out;
    }

    /** The registered domain of a DNS name by the Public Suffix List, or null. */
    public String registeredDomain(String name) {
        return registered.of(RegisteredDomains.normalize(name));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
