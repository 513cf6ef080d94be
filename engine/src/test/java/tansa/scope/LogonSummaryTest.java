package tansa.scope;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.event.Event;
import tansa.reader.EvidenceReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The logon summary: one row per account, host, type and source, failures in words, logoffs and 4672 through the session. */
class LogonSummaryTest {
    @TempDir
    Path dir;

    private List<LogonRow> rows(ScopeFixtures f) throws IOException {
        LogonSummary s = new LogonSummary();
        List<String> problems = new ArrayList<>();
        new EvidenceReader(1, (r, o, m) -> problems.add(m)).read(List.of(f.write(dir.resolve("e.json"))), s::accept);
        assertEquals(List.of(), problems);
        return s.rows();
    }

    private static String brief(LogonRow r) {
        return r.account() + "|" + r.host() + "|" + r.logonType() + "|" + r.source() + "|ok=" + r.successes() + "|failed=" + r.failures()
                + "|off=" + r.logoffs() + "|adm=" + r.privileged() + "|" + r.failureReasons() + "|" + r.first() + "|" + r.last();
    }

    @Test
    void summarisesThePsexecChainPerAccountHostTypeAndSource() throws IOException {
        List<String> got = rows(ScopeFixtures.psexecChain()).stream().map(LogonSummaryTest::brief).toList();
        assertEquals(List.of(
                "alice|DC01.corp.local|3|10.0.1.20|ok=1|failed=0|off=1|adm=1|{}|2024-03-01T10:02:00Z|2024-03-01T10:02:00Z",
                "alice|FS01.corp.local|3|10.0.1.10|ok=1|failed=0|off=1|adm=1|{}|2024-03-01T10:00:00Z|2024-03-01T10:00:00Z"), got);
    }

    @Test
    void decodesFailureReasonsAndCountsEachSource() throws IOException {
        ScopeFixtures f = new ScopeFixtures();
        for (int i = 0; i < 5; i++) {
            f.event("Security", 4625, "FS01.corp.local", ScopeFixtures.at("2024-03-01T09:00:00Z", i), "TargetUserName", "Administrator",
                    "TargetDomainName", "CORP", "Status", "0xc000006d", "SubStatus", "0xc000006a", "LogonType", 3,
                    "IpAddress", "::ffff:10.9.9.9", "WorkstationName", "KALI");
        }
        f.event("Security", 4625, "FS01.corp.local", "2024-03-01T09:00:09.000000Z", "TargetUserName", "administrator",
                "Status", "0xc000006d", "SubStatus", "0xc0000064", "LogonType", 3, "IpAddress", "10.9.9.9", "WorkstationName", "KALI");
        f.event("Security", 4625, "FS01.corp.local", "2024-03-01T09:00:10.000000Z", "TargetUserName", "Administrator",
                "Status", "0xc0000234", "SubStatus", "0x0", "LogonType", 3, "IpAddress", "10.9.9.9", "WorkstationName", "KALI");
        f.event("Security", 4771, "DC01.corp.local", "2024-03-01T09:01:00.000000Z", "TargetUserName", "dave", "Status", "0x18",
                "IpAddress", "::ffff:10.9.9.9");
        f.event("Security", 4768, "DC01.corp.local", "2024-03-01T09:02:00.000000Z", "TargetUserName", "dave", "TargetDomainName",
                "CORP.LOCAL", "Status", "0x0", "IpAddress", "::ffff:10.9.9.9");
        f.event("Security", 4776, "DC01.corp.local", "2024-03-01T09:03:00.000000Z", "TargetUserName", "erin", "Workstation", "KALI",
                "Status", "0xC0000072");
        f.zeek("rdp", 1709283780.0, Map.of("id.orig_h", "10.9.9.9", "id.orig_p", 4000, "id.resp_h", "10.0.1.20", "id.resp_p", 3389,
                "cookie", "Administr", "result", "User rejected"));
        f.zeek("ntlm", 1709283790.0, Map.of("id.orig_h", "10.9.9.9", "id.orig_p", 4001, "id.resp_h", "10.0.1.20", "id.resp_p", 445,
                "username", "erin", "hostname", "KALI", "domainname", "CORP", "success", false, "status", "STATUS_ACCOUNT_DISABLED"));
        List<String> got = rows(f).stream().map(LogonSummaryTest::brief).toList();
        assertEquals(List.of(
                "Administr|10.0.1.20|rdp|10.9.9.9|ok=0|failed=1|off=0|adm=0|{User rejected=1}|2024-03-01T09:03:00Z|2024-03-01T09:03:00Z",
                "Administrator|FS01.corp.local|3|10.9.9.9|ok=0|failed=7|off=0|adm=0|{wrong password (0xC000006A)=5, "
                        + "account locked out (0xC0000234)=1, user name does not exist (0xC0000064)=1}"
                        + "|2024-03-01T09:00:00Z|2024-03-01T09:00:10Z",
                "dave|DC01.corp.local|kerberos-tgt|10.9.9.9|ok=1|failed=1|off=0|adm=0|{wrong password (pre-authentication failed) (0x18)=1}"
                        + "|2024-03-01T09:01:00Z|2024-03-01T09:02:00Z",
                "erin|10.0.1.20|ntlm|10.9.9.9|ok=0|failed=1|off=0|adm=0|{STATUS_ACCOUNT_DISABLED=1}|2024-03-01T09:03:10Z|2024-03-01T09:03:10Z",
                "erin|DC01.corp.local|ntlm|KALI|ok=0|failed=1|off=0|adm=0|{account disabled (0xC0000072)=1}"
                        + "|2024-03-01T09:03:00Z|2024-03-01T09:03:00Z"), got);
        LogonRow admin = rows(f).get(1);
        assertEquals(List.of("KALI"), admin.sourceNames());
        assertEquals("Network", admin.logonTypeName());
    }

