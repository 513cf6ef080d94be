package tansa.traffic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.reader.EvidenceReader;
import tansa.reader.ReadSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrafficAnalyzerTest {
    @TempDir
    Path dir;

    static List<Sign> analyze(TrafficOptions options, Path... files) {
        TrafficAnalyzer a = new TrafficAnalyzer(options);
        List<String> problems = new ArrayList<>();
        tansa.reader.Problems collect = new tansa.reader.Problems() {
            @Override
            public void report(String resource, long offset, String message) {
                problems.add(resource + ": " + message);
            }

            @Override
            public void note(String resource, long offset, String message) {
                // Suricata EVE is read as plain JSON until its reader lands: that is a note
            }
        };
        ReadSummary s = new EvidenceReader(1, collect).read(List.of(files), a::accept);
        assertEquals(List.of(), problems);
        assertTrue(s.events() > 0);
        return a.finish();
    }

    @Test
    void findsThePlantedBeaconAndUploadAndNothingElse() throws IOException {
        Path conn = dir.resolve("conn.log");
        SyntheticZeek.conn(conn, true, 42);
        List<Sign> signs = analyze(TrafficOptions.defaults(), conn);
        assertEquals(2, signs.size(), signs.toString());
        Sign beacon = signs.stream().filter(x -> x.kind().equals(Sign.BEACON)).findFirst().orElseThrow();
        assertEquals(SyntheticZeek.BEACON_SRC, beacon.src());
        assertEquals(SyntheticZeek.BEACON_DST, beacon.dst());
        assertTrue(beacon.score() >= 0.9, beacon.toString());
        assertEquals(1440L, beacon.figures().get("connections"));
        assertEquals(60, beacon.figures().get("interval_mode_s"));
        assertEquals(24L, ((Number) beacon.figures().get("hours_active")).longValue());
        Sign exfil = signs.stream().filter(x -> x.kind().equals(Sign.EXFIL)).findFirst().orElseThrow();
        assertEquals(SyntheticZeek.EXFIL_SRC, exfil.src());
        assertEquals(SyntheticZeek.EXFIL_DST, exfil.dst());
        assertTrue((Long) exfil.figures().get("bytes_out") >= 2L << 30, exfil.toString());
        assertTrue(exfil.score() >= 0.9, exfil.toString());
        assertEquals("2026-03-02T02:13:00Z", exfil.first().toString());
    }

    @Test
    void cleanBackgroundRaisesNothing() throws IOException {
        Path conn = dir.resolve("conn.log");
        SyntheticZeek.conn(conn, false, 7);
        Path dns = dir.resolve("dns.log");
        SyntheticZeek.dns(dns, false, 7);
        assertEquals(List.of(), analyze(TrafficOptions.defaults(), conn, dns));
    }

    @Test
    void internalDestinationsAreNeverBeaconsOrExfiltration() throws IOException {
        Path conn = dir.resolve("conn.log");
        SyntheticZeek.conn(conn, true, 42);
        // with the beacon's and the upload's destinations declared internal, nothing is left
        TrafficOptions o = TrafficOptions.defaults().withInternal(Networks.of(Networks.PRIVATE)
                .plus(Networks.of(List.of(SyntheticZeek.BEACON_DST + "/32", "45.77.0.0/16"))));
        assertEquals(List.of(), analyze(o, conn));
        // at a score of 0 the internal NTP (every 64 s) and the 3 GiB backup are still absent
        List<Sign> all = analyze(TrafficOptions.defaults().withMinScore(0), conn);
        for (Sign s : all) {
            assertTrue(!s.target().startsWith("10.") && s.src().startsWith("10.1."), s.toString());
        }
    }

    @Test
    void findsTheDnsTunnelByItsRegisteredDomain() throws IOException {
        Path dns = dir.resolve("dns.log");
        SyntheticZeek.dns(dns, true, 42);
        List<Sign> signs = analyze(TrafficOptions.defaults(), dns);
        assertEquals(1, signs.size(), signs.toString());
        Sign t = signs.get(0);
        assertEquals(Sign.DNS_TUNNEL, t.kind());
        assertEquals(SyntheticZeek.TUNNEL_DOMAIN, t.domain());
        assertEquals(SyntheticZeek.TUNNEL_SRC, t.src());
        assertEquals(null, t.dst());
        assertEquals(3000, t.figures().get("unique_subdomains"));
        assertTrue(t.score() >= 0.9, t.toString());
    }

    @Test
    void aLongConnectionToAnExternalAddressIsASign() throws IOException {
        Path conn = dir.resolve("conn.log");
        Files.writeString(conn, "{\"_path\":\"conn\",\"ts\":1772409600.0,\"uid\":\"C1\",\"id.orig_h\":\"192.168.5.5\",\"id.orig_p\":50000,"
                + "\"id.resp_h\":\"203.0.113.9\",\"id.resp_p\":22,\"proto\":\"tcp\",\"duration\":43200.0,\"orig_bytes\":900000,"
                + "\"resp_bytes\":1200000}\n"
                + "{\"_path\":\"conn\",\"ts\":1772409600.0,\"uid\":\"C2\",\"id.orig_h\":\"192.168.5.5\",\"id.orig_p\":50001,"
                + "\"id.resp_h\":\"192.168.9.9\",\"id.resp_p\":22,\"proto\":\"tcp\",\"duration\":43200.0,\"orig_bytes\":900000,"
                + "\"resp_bytes\":1200000}\n");
        List<Sign> signs = analyze(TrafficOptions.defaults(), conn);
        assertEquals(1, signs.size(), signs.toString());
        assertEquals(Sign.LONG_CONNECTION, signs.get(0).kind());
        assertEquals("203.0.113.9", signs.get(0).dst());
        assertEquals(43200.0, signs.get(0).figures().get("longest_s"));
        assertEquals("2026-03-02T12:00:00Z", signs.get(0).last().toString());
    }

    @Test
    void readsSuricataFlowAndDnsByTheirOwnFieldNames() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            long t = SyntheticZeek.DAY_START + i * 300L;
            String start = java.time.Instant.ofEpochSecond(t).toString().replace("Z", ".000000+0000");
            String end = java.time.Instant.ofEpochSecond(t + 1).toString().replace("Z", ".000000+0000");
            b.append("{\"timestamp\":\"").append(end).append("\",\"flow_id\":").append(1000 + i)
                    .append(",\"event_type\":\"flow\",\"src_ip\":\"10.9.8.7\",\"src_port\":5").append(1000 + i)
                    .append(",\"dest_ip\":\"198.51.100.77\",\"dest_port\":8443,\"proto\":\"TCP\",\"flow\":{\"pkts_toserver\":5,"
                            + "\"pkts_toclient\":4,\"bytes_toserver\":640,\"bytes_toclient\":900,\"start\":\"")
                    .append(start).append("\",\"end\":\"").append(end).append("\"}}\n");
        }
        Path eve = dir.resolve("eve.json");
        Files.writeString(eve, b.toString());
        List<Sign> signs = analyze(TrafficOptions.defaults(), eve);
        assertEquals(1, signs.size(), signs.toString());
        assertEquals(Sign.BEACON, signs.get(0).kind());
        assertEquals("10.9.8.7", signs.get(0).src());
        assertEquals("198.51.100.77", signs.get(0).dst());
        assertEquals(300, signs.get(0).figures().get("interval_mode_s"));
    }

    @Test
    void registeredDomainsFollowThePublicSuffixList() {
        TrafficAnalyzer a = new TrafficAnalyzer(TrafficOptions.defaults());
        assertEquals("example.co.uk", a.registeredDomain("A.B.Example.CO.UK."));
        assertEquals("evil.duckdns.org", a.registeredDomain("x1.evil.duckdns.org"));
        assertEquals("evil-tunnel.net", a.registeredDomain("a=b+c/.1.t.evil-tunnel.net"));
        assertEquals(null, a.registeredDomain("4.3.2.1.in-addr.arpa"));
        assertEquals(null, a.registeredDomain("fileserver.corp.local"));
        assertEquals(null, a.registeredDomain("wpad"));
    }

    @Test
    void addressesParseInEveryForm() {
        assertEquals(4, Address.parse("::ffff:10.0.0.1").length);
        assertEquals(16, Address.parse("fe80::1%eth0").length);
        assertEquals(16, Address.parse("2001:db8::8:800:200c:417a").length);
        assertEquals(null, Address.parse("10.0.0.256"));
        assertEquals(null, Address.parse("host.example"));
        assertEquals(null, Address.parse("1::2::3"));
        Networks n = Networks.of(Networks.PRIVATE);
        assertTrue(n.contains("172.31.255.255") && !n.contains("172.32.0.1") && n.contains("fd12:3456::1") && n.contains("::1"));
    }
}
