package tansa.sigma;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.event.Event;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each value modifier of the Sigma 2.1 modifiers appendix, wildcards, escapes, null and keywords. */
class ModifiersTest {
    @TempDir
    Path dir;

    private boolean matches(String selection, Map<String, ?> event) {
        return matches(selection, "selection", event);
    }

    private boolean matches(String detection, String condition, Map<String, ?> event) {
        String yaml = "title: t\nid: 99999999-0000-0000-0000-000000000001\nlogsource: {product: test}\ndetection:\n"
                + (detection.startsWith("    ") ? detection : "    selection:\n" + detection.indent(8))
                + "    condition: " + condition + "\n";
        RuleSet rs = SigmaTestSupport.rulesFromText(dir, yaml);
        assertTrue(rs.report().failed().isEmpty(), () -> rs.report().failed() + "\n" + yaml);
        Event e = Events.flat("2024-05-06T07:08:09Z", event);
        return !SigmaTestSupport.huntEvents(rs, List.of(e)).isEmpty();
    }

    private String failure(String selection) {
        String yaml = "title: t\nid: 99999999-0000-0000-0000-000000000002\nlogsource: {product: test}\ndetection:\n"
                + "    selection:\n" + selection.indent(8) + "    condition: selection\n";
        RuleSet rs = SigmaTestSupport.rulesFromText(dir, yaml);
        assertEquals(1, rs.report().failed().size(), yaml);
        RuleProblem p = rs.report().failed().get(0);
        return p.path() + ": " + p.reason();
    }

    @Test
    void plainValuesMatchWholeValueCaseInsensitively() {
        assertTrue(matches("Image: 'C:\\Windows\\cmd.exe'", Map.of("Image", "c:\\windows\\CMD.EXE")));
        assertFalse(matches("Image: 'cmd.exe'", Map.of("Image", "c:\\windows\\cmd.exe")));
    }

    @Test
    void wildcardsAndEscapes() {
        assertTrue(matches("Image: '*\\cmd.exe'", Map.of("Image", "C:\\x\\cmd.exe")));
        assertTrue(matches("Image: 'c?d.exe'", Map.of("Image", "cmd.exe")));
        assertFalse(matches("Image: 'c\\?d.exe'", Map.of("Image", "cmd.exe")));
        assertTrue(matches("Image: 'c\\?d.exe'", Map.of("Image", "c?d.exe")));
        assertTrue(matches("Image: 'a\\*'", Map.of("Image", "a*")));
        assertFalse(matches("Image: 'a\\*'", Map.of("Image", "ab")));
        // \\* is a backslash then a wildcard; \\\* a backslash and a star
        assertTrue(matches("Image: 'a\\\\*'", Map.of("Image", "a\\bcd")));
        assertTrue(matches("Image: 'a\\\\\\*'", Map.of("Image", "a\\*")));
        assertFalse(matches("Image: 'a\\\\\\*'", Map.of("Image", "a\\b")));
    }

    @Test
    void containsStartswithEndswithAndAll() {
        assertTrue(matches("CommandLine|contains: ' -enc '", Map.of("CommandLine", "powershell -ENC abc")));
        assertTrue(matches("CommandLine|startswith: 'power'", Map.of("CommandLine", "PowerShell -x")));
        assertTrue(matches("CommandLine|endswith: '-x'", Map.of("CommandLine", "PowerShell -x")));
        assertTrue(matches("CommandLine|contains|all: ['-a', '-b']", Map.of("CommandLine", "x -b -a")));
        assertFalse(matches("CommandLine|contains|all: ['-a', '-b']", Map.of("CommandLine", "x -a")));
        assertTrue(matches("CommandLine|contains: ['-a', '-b']", Map.of("CommandLine", "x -a")));
    }

    @Test
    void casedMatchesCaseSensitively() {
        assertTrue(matches("CommandLine|cased: 'AbC'", Map.of("CommandLine", "AbC")));
        assertFalse(matches("CommandLine|cased: 'AbC'", Map.of("CommandLine", "abc")));
        assertFalse(matches("CommandLine|contains|cased: 'B'", Map.of("CommandLine", "abc")));
    }