    @Test
    void rdpSessionsFromTerminalServicesLogs() throws IOException {
        ScopeFixtures f = new ScopeFixtures();
        f.event("Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational", 1149, "FS01.corp.local",
                "2024-03-01T12:00:00.000000Z", "Param1", "alice", "Param2", "CORP", "Param3", "10.0.1.10");
        f.event("Microsoft-Windows-TerminalServices-LocalSessionManager/Operational", 21, "FS01.corp.local",
                "2024-03-01T12:00:02.000000Z", "User", "CORP\\alice", "SessionID", 2, "Address", "10.0.1.10");
        f.event("Microsoft-Windows-TerminalServices-LocalSessionManager/Operational", 24, "FS01.corp.local",
                "2024-03-01T12:30:00.000000Z", "User", "CORP\\alice", "SessionID", 2, "Address", "10.0.1.10");
        List<String> got = rows(f).stream().map(LogonSummaryTest::brief).toList();
        assertEquals(List.of(
                "alice|FS01.corp.local|rdp-auth|10.0.1.10|ok=1|failed=0|off=0|adm=0|{}|2024-03-01T12:00:00Z|2024-03-01T12:00:00Z",
                "alice|FS01.corp.local|rdp-session|10.0.1.10|ok=1|failed=0|off=1|adm=0|{}|2024-03-01T12:00:02Z|2024-03-01T12:30:00Z"), got);
        assertEquals("CORP", rows(f).get(1).domain());
    }

    @Test
    void failureCodesInWords() {
        assertEquals("wrong password (0xC000006A)", FailureReasons.nt("0xC000006D", "0xC000006A"));
        assertEquals("account locked out (0xC0000234)", FailureReasons.nt("0xc0000234", "0x0"));
        assertEquals("status 0xC0001234", FailureReasons.nt("0xC0001234", null));
        assertEquals("clock skew too great (0x25)", FailureReasons.kerberos("0x25"));
        assertEquals("wrong password (pre-authentication failed) (0x18)", FailureReasons.kerberos("0x00000018"));
    }
}
