package tansa.ioc;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IocLoaderTest {
    static final Path DIR = Path.of("src/test/resources/tansa/ioc");

    private static Map<String, Indicator> byId(IocLoad l) {
        return l.indicators().stream().collect(Collectors.toMap(Indicator::id, i -> i));
    }

    @Test
    void stixBundleLoadsIndicatorsAndReportsEachBadOneOnOneLine() {
        IocLoad l = IocLoader.load(List.of(DIR.resolve("stix-bundle.json")));
        assertEquals(7, l.indicators().size(), l.indicators().toString());
        List<String> lines = l.problems().stream().map(IocLoad.Problem::toString).toList();
        String file = DIR.resolve("stix-bundle.json").toString();
        assertEquals(List.of(
                file + ": indicator--0badbad0-0000-4000-8000-000000000001: pattern: unterminated string starting at offset 19; skipped",
                file + ": indicator--0badbad0-0000-4000-8000-000000000002: pattern: qualifier REPEATS is not supported at offset 32; skipped",
                file + ": indicator--0badbad0-0000-4000-8000-000000000003: pattern_type 'yara' is not supported (only stix); skipped"),
                lines);
        Indicator c2 = byId(l).get("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f");
        assertEquals("C2 server of the intrusion set", c2.title());
        assertEquals("high", c2.level()); // confidence 85
        assertEquals(List.of("ioc", "ioc.ip", "malicious-activity"), c2.tags());
        assertEquals("medium", byId(l).get("indicator--0b8d0c3e-7b4a-4bc4-9a7e-6f0f54d0a1a2").level()); // 40
        assertEquals("high", byId(l).get("indicator--c4a6f5b2-9d1e-4f7a-8b3c-2e5d6f7a8b9c").level()); // no confidence
    }

    @Test
    void mispEventHonoursToIdsAndDeletedAndNotesOtherTypes() {
        IocLoad l = IocLoader.load(List.of(DIR.resolve("misp-event.json")));
        Map<String, Indicator> m = byId(l);
        assertEquals(List.of("6a2b3c4d-1111-4a1b-8c2d-000000000001", "6a2b3c4d-1111-4a1b-8c2d-000000000002",
                "6a2b3c4d-1111-4a1b-8c2d-000000000003", "6a2b3c4d-1111-4a1b-8c2d-000000000004",
                "6a2b3c4d-1111-4a1b-8c2d-000000000007", "7b3c4d5e-2222-4b1c-9d2e-000000000011"),
                l.indicators().stream().map(Indicator::id).toList());
        Indicator ip = m.get("6a2b3c4d-1111-4a1b-8c2d-000000000001");
        assertEquals("IOC: 192.0.2.77", ip.title());
        assertEquals("medium", ip.level()); // threat_level_id 2
        assertTrue(ip.tags().containsAll(List.of("ioc", "ioc.ip", "tlp:amber", "kill-chain:command-and-control")), ip.tags().toString());
        assertEquals("Phishing wave delivering a loader - C2", ip.description());
        // filename|md5: the hash is the indicator
        assertEquals(Pattern.of(IocType.MD5, "5d41402abc4b2a76b9719d911017c592"), m.get("6a2b3c4d-1111-4a1b-8c2d-000000000004").pattern());
        assertEquals(Pattern.of(IocType.IP, "2001:db8:77::10"), m.get("6a2b3c4d-1111-4a1b-8c2d-000000000007").pattern());
        assertEquals(List.of(), l.problems());
        List<String> notes = l.notes().stream().map(n -> n.message()).toList();
        assertEquals(List.of("2 attributes without to_ids left out", "attributes of types not matched left out: email-src 1, regkey 1"),
                notes);
    }

    @Test
    void mispFeedReadsTheEventsItsManifestNamesAndNotHashesCsv() {
        IocLoad l = IocLoader.load(List.of(DIR.resolve("misp-feed")));
        assertEquals(List.of("9d2e3f4a-3333-4c2d-8e3f-000000000001", "9d2e3f4a-3333-4c2d-8e3f-000000000002"),
                l.indicators().stream().map(Indicator::id).toList());
        assertEquals("high", l.indicators().get(0).level()); // threat_level_id 1
        Pattern domainOrIp = l.indicators().get(1).pattern();
        assertEquals(2, domainOrIp.anyOf().size());
        assertEquals(List.of(), l.problems());
    }

    @Test
    void mispCsvExportAndTextListsLoadWithOneLinePerBadLine() {
        IocLoad csv = IocLoader.load(List.of(DIR.resolve("misp-export.csv")));
        assertEquals(List.of("6e5f4a3b-4444-4d3e-9f4a-000000000001", "6e5f4a3b-4444-4d3e-9f4a-000000000002"),
                csv.indicators().stream().map(Indicator::id).toList());
        assertEquals("exfil target", csv.indicators().get(0).title());
        assertTrue(csv.indicators().get(0).tags().contains("tlp:green"));
        assertEquals(List.of(DIR.resolve("misp-export.csv") + ": line 5: unknown type 'mutex'; skipped"),
                csv.problems().stream().map(IocLoad.Problem::toString).toList());

        IocLoad txt = IocLoader.load(List.of(DIR.resolve("blocklist.txt")));
        assertEquals(List.of("ioc:url:http://cdn-assets.example.org/a/b.hta", "ioc:ip:192.0.2.0/28", "ioc:domain:evil-updates.example",
                "ioc:sha256:345aa903ea1ae6852b886a15482c9fb85265a2402978ea54f64fd04bb0055819", "ioc:filename:psexesvc-x.exe"),
                txt.indicators().stream().map(Indicator::id).toList());
        assertEquals(List.of(DIR.resolve("blocklist.txt") + ": line 7: cannot tell what 'this is not an indicator' is "
                + "(not an address, hash, URL, domain or file name); skipped"),
                txt.problems().stream().map(IocLoad.Problem::toString).toList());
    }

    @Test
    void csvWithoutHeaderTakesTypeFromEitherColumnOrInfersIt() {
        IocLoad l = IocLoader.parse("list.csv", "198.51.100.7,ip-dst\nurl,http://x.example/a\nsub.example.org,\n");
        assertEquals(List.of(Pattern.of(IocType.IP, "198.51.100.7"), Pattern.of(IocType.URL, "http://x.example/a"),
                Pattern.of(IocType.DOMAIN, "sub.example.org")), l.indicators().stream().map(Indicator::pattern).toList());
        IocLoad bad = IocLoader.parse("x.json", "{\"objects\": [");
        assertEquals(1, bad.problems().size());
        assertTrue(bad.problems().get(0).toString().startsWith("x.json: not valid JSON: "), bad.problems().toString());
        IocLoad other = IocLoader.parse("y.json", "{\"hello\": 1}");
        assertEquals("y.json: neither a STIX bundle nor a MISP event (no \"objects\" or \"Event\"); skipped",
                other.problems().get(0).toString());
    }
}