    @Test
    void windashMatchesEveryDashVariant() {
        for (String dash : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
            assertTrue(matches("CommandLine|windash|contains: ' -exec '", Map.of("CommandLine", "x " + dash + "exec bypass")), dash);
        }
        assertFalse(matches("CommandLine|windash|contains: ' -exec '", Map.of("CommandLine", "x +exec")));
    }

    @Test
    void regexWithFlags() {
        assertTrue(matches("CommandLine|re: 'a.c'", Map.of("CommandLine", "xxabcxx")));
        assertFalse(matches("CommandLine|re: 'A.C'", Map.of("CommandLine", "abc")));
        assertTrue(matches("CommandLine|re|i: 'A.C'", Map.of("CommandLine", "abc")));
        assertFalse(matches("CommandLine|re: '^b$'", Map.of("CommandLine", "a\nb\nc")));
        assertTrue(matches("CommandLine|re|m: '^b$'", Map.of("CommandLine", "a\nb\nc")));
        assertFalse(matches("CommandLine|re: 'a.b'", Map.of("CommandLine", "a\nb")));
        assertTrue(matches("CommandLine|re|s: 'a.b'", Map.of("CommandLine", "a\nb")));
    }

    @Test
    void caseInsensitiveTestsFoldAsTheRegexEngineDoes() {
        // ſ (long s), ı (dotless i) and the Kelvin sign equal s, i and k in a case-insensitive
        // regex; the literals a regex needs are looked for in text folded the same way.
        assertTrue(matches("CommandLine|re|i: 'powershell.*-enc'", Map.of("CommandLine", "POWERſHELL -enc x")));
        assertTrue(matches("CommandLine|re: '(?i)invoke-mimikatz'", Map.of("CommandLine", "ınvoke-mimi\u212Aatz")));
        // and so do the other case-insensitive tests, unless cased
        assertTrue(matches("CommandLine|contains: 'powershell'", Map.of("CommandLine", "POWERſHELL")));
        assertFalse(matches("CommandLine|contains|cased: 'powershell'", Map.of("CommandLine", "powerſhell")));
    }

    @Test
    void catastrophicRegexFinishesQuickly() {
        String input = "a".repeat(50_000) + "!";
        long t0 = System.nanoTime();
        assertFalse(matches("CommandLine|re: '(a+)+$x'", Map.of("CommandLine", input)));
        assertFalse(matches("CommandLine|re: '(a|aa)*b'", Map.of("CommandLine", input)));
        String shortInput = "a".repeat(2000) + "!";
        assertFalse(matches("CommandLine|re: '(a|aa)*b'", Map.of("CommandLine", shortInput)));
        assertFalse(matches("CommandLine|re: '(a*)*c'", Map.of("CommandLine", shortInput)));
        assertTrue((System.nanoTime() - t0) / 1e9 < 5, "regex evaluation is bounded");
    }

    @Test
    void unsupportedRegexIsARuleFailureWithItsPath() {
        assertTrue(failure("CommandLine|re: '(?<=a)b'").startsWith("detection.selection.CommandLine|re: "));
        assertTrue(failure("CommandLine|re: '(a)\\1'").startsWith("detection.selection.CommandLine|re: "));
    }

    @Test
    void base64AndBase64offset() {
        // "ping" in base64 is cGluZw==
        assertTrue(matches("CommandLine|base64: 'ping'", Map.of("CommandLine", "cGluZw==")));
        // base64offset finds the value at any of the three alignments inside a longer blob
        for (String prefix : List.of("", "x", "xy")) {
            String blob = java.util.Base64.getEncoder().encodeToString((prefix + "Invoke-Mimikatz and more").getBytes());
            assertTrue(matches("CommandLine|base64offset|contains: 'Invoke-Mimikatz'", Map.of("CommandLine", blob)), prefix);
        }
    }

