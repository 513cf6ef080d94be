package tansa.sigma;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.event.Event;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Correlation rules: every example of the correlation specification 2.1, plus window edges,
 * group-by, temporal_ordered order, out-of-order event times, chaining and generate.
 */
class CorrelationTest {
    @TempDir
    Path dir;

    private static final String FAILED_LOGIN = """
            title: Single failed login
            id: 5638f7c0-ac70-491d-8465-2a65075e0d86
            name: failed_login
            logsource:
                product: windows
                service: security
            detection:
                selection:
                    EventID:
                        - 529
                        - 4625
                condition: selection
            """;

    private static String at(int seconds) {
        return Instant.parse("2024-01-01T00:00:00Z").plusSeconds(seconds).toString();
    }

    private static Event failed(int seconds, String host, String user) {
        return Events.win("Security", 4625, at(seconds), Map.of("ComputerName", host, "User", user, "WorkstationName", "ws1"));
    }

    private List<Detection> run(String yaml, List<Event> events) {
        RuleSet rs = SigmaTestSupport.rulesFromText(dir, yaml);
        assertTrue(rs.report().failed().isEmpty(), () -> "rules failed: " + rs.report().failed());
        return SigmaTestSupport.huntEvents(rs, events);
    }

    private static List<Detection> of(List<Detection> ds, String ruleId) {
        return ds.stream().filter(d -> ruleId.equals(d.rule().id())).toList();
    }

    @Test
    void eventCountSpecExampleFiresAtTheHundredthFailedLoginInAnHour() {
        String yaml = FAILED_LOGIN + """
                ---
                title: Many failed logins
                id: 0e95725d-7320-415d-80f7-004da920fc11
                correlation:
                    type: event_count
                    rules:
                        - 5638f7c0-ac70-491d-8465-2a65075e0d86
                    group-by:
                        - ComputerName
                    timespan: 1h
                    condition:
                        gte: 100
                """;
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(failed(i * 30, "dc1", "u" + i));
        }
        List<Detection> ds = run(yaml, events);
        List<Detection> c = of(ds, "0e95725d-7320-415d-80f7-004da920fc11");
        assertEquals(1, c.size());
        Detection.Correlation corr = c.get(0).correlation();
        assertEquals(100, corr.count());
        assertEquals(Map.of("ComputerName", "dc1"), corr.groupBy());
        assertEquals(Instant.parse(at(0)), corr.windowStart());
        assertEquals(Instant.parse(at(99 * 30)), corr.windowEnd());
        assertEquals(100, corr.recordIds().size());
        // generate defaults to false: the referenced rule is not reported on its own
        assertEquals(0, of(ds, "5638f7c0-ac70-491d-8465-2a65075e0d86").size());

