package tansa.traffic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Zeek TSV logs of one synthetic day (2026-03-02 UTC) of a 40-host office network, for the
 * traffic tests and the benchmark ({@code bench/traffic.sh}): web browsing at office hours to
 * 300 external addresses (a few of them popular), internal DNS, NTP, file-server uploads and a
 * five-hour internal RDP session as background, and, when asked, planted signs:
 *
 * <ul>
 *   <li>{@link #BEACON_SRC} → {@link #BEACON_DST}:443 every 60 s (±1 s) all day, ~320 bytes up;</li>
 *   <li>{@link #EXFIL_SRC} → {@link #EXFIL_DST}:443, 2 GiB uploaded in four connections at 02:13;</li>
 *   <li>in dns.log, {@link #TUNNEL_SRC} querying 3,000 base32 subdomains of {@link #TUNNEL_DOMAIN}.</li>
 * </ul>
 *
 * The same seed gives the same bytes. {@code main}: {@code conn|dns FILE [RECORDS] [--clean]}.
 */
public final class SyntheticZeek {
    public static final String BEACON_SRC = "10.1.0.23";
    public static final String BEACON_DST = "185.220.101.45";
    public static final String EXFIL_SRC = "10.1.0.37";
    public static final String EXFIL_DST = "45.77.12.200";
    public static final String TUNNEL_SRC = "10.1.0.31";
    public static final String TUNNEL_DOMAIN = "evil-tunnel.net";
    public static final long DAY_START = 1_772_409_600L; // 2026-03-02T00:00:00Z
    private static final int HOSTS = 40;

    private SyntheticZeek() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: SyntheticZeek conn|dns FILE [RECORDS] [--clean]");
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        long records = args.length > 2 && !args[2].startsWith("--") ? Long.parseLong(args[2]) : 0;
        boolean plant = !String.join(" ", args).contains("--clean");
        if (args[0].equals("dns")) {
            dns(out, plant, 42);
        } else if (records > 0) {
            connMany(out, records, 42);
        } else {
            conn(out, plant, 42);
        }
    }

    private static String internal(int i) {
        return "10.1.0." + (10 + i);
    }

    private static String external(SplittableRandom r, int i) {
        // 300 fixed public addresses from the seed, away from the planted ones
        return (23 + i % 150) + "." + (11 + i * 7 % 200) + "." + (i * 13 % 250) + "." + (1 + i * 31 % 250);
    }

    private static final String CONN_HEADER = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
            + "#path\tconn\n#open\t2026-03-02-00-00-00\n"
            + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes"
            + "\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n"
            + "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring"
            + "\tcount\tcount\tcount\tcount\tset[string]\n";

    /** One day: background plus, with {@code plant}, the beacon and the 2 GiB upload. */
    public static void conn(Path file, boolean plant, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            w.write(CONN_HEADER);
            long[] uid = {0};
            for (int h = 0; h < HOSTS; h++) {
                String src = internal(h);
                // browsing 08:00-18:00, exponential gaps (mean 60 s); a fifth to five popular sites
                double t = DAY_START + 8 * 3600 + r.nextDouble() * 600;
                while (t < DAY_START + 18 * 3600) {
                    int site = r.nextInt(5) == 0 ? r.nextInt(5) : 5 + r.nextInt(295);
                    long up = 300 + r.nextInt(2700);
                    long down = (long) Math.exp(7 + r.nextDouble() * 7);
                    conn(w, uid, t, src, 49152 + r.nextInt(16000), external(r, site), 443, "tcp", "ssl", 0.05 + r.nextDouble() * 30,
                            up, down);
                    t += -60 * Math.log(1 - r.nextDouble());
                }
                // internal DNS (irregular) and NTP (exactly every 64 s): regular, but internal
                for (double d = DAY_START + r.nextDouble() * 30; d < DAY_START + 86400; d += 10 + r.nextDouble() * 100) {
                    conn(w, uid, d, src, 49152 + r.nextInt(16000), "10.1.0.2", 53, "udp", "dns", 0.001, 40, 120);
                }
                if (h % 4 == 0) {
                    for (double d = DAY_START + h; d < DAY_START + 86400; d += 64) {
                        conn(w, uid, d, src, 123, "10.1.0.3", 123, "udp", "ntp", 0.0004, 48, 48);
                    }
                }
            }
            // nightly backup to the internal file server: 3 GiB, internal
            conn(w, uid, DAY_START + 3600, internal(5), 50000, "10.2.0.5", 445, "tcp", "smb", 1500, 3L << 30, 20_000);
            // a five-hour internal RDP session
            conn(w, uid, DAY_START + 9 * 3600, internal(11), 50001, "10.2.0.9", 3389, "tcp", "rdp", 5 * 3600, 40_000_000, 900_000_000);
            if (plant) {
                for (int i = 0; i < 1440; i++) {
                    double t = DAY_START + 17 + i * 60 + (r.nextDouble() * 2 - 1);
                    conn(w, uid, t, BEACON_SRC, 49152 + r.nextInt(16000), BEACON_DST, 443, "tcp", "ssl", 0.3 + r.nextDouble() * 0.2,
                            310 + r.nextInt(20), 1100 + r.nextInt(100));
                }
                for (int i = 0; i < 4; i++) {
                    conn(w, uid, DAY_START + 2 * 3600 + 13 * 60 + i * 700, EXFIL_SRC, 51000 + i, EXFIL_DST, 443, "tcp", "ssl", 650,
                            512L << 20, 40_000);
                }
            }
        }
    }

    /**
     * {@code records} connection lines for the benchmark: the day's background pattern (40
     * hosts, 300 sites) repeated over consecutive days until there are enough.
     */
    public static void connMany(Path file, long records, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            w.write(CONN_HEADER);
            long[] uid = {0};
            double t = DAY_START;
            for (long i = 0; i < records; i++) {
                String src = internal(r.nextInt(HOSTS * 5));
                int site = r.nextInt(5) == 0 ? r.nextInt(5) : 5 + r.nextInt(995);
                conn(w, uid, t, src, 49152 + r.nextInt(16000), external(r, site), 443, "tcp", "ssl", 0.05 + r.nextDouble() * 30,
                        300 + r.nextInt(2700), (long) Math.exp(7 + r.nextDouble() * 7));
                t += r.nextDouble() * 0.1;
            }
        }
    }

    private static void conn(Writer w, long[] uid, double ts, String src, int sport, String dst, int dport, String proto, String service,
                             double duration, long up, long down) throws IOException {
        StringBuilder b = new StringBuilder(200);
        b.append(String.format(Locale.ROOT, "%.6f", ts)).append('\t').append("C").append(Long.toString(1_000_000_000L + uid[0]++, 36))
                .append('\t').append(src).append('\t').append(sport).append('\t').append(dst).append('\t').append(dport)
                .append('\t').append(proto).append('\t').append(service).append('\t')
                .append(String.format(Locale.ROOT, "%.6f", duration)).append('\t').append(up).append('\t').append(down)
                .append("\tSF\tT\tF\t0\tShADadFf\t").append(up / 1000 + 3).append('\t').append(up + 120).append('\t')
                .append(down / 1000 + 3).append('\t').append(down + 120).append("\t(empty)\n");
        w.write(b.toString());
    }

    private static final String DNS_HEADER = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
            + "#path\tdns\n#open\t2026-03-02-00-00-00\n"
            + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\tquery\tqtype_name\trcode_name\tanswers\n"
            + "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tstring\tstring\tstring\tvector[string]\n";

    private static final String[] SITES = {"google.com", "microsoft.com", "office.com", "github.com", "amazon.co.jp", "yahoo.co.jp",
            "bbc.co.uk", "example.org", "slack.com", "zoom.us", "windowsupdate.com", "akamaihd.net", "cloudflare.com", "apple.com",
            "nikkei.com", "gov.uk", "wikipedia.org", "linkedin.com", "salesforce.com", "dropbox.com"};
    private static final String[] PREFIXES = {"www", "mail", "api", "cdn", "static", "login", "docs", "img", "assets", "update"};
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    /** A day of DNS queries: common names, reverse lookups, internal names, a CDN's many short names; plus the tunnel. */
    public static void dns(Path file, boolean plant, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            w.write(DNS_HEADER);
            long[] uid = {0};
            for (int h = 0; h < HOSTS; h++) {
                for (double t = DAY_START + 8 * 3600 + r.nextDouble() * 300; t < DAY_START + 18 * 3600; t += 5 + r.nextDouble() * 120) {
                    int k = r.nextInt(10);
                    String q;
                    if (k < 6) {
                        q = PREFIXES[r.nextInt(PREFIXES.length)] + "." + SITES[r.nextInt(SITES.length)];
                    } else if (k == 6) {
                        q = r.nextInt(256) + "." + r.nextInt(256) + ".1.10.in-addr.arpa";
                    } else if (k == 7) {
                        q = "fileserver" + r.nextInt(4) + ".corp.local";
                    } else {
                        // a video CDN: many distinct, short, machine-made names
                        q = "r" + r.nextInt(10) + "---sn-" + word(r, 8) + ".googlevideo.com";
                    }
                    dns(w, uid, t, internal(h), q);
                }
            }
            if (plant) {
                for (int i = 0; i < 3000; i++) {
                    double t = DAY_START + 14 * 3600 + i * 1.3;
                    String q = word(r, 60) + "." + Integer.toString(i, 36) + ".t." + TUNNEL_DOMAIN;
                    dns(w, uid, t, TUNNEL_SRC, q);
                }
            }
        }
    }

    private static String word(SplittableRandom r, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = BASE32[r.nextInt(BASE32.length)];
        }
        return new String(c);
    }

    private static void dns(Writer w, long[] uid, double ts, String src, String query) throws IOException {
        w.write(String.format(Locale.ROOT, "%.6f\tD%d\t%s\t%d\t10.1.0.2\t53\tudp\t%d\t%s\tA\tNOERROR\t(empty)\n", ts,
                1_000_000 + uid[0]++, src, 49152 + (int) (uid[0] % 16000), (int) (uid[0] % 65536), query));
    }
}