    @Test
    void utf16EncodingsBeforeBase64() {
        String le = java.util.Base64.getEncoder().encodeToString("xxcmd /c".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        assertTrue(matches("CommandLine|wide|base64offset|contains: 'cmd'", Map.of("CommandLine", le)));
        assertTrue(matches("CommandLine|utf16le|base64offset|contains: 'cmd'", Map.of("CommandLine", le)));
        String be = java.util.Base64.getEncoder().encodeToString("cmd".getBytes(java.nio.charset.StandardCharsets.UTF_16BE));
        assertTrue(matches("CommandLine|utf16be|base64: 'cmd'", Map.of("CommandLine", be)));
        byte[] bom = new byte[] {(byte) 0xFF, (byte) 0xFE, 'c', 0, 'm', 0, 'd', 0};
        assertTrue(matches("CommandLine|utf16|base64: 'cmd'", Map.of("CommandLine", java.util.Base64.getEncoder().encodeToString(bom))));
    }

    @Test
    void cidrMatchesIpv4AndIpv6Networks() {
        assertTrue(matches("DestinationIp|cidr: '10.0.0.0/8'", Map.of("DestinationIp", "10.1.2.3")));
        assertFalse(matches("DestinationIp|cidr: '10.0.0.0/8'", Map.of("DestinationIp", "11.1.2.3")));
        assertTrue(matches("DestinationIp|cidr: '192.168.1.0/23'", Map.of("DestinationIp", "192.168.0.7")));
        assertTrue(matches("DestinationIp|cidr: 'fe80::/10'", Map.of("DestinationIp", "fe80::1")));
        assertFalse(matches("DestinationIp|cidr: 'fe80::/10'", Map.of("DestinationIp", "2001:db8::1")));
        assertTrue(failure("DestinationIp|cidr: '10.0.0.0/33'").contains("is not a CIDR network"));
    }

    @Test
    void cidrListsMatchAnyOfTheirNetworks() {
        String privateRanges = "IpAddress|cidr: ['::1/128', '10.0.0.0/8', '127.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16',"
                + " 'fc00::/7', 'fe80::/10']";
        assertTrue(matches(privateRanges, Map.of("IpAddress", "172.31.255.1")));
        assertFalse(matches(privateRanges, Map.of("IpAddress", "172.32.0.1")));
        assertTrue(matches(privateRanges, Map.of("IpAddress", "::ffff:192.168.4.4")));
        assertTrue(matches(privateRanges, Map.of("IpAddress", "::1")));
        assertTrue(matches(privateRanges, Map.of("IpAddress", "fd12::7")));
        assertFalse(matches(privateRanges, Map.of("IpAddress", "2001:db8::1")));
        assertFalse(matches(privateRanges, Map.of("IpAddress", "-")));
        assertFalse(matches("IpAddress|cidr|neq: ['10.0.0.0/8', 'fe80::/10']", Map.of("IpAddress", "10.9.9.9")));
        assertTrue(matches("IpAddress|cidr|neq: ['10.0.0.0/8', 'fe80::/10']", Map.of("IpAddress", "8.8.8.8")));
    }

    @Test
    void longContainsListsMatchAnyValueInAnyCase() {
        StringBuilder list = new StringBuilder("ScriptBlockText|contains: [");
        for (int i = 0; i < 40; i++) {
            list.append(i == 0 ? "" : ", ").append("'Invoke-Thing").append(i).append("'");
        }
        String rule = list.append(", 'Get-*Secret', 'X']").toString(); // a glob and a one-letter value stay apart
        assertTrue(matches(rule, Map.of("ScriptBlockText", "$a = 1; INVOKE-THING17 -Force")));
        assertTrue(matches(rule, Map.of("ScriptBlockText", "get-my-secret")));
        assertTrue(matches(rule, Map.of("ScriptBlockText", "x")));
        assertFalse(matches(rule, Map.of("ScriptBlockText", "Invoke-Thing -Force; Get-Value")));
        String neq = rule.replace("|contains:", "|contains|neq:");
        assertFalse(matches(neq, Map.of("ScriptBlockText", "invoke-thing39")));
        assertTrue(matches(neq, Map.of("ScriptBlockText", "invoke-thing")));
    }

    @Test
    void numericComparisons() {
        assertTrue(matches("Port|gt: 1000", Map.of("Port", 1024)));
        assertTrue(matches("Port|gte: 1024", Map.of("Port", "1024")));
        assertFalse(matches("Port|lt: 1024", Map.of("Port", 1024)));
        assertTrue(matches("Port|lte: 1024", Map.of("Port", 1024)));
        assertFalse(matches("Port|gt: 1000", Map.of("Port", "high")));
        assertTrue(failure("Port|gt: 'abc'").contains("needs a number"));
    }

    @Test
    void neqExistsAndNull() {
        assertTrue(matches("User|neq: 'SYSTEM'", Map.of("User", "bob")));
        assertFalse(matches("User|neq: ['SYSTEM', 'bob']", Map.of("User", "bob")));
        assertTrue(matches("User|exists: true", Map.of("User", "")));
        assertFalse(matches("User|exists: true", Map.of("Other", "x")));
        assertTrue(matches("User|exists: false", Map.of("Other", "x")));
        assertTrue(matches("User: null", Map.of("Other", "x")));
        assertFalse(matches("User: null", Map.of("User", "")));
        assertTrue(matches("User: ''", Map.of("User", "")));
        assertTrue(failure("User: ['', null]").contains("null cannot be part of a value list"));
    }

    @Test
    void fieldrefComparesTwoFieldsOfTheEvent() {
        assertTrue(matches("TargetUser|fieldref: SubjectUser", Map.of("TargetUser", "Bob", "SubjectUser", "bob")));
        assertFalse(matches("TargetUser|fieldref: SubjectUser", Map.of("TargetUser", "bob", "SubjectUser", "alice")));
        assertTrue(matches("Path|fieldref|endswith: Name", Map.of("Path", "c:\\x\\a.exe", "Name", "a.exe")));
        assertTrue(matches("TargetUser|fieldref|neq: SubjectUser", Map.of("TargetUser", "bob", "SubjectUser", "alice")));
    }

    @Test
    void timePartsReadTimestampFields() {
        Map<String, ?> e = Map.of("UtcTime", "2024-05-06 07:08:09.123");
        assertTrue(matches("UtcTime|hour: 7", e));
        assertTrue(matches("UtcTime|minute: 8", e));
        assertTrue(matches("UtcTime|day: 6", e));
        assertTrue(matches("UtcTime|month: 5", e));
        assertTrue(matches("UtcTime|year: 2024", e));
        assertTrue(matches("UtcTime|week: 19", e));
        assertTrue(matches("UtcTime|hour|lt: 8", e));
        assertFalse(matches("UtcTime|hour|gte: 20", e));
    }

    @Test
    void keywordsSearchEveryFieldAndAllLinksThemWithAnd() {
        String kw = "    keywords:\n        - 'mimikatz'\n        - 'sekurlsa'\n";
        assertTrue(matches(kw, "keywords", Map.of("a", "run MIMIKATZ now")));
        assertFalse(matches(kw, "keywords", Map.of("a", "nothing")));
        String all = "    keywords:\n        '|all':\n            - 'foo'\n            - 'bar'\n";
        assertTrue(matches(all, "keywords", Map.of("a", "foo", "b", "xbarx")));
        assertFalse(matches(all, "keywords", Map.of("a", "foo")));
    }

    @Test
    void conditionGrammar() {
        String d = "    sel_a:\n        A: 1\n    sel_b:\n        B: 1\n    filter:\n        C: 1\n";
        Map<String, ?> ab = Map.of("A", 1, "B", 1);
        assertTrue(matches(d, "all of sel_* and not filter", ab));
        assertFalse(matches(d, "all of sel_* and not filter", Map.of("A", 1, "B", 1, "C", 1)));
        assertTrue(matches(d, "1 of sel_*", Map.of("B", 1)));
        assertFalse(matches(d, "all of them", ab));
        assertTrue(matches(d, "1 of them", Map.of("C", 1)));
        assertTrue(matches(d, "not (sel_a or sel_b) or filter", Map.of("C", 1)));
        assertTrue(matches(d, "sel_a and sel_b or filter", Map.of("C", 1)), "and binds tighter than or");
        assertTrue(matches(d, "not sel_a and sel_b", Map.of("B", 1)), "not binds tighter than and");
    }

    @Test
    void listOfMapsIsAnOr() {
        String d = "    selection:\n        - A: 1\n          B: 2\n        - C: 3\n";
        assertTrue(matches(d, "selection", Map.of("C", 3)));
        assertTrue(matches(d, "selection", Map.of("A", 1, "B", 2)));
        assertFalse(matches(d, "selection", Map.of("A", 1)));
    }

    @Test
    void unknownModifierAndBadConditionAreRuleFailures() {
        assertEquals("detection.selection.A|bogus: unknown modifier 'bogus'", failure("A|bogus: 1"));
        String yaml = "title: t\nlogsource: {product: test}\ndetection:\n    selection:\n        A: 1\n    condition: selection and nope\n";
        RuleSet rs = SigmaTestSupport.rulesFromText(dir, yaml);
        assertTrue(rs.report().failed().get(0).reason().contains("'nope'"));
        assertEquals("detection.condition", rs.report().failed().get(0).path());
    }

    @Test
    void expandUsesPlaceholderValuesFromTheMapping() throws Exception {
        Path mapping = dir.resolve("mapping.yml");
        java.nio.file.Files.writeString(mapping, "placeholders:\n  Admins: ['adm_*', 'root']\nsources: []\n");
        Path rule = dir.resolve("r.yml");
        java.nio.file.Files.writeString(rule, "title: t\nid: 99999999-0000-0000-0000-000000000003\nlogsource: {product: test}\n"
                + "detection:\n    selection:\n        User|expand: '%Admins%'\n    condition: selection\n");
        RuleSet rs = RuleSet.load(List.of(rule), tansa.sigma.logsource.LogSourceMapping.load(mapping), null);
        assertTrue(rs.report().failed().isEmpty() && rs.report().inactive().isEmpty());
        assertEquals(1, SigmaTestSupport.huntEvents(rs, List.of(Events.flat("2024-01-01T00:00:00Z", Map.of("User", "adm_bob")))).size());
        RuleSet unset = RuleSet.load(List.of(rule), tansa.sigma.logsource.LogSourceMapping.defaults(), null);
        assertEquals(1, unset.report().inactive().size());
        assertTrue(unset.report().inactive().get(0).reason().contains("%Admins%"));
    }

    @Test
    void filterSuppressesTheRulesItNames() {
        String yaml = """
                title: rar
                id: 6f3e2987-db24-4c78-a860-b4f4095a7095
                logsource: {category: process_creation, product: windows}
                detection:
                    selection: {Image|endswith: '\\\\rar.exe'}
                    condition: selection
                ---
                title: Filter Administrator account
                logsource: {category: process_creation, product: windows}
                filter:
                    rules:
                        - 6f3e2987-db24-4c78-a860-b4f4095a7095
                    selection:
                        User|startswith: 'adm_'
                    condition: selection
                """;
        RuleSet rs = SigmaTestSupport.rulesFromText(dir, yaml);
        assertTrue(rs.report().failed().isEmpty(), rs.report().failed().toString());
        Event admin = Events.win("Microsoft-Windows-Sysmon/Operational", 1, "2024-01-01T00:00:00Z",
                Map.of("Image", "C:\\rar.exe", "User", "adm_x"));
        Event user = Events.win("Microsoft-Windows-Sysmon/Operational", 1, "2024-01-01T00:00:00Z",
                Map.of("Image", "C:\\rar.exe", "User", "bob"));
        assertEquals(1, SigmaTestSupport.huntEvents(rs, List.of(admin, user)).size());
    }

    @Test
    void processCreationFromSecurity4688ReadsRenamedFields() {
        String yaml = """
                title: cmd
                id: 99999999-0000-0000-0000-000000000004
                logsource: {category: process_creation, product: windows}
                detection:
                    selection:
                        Image|endswith: '\\\\cmd.exe'
                        ParentImage|endswith: '\\\\explorer.exe'
                    condition: selection
                """;
        RuleSet rs = SigmaTestSupport.rulesFromText(dir, yaml);
        Event sec = Events.win("Security", 4688, "2024-01-01T00:00:00Z",
                Map.of("NewProcessName", "C:\\Windows\\cmd.exe", "ParentProcessName", "C:\\Windows\\explorer.exe"));
        Event sysmon = Events.win("Microsoft-Windows-Sysmon/Operational", 1, "2024-01-01T00:00:00Z",
                Map.of("Image", "C:\\Windows\\cmd.exe", "ParentImage", "C:\\Windows\\explorer.exe"));
        Event otherChannel = Events.win("Application", 1, "2024-01-01T00:00:00Z",
                Map.of("Image", "C:\\Windows\\cmd.exe", "ParentImage", "C:\\Windows\\explorer.exe"));
        List<Detection> ds = SigmaTestSupport.huntEvents(rs, List.of(sec, sysmon, otherChannel));
        assertEquals(2, ds.size());
        assertTrue(ds.get(0).fields().containsKey("NewProcessName"), ds.get(0).fields().toString());
    }
}