        assertEquals(0, of(run(yaml, events.subList(0, 99)), "0e95725d-7320-415d-80f7-004da920fc11").size());
    }

    @Test
    void eventCountWindowIncludesItsEdgeAndNeverExceedsTheTimespan() {
        String yaml = FAILED_LOGIN + """
                ---
                title: Three failures
                id: c0000000-0000-0000-0000-000000000001
                correlation:
                    type: event_count
                    rules: [failed_login]
                    group-by: [ComputerName]
                    timespan: 1h
                    condition: {gte: 3}
                """;
        String id = "c0000000-0000-0000-0000-000000000001";
        // 0, 30m, exactly 60m: inside one window (edges included)
        assertEquals(1, of(run(yaml, List.of(failed(0, "h", "a"), failed(1800, "h", "a"), failed(3600, "h", "a"))), id).size());
        // 0, 30m, 60m + 1s: the first has left the window when the third arrives
        assertEquals(0, of(run(yaml, List.of(failed(0, "h", "a"), failed(1800, "h", "a"), failed(3601, "h", "a"))), id).size());
        // 0, 50m, 100m: every pair is within 1h, but no three are (a window is one timespan long)
        assertEquals(0, of(run(yaml, List.of(failed(0, "h", "a"), failed(3000, "h", "a"), failed(6000, "h", "a"))), id).size());
    }

    @Test
    void eventCountCountsEachGroupApart() {
        String yaml = FAILED_LOGIN + """
                ---
                title: Three failures per host
                id: c0000000-0000-0000-0000-000000000002
                correlation:
                    type: event_count
                    rules: [failed_login]
                    group-by: [ComputerName]
                    timespan: 10m
                    condition: {gte: 3}
                """;
        List<Event> events = List.of(failed(0, "h1", "a"), failed(1, "h2", "a"), failed(2, "h1", "a"), failed(3, "h2", "a"),
                failed(4, "h3", "a"), failed(5, "h1", "a"));
        List<Detection> c = of(run(yaml, events), "c0000000-0000-0000-0000-000000000002");
        assertEquals(1, c.size());
        assertEquals("h1", c.get(0).correlation().groupBy().get("ComputerName"));
    }

    @Test
    void eventsArrivingOutOfTimeOrderAreCorrelatedByTheirTimestamps() {
        String yaml = FAILED_LOGIN + """
                ---
                title: Three failures
                id: c0000000-0000-0000-0000-000000000003
                correlation:
                    type: event_count
                    rules: [failed_login]
                    group-by: [ComputerName]
                    timespan: 5m
                    condition: {gte: 3}
                """;
        // Files are read one after the other: times arrive as 2h, 0s, 1h, 60s, 120s.
        List<Event> events = List.of(failed(7200, "h", "a"), failed(0, "h", "a"), failed(3600, "h", "a"), failed(60, "h", "a"),
                failed(120, "h", "a"));
        List<Detection> c = of(run(yaml, events), "c0000000-0000-0000-0000-000000000003");
        assertEquals(1, c.size());
        assertEquals(Instant.parse(at(0)), c.get(0).correlation().windowStart());
        assertEquals(Instant.parse(at(120)), c.get(0).correlation().windowEnd());
    }

    @Test
    void valueCountSpecExampleCountsDistinctUsersPerSourceAndDestination() {
        String yaml = FAILED_LOGIN + """
                ---
                title: Failed login
                id: 0e95725d-7320-415d-80f7-004da920fc12
                correlation:
                    type: value_count
                    rules:
                        - 5638f7c0-ac70-491d-8465-2a65075e0d86
                    group-by:
                        - ComputerName
                        - WorkstationName
                    timespan: 1d
                    condition:
                        field: User
                        gte: 100
                """;
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            events.add(failed(i * 60, "dc1", "user" + (i % 99))); // 99 distinct users only
        }
        assertEquals(0, of(run(yaml, events), "0e95725d-7320-415d-80f7-004da920fc12").size());
        events.add(failed(150 * 60, "dc1", "user-hundred"));
        List<Detection> c = of(run(yaml, events), "0e95725d-7320-415d-80f7-004da920fc12");
        assertEquals(1, c.size());
        assertEquals(100.0, c.get(0).correlation().value());
        assertEquals(Map.of("ComputerName", "dc1", "WorkstationName", "ws1"), c.get(0).correlation().groupBy());
    }

    private static final String RECON = """
            title: recon a
            id: a0000000-0000-0000-0000-00000000000a
            name: recon_cmd_a
            logsource: {product: windows, category: process_creation}
            detection:
                selection: {Image|endswith: '\\\\whoami.exe'}
                condition: selection
            ---
            title: recon b
            id: a0000000-0000-0000-0000-00000000000b
            name: recon_cmd_b
            logsource: {product: windows, category: process_creation}
            detection:
                selection: {Image|endswith: '\\\\net.exe'}
                condition: selection
            ---
            title: recon c
            id: a0000000-0000-0000-0000-00000000000c
            name: recon_cmd_c
            logsource: {product: windows, category: process_creation}
            detection:
                selection: {Image|endswith: '\\\\ipconfig.exe'}
                condition: selection
            """;

    private static Event proc(int seconds, String image, String user) {
        return Events.win("Microsoft-Windows-Sysmon/Operational", 1, at(seconds),
                Map.of("Image", "C:\\\\Windows\\\\System32\\\\" + image, "User", user, "ComputerName", "ws1"));
    }

    @Test
    void temporalSpecExampleNeedsAllThreeRulesOnOneHostAndUserWithinFiveMinutes() {
        String yaml = RECON + """
                ---
                title: recon burst
                id: c0000000-0000-0000-0000-000000000004
                correlation:
                    type: temporal
                    rules:
                        - recon_cmd_a
                        - recon_cmd_b
                        - recon_cmd_c
                    group-by:
                        - ComputerName
                        - User
                    timespan: 5m
                """;
        String id = "c0000000-0000-0000-0000-000000000004";
        // any order
        List<Detection> c = of(run(yaml, List.of(proc(0, "ipconfig.exe", "bob"), proc(10, "whoami.exe", "bob"),
                proc(20, "net.exe", "bob"))), id);
        assertEquals(1, c.size());
        assertEquals(List.of("recon_cmd_a", "recon_cmd_b", "recon_cmd_c"), c.get(0).correlation().rules());
        // group-by: a different user does not complete bob's set (the bug Hayabusa had)
        assertEquals(0, of(run(yaml, List.of(proc(0, "ipconfig.exe", "bob"), proc(10, "whoami.exe", "bob"),
                proc(20, "net.exe", "alice"))), id).size());
        // outside five minutes
        assertEquals(0, of(run(yaml, List.of(proc(0, "ipconfig.exe", "bob"), proc(10, "whoami.exe", "bob"),
                proc(301, "net.exe", "bob"))), id).size());
    }

    @Test
    void temporalOrderedFiresOnlyWhenTheRulesMatchInTheListedOrder() {
        String yaml = RECON + """
                ---
                title: recon in order
                id: c0000000-0000-0000-0000-000000000005
                correlation:
                    type: temporal_ordered
                    rules: [recon_cmd_a, recon_cmd_b, recon_cmd_c]
                    group-by: [User]
                    timespan: 5m
                """;
        String id = "c0000000-0000-0000-0000-000000000005";
        assertEquals(1, of(run(yaml, List.of(proc(0, "whoami.exe", "bob"), proc(10, "net.exe", "bob"),
                proc(20, "ipconfig.exe", "bob"))), id).size());
        // reversed order: no detection (the bug Hayabusa had)
        assertEquals(0, of(run(yaml, List.of(proc(0, "ipconfig.exe", "bob"), proc(10, "net.exe", "bob"),
                proc(20, "whoami.exe", "bob"))), id).size());
        // order by event time, not by arrival
        List<Event> shuffled = new ArrayList<>(List.of(proc(0, "whoami.exe", "bob"), proc(10, "net.exe", "bob"),
                proc(20, "ipconfig.exe", "bob")));
        Collections.reverse(shuffled);
        assertEquals(1, of(run(yaml, shuffled), id).size());
        // a late first step restarts the chain: a(0) b(10) a(200) c(320): a(200)..c(320) lacks b
        assertEquals(0, of(run(yaml, List.of(proc(0, "whoami.exe", "bob"), proc(10, "net.exe", "bob"),
                proc(200, "whoami.exe", "bob"), proc(320, "ipconfig.exe", "bob"))), id).size());
    }

    @Test
    void chainedSpecExampleFailedLoginsFollowedBySuccessfulLogin() {
        String yaml = """
                title: Correlation - Multiple Failed Logins Followed by Successful Login
                id: b180ead8-d58f-40b2-ae54-c8940995b9b6
                status: experimental
                correlation:
                    type: temporal_ordered
                    rules:
                        - multiple_failed_login
                        - successful_login
                    group-by:
                        - User
                    timespan: 10m
                level: high
                ---
                title: Multiple failed logons
                id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
                name: multiple_failed_login
                correlation:
                    type: event_count
                    rules:
                        - failed_login
                    group-by:
                        - User
                    timespan: 10m
                    condition:
                        gte: 10
                ---
                title: Single failed login
                id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
                name: failed_login
                logsource:
                    product: windows
                    service: security
                detection:
                    selection:
                        EventID:
                            - 529
                            - 4625
                    condition: selection
                ---
                title: Successful login
                id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
                name: successful_login
                logsource:
                    product: windows
                    service: security
                detection:
                    selection:
                        EventID:
                            - 528
                            - 4624
                    condition: selection
                """;
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(failed(i * 10, "dc1", "bob"));
        }
        events.add(Events.win("Security", 4624, at(200), Map.of("User", "bob")));
        List<Detection> ds = run(yaml, events);
        List<Detection> c = of(ds, "b180ead8-d58f-40b2-ae54-c8940995b9b6");
        assertEquals(1, c.size());
        assertEquals(11, c.get(0).correlation().recordIds().size());
        assertEquals("high", c.get(0).rule().level());
        // only the outermost correlation is reported
        assertEquals(1, ds.size());
        // success before the failures: nothing
        List<Event> early = new ArrayList<>();
        early.add(Events.win("Security", 4624, at(0), Map.of("User", "bob")));
        for (int i = 0; i < 10; i++) {
            early.add(failed(10 + i * 10, "dc1", "bob"));
        }
        assertEquals(0, run(yaml, early).size());
    }

    private static final String WEB = """
            title: website access
            id: d0000000-0000-0000-0000-000000000001
            name: website_access
            logsource: {category: proxy}
            detection:
                selection: {action: upload}
                condition: selection
            """;

    private static Event upload(int seconds, String ip, String user, long bytes) {
        return Events.flat(at(seconds), Map.of("action", "upload", "SourceIP", ip, "User", user, "bytes_sent", bytes,
                "BytesOut", bytes, "image", "img" + bytes % 7));
    }

    @Test
    void valueSumSpecExampleFiresWhenAnHourOfUploadsExceedsAMegabyte() {
        String yaml = WEB + """
                ---
                title: Possible Exfiltration to Website
                id: c0000000-0000-0000-0000-000000000006
                correlation:
                    type: value_sum
                    rules:
                        - website_access
                    group-by:
                        - SourceIP
                        - User
                    timespan: 1h
                    condition:
                        field: bytes_sent
                        gt: 1000000
                """;
        String id = "c0000000-0000-0000-0000-000000000006";
        assertEquals(0, of(run(yaml, List.of(upload(0, "10.0.0.1", "bob", 500_000), upload(60, "10.0.0.1", "bob", 500_000))), id)
                .size());
        List<Detection> c = of(run(yaml, List.of(upload(0, "10.0.0.1", "bob", 500_000), upload(60, "10.0.0.1", "bob", 500_001))), id);
        assertEquals(1, c.size());
        assertEquals(1_000_001.0, c.get(0).correlation().value());
    }

    @Test
    void valueAvgSpecExampleJudgesTheWholeWindow() {
        String yaml = WEB + """
                ---
                title: Suspicious average network traffic
                id: c0000000-0000-0000-0000-000000000007
                correlation:
                    type: value_avg
                    rules:
                        - website_access
                    group-by:
                        - SourceIP
                        - User
                    timespan: 24h
                    condition:
                        field: BytesOut
                        gt: 500
                """;
        String id = "c0000000-0000-0000-0000-000000000007";
        assertEquals(0, of(run(yaml, List.of(upload(0, "ip", "u", 400), upload(60, "ip", "u", 600))), id).size());
        List<Detection> c = of(run(yaml, List.of(upload(0, "ip", "u", 400), upload(60, "ip", "u", 700))), id);
        assertEquals(1, c.size());
        assertEquals(550.0, c.get(0).correlation().value());
    }

    @Test
    void valuePercentileSpecExampleReportsRareValues() {
        String yaml = WEB + """
                ---
                title: rare process name
                id: c0000000-0000-0000-0000-000000000008
                correlation:
                    type: value_percentile
                    rules:
                        - website_access
                    group-by:
                        - SourceIP
                    timespan: 24h
                    condition:
                        field: image
                        lte: 1
                """;
        String id = "c0000000-0000-0000-0000-000000000008";
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(Events.flat(at(i), Map.of("action", "upload", "SourceIP", "ip", "image", "common.exe")));
        }
        events.add(Events.flat(at(300), Map.of("action", "upload", "SourceIP", "ip", "image", "rare.exe")));
        List<Detection> c = of(run(yaml, events), id);
        assertEquals(1, c.size());
        assertEquals(1, c.get(0).correlation().count());
        assertTrue(c.get(0).correlation().value() <= 1.0);
    }

    @Test
    void aliasesSpecExampleGroupsDifferentFieldsOfDifferentRules() {
        String yaml = """
                title: internal error
                id: e0000000-0000-0000-0000-000000000001
                name: internal_error
                logsource: {category: webserver}
                detection:
                    selection:
                        http.response.status_code: 500
                    condition: selection
                ---
                title: new network connection
                id: e0000000-0000-0000-0000-000000000002
                name: new_network_connection
                logsource: {category: network_connection}
                detection:
                    selection:
                        event.category: network
                        event.type: connection
                        event.outcome: success
                    condition: selection
                ---
                title: error then connection back
                id: c0000000-0000-0000-0000-000000000009
                correlation:
                    type: temporal
                    rules:
                        - internal_error
                        - new_network_connection
                    group-by:
                        - internal_ip
                        - remote_ip
                    timespan: 10s
                    aliases:
                        internal_ip:
                            internal_error: destination.ip
                            new_network_connection: source.ip
                        remote_ip:
                            internal_error: source.ip
                            new_network_connection: destination.ip
                """;
        String id = "c0000000-0000-0000-0000-000000000009";
        Event err = Events.flat(at(0), Map.of("http", Map.of("response", Map.of("status_code", 500)),
                "destination", Map.of("ip", "10.0.0.5"), "source", Map.of("ip", "203.0.113.9")));
        Event conn = Events.flat(at(5), Map.of("event", Map.of("category", "network", "type", "connection", "outcome", "success"),
                "source", Map.of("ip", "10.0.0.5"), "destination", Map.of("ip", "203.0.113.9")));
        List<Detection> c = of(run(yaml, List.of(err, conn)), id);
        assertEquals(1, c.size());
        assertEquals(Map.of("internal_ip", "10.0.0.5", "remote_ip", "203.0.113.9"), c.get(0).correlation().groupBy());
        Event other = Events.flat(at(5), Map.of("event", Map.of("category", "network", "type", "connection", "outcome", "success"),
                "source", Map.of("ip", "10.0.0.6"), "destination", Map.of("ip", "203.0.113.9")));
        assertEquals(0, of(run(yaml, List.of(err, other)), id).size());
    }

    @Test
    void generateTrueAlsoReportsTheReferencedRules() {
        String yaml = FAILED_LOGIN + """
                ---
                title: Two failures
                id: c0000000-0000-0000-0000-00000000000a
                correlation:
                    type: event_count
                    rules: [failed_login]
                    group-by: [ComputerName]
                    timespan: 1m
                    condition: {gte: 2}
                generate: true
                """;
        List<Detection> ds = run(yaml, List.of(failed(0, "h", "a"), failed(1, "h", "a")));
        assertEquals(2, of(ds, "5638f7c0-ac70-491d-8465-2a65075e0d86").size());
        assertEquals(1, of(ds, "c0000000-0000-0000-0000-00000000000a").size());
    }

    @Test
    void upperBoundConditionJudgesCompleteWindows() {
        String yaml = FAILED_LOGIN + """
                ---
                title: Exactly two failures in ten minutes
                id: c0000000-0000-0000-0000-00000000000b
                correlation:
                    type: event_count
                    rules: [failed_login]
                    group-by: [ComputerName]
                    timespan: 10m
                    condition: {eq: 2}
                """;
        String id = "c0000000-0000-0000-0000-00000000000b";
        // three in ten minutes: the only maximal window has 3; its sub-windows do not count
        assertEquals(0, of(run(yaml, List.of(failed(0, "h", "a"), failed(60, "h", "a"), failed(120, "h", "a"))), id).size());
        List<Detection> two = of(run(yaml, List.of(failed(0, "h", "a"), failed(60, "h", "a"), failed(3600, "h", "a"))), id);
        assertEquals(1, two.size());
        assertEquals(Instant.parse(at(0)), two.get(0).correlation().windowStart());
    }

    @Test
    void correlationReferencingAnUnknownRuleIsReportedAndTheOthersLoad() {
        RuleSet rs = SigmaTestSupport.rulesFromText(dir, FAILED_LOGIN + """
                ---
                title: broken
                id: c0000000-0000-0000-0000-00000000000c
                correlation:
                    type: event_count
                    rules: [no_such_rule]
                    group-by: [ComputerName]
                    timespan: 1m
                    condition: {gte: 2}
                """);
        assertEquals(1, rs.report().failed().size());
        RuleProblem p = rs.report().failed().get(0);
        assertEquals("correlation.rules", p.path());
        assertNotNull(p.file());
        assertTrue(p.reason().contains("no_such_rule"), p.reason());
        assertEquals(1, rs.detectionRules());
    }
}
