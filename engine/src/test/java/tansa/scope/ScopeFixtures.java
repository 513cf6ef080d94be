package tansa.scope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evidence for the scoping tests, in the reference JSON shape tansa reads ({@code {"Event":
 * {"System": ..., "EventData": ...}}}, one object per line), written by the tests themselves:
 * a PsExec chain across three hosts (WS01 to FS01 to DC01) and clean background that must raise
 * nothing.
 */
public final class ScopeFixtures {
    private final List<String> lines = new ArrayList<>();
    private long record = 1000;

    /** One Windows event; {@code data} alternates names and values (String, Integer, Boolean). */
    public ScopeFixtures event(String channel, int id, String computer, String time, Object... data) {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"").append(provider(channel)).append("\"}},")
                .append("\"EventID\":").append(id).append(",\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"").append(time)
                .append("\"}},\"EventRecordID\":").append(record++).append(",\"Channel\":\"").append(channel)
                .append("\",\"Computer\":\"").append(computer).append("\"},\"EventData\":{");
        for (int i = 0; i < data.length; i += 2) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(data[i]).append("\":").append(value(data[i + 1]));
        }
        lines.add(b.append("}}}").toString());
        return this;
    }

    /** One Zeek JSON record of log {@code path}. */
    public ScopeFixtures zeek(String path, double ts, Map<String, Object> fields) {
        StringBuilder b = new StringBuilder("{\"_path\":\"" + path + "\",\"ts\":" + ts + ",\"uid\":\"C" + (record++) + "\"");
        fields.forEach((k, v) -> b.append(",\"").append(k).append("\":").append(value(v)));
        lines.add(b.append('}').toString());
        return this;
    }

    private static String provider(String channel) {
        switch (channel) {
            case "Security": return "Microsoft-Windows-Security-Auditing";
            case "System": return "Service Control Manager";
            default: return channel.replace("/Operational", "");
        }
    }

    private static String value(Object v) {
        if (v instanceof String) {
            return "\"" + ((String) v).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return String.valueOf(v);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public Path write(Path file) throws IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    static String at(String base, int seconds) {
        return Instant.parse(base).plusSeconds(seconds).toString().replace("Z", ".000000Z");
    }

    /**
     * The PsExec chain: alice's credentials go from WS01 (10.0.1.10) to FS01 (10.0.1.20) with
     * PsExec (network logon, ADMIN$ write of PSEXESVC.exe, its pipes, the service install in
     * Security 4697 and System 7045, the processes it starts), and from FS01 on to DC01
     * (10.0.1.30) the same way; Sysmon 3 on each host shows its own address (outbound on WS01 and FS01,
     * inbound on DC01).
     */
    public static ScopeFixtures psexecChain() {
        ScopeFixtures f = new ScopeFixtures();
        String t = "2024-03-01T10:00:00Z";
        f.event("Microsoft-Windows-Sysmon/Operational", 3, "WS01.corp.local", at(t, -2), "Image", "C:\\Tools\\PsExec64.exe",
                "User", "CORP\\alice", "Protocol", "tcp", "Initiated", true, "SourceIp", "10.0.1.10", "SourceHostname", "WS01.corp.local",
                "SourcePort", 50110, "DestinationIp", "10.0.1.20", "DestinationHostname", "-", "DestinationPort", 445);
        hop(f, "FS01.corp.local", "10.0.1.10", "0x51a01", at(t, 0));
        f.event("Microsoft-Windows-Sysmon/Operational", 3, "FS01.corp.local", at(t, 118), "Image", "C:\\Windows\\PSEXESVC.exe",
                "User", "CORP\\alice", "Protocol", "tcp", "Initiated", true, "SourceIp", "10.0.1.20", "SourceHostname", "FS01.corp.local",
                "SourcePort", 50120, "DestinationIp", "10.0.1.30", "DestinationHostname", "DC01.corp.local", "DestinationPort", 445);
        f.event("Microsoft-Windows-Sysmon/Operational", 3, "DC01.corp.local", at(t, 119), "Image", "System", "User", "NT AUTHORITY\\SYSTEM",
                "Protocol", "tcp", "Initiated", false, "SourceIp", "10.0.1.20", "SourceHostname", "-", "SourcePort", 50120,
                "DestinationIp", "10.0.1.30", "DestinationHostname", "DC01.corp.local", "DestinationPort", 445);
        hop(f, "DC01.corp.local", "10.0.1.20", "0x7c302", at(t, 120));
        return f;
    }

    private static void hop(ScopeFixtures f, String target, String from, String logonId, String time) {
        f.event("Security", 4624, target, time, "TargetUserName", "alice", "TargetDomainName", "CORP", "TargetLogonId", logonId,
                "LogonType", 3, "LogonProcessName", "NtLmSsp", "AuthenticationPackageName", "NTLM", "WorkstationName", "-",
                "IpAddress", from, "IpPort", "50110");
        f.event("Security", 4672, target, time, "SubjectUserName", "alice", "SubjectDomainName", "CORP", "SubjectLogonId", logonId,
                "PrivilegeList", "SeDebugPrivilege");
        f.event("Security", 5140, target, time, "SubjectUserName", "alice", "SubjectLogonId", logonId, "IpAddress", from,
                "ShareName", "\\\\*\\ADMIN$");
        f.event("Security", 5145, target, time, "SubjectUserName", "alice", "SubjectLogonId", logonId, "IpAddress", from,
                "ShareName", "\\\\*\\ADMIN$", "RelativeTargetName", "PSEXESVC.exe");
        f.event("Security", 4697, target, time, "SubjectUserName", "alice", "SubjectLogonId", logonId, "ServiceName", "PSEXESVC",
                "ServiceFileName", "%SystemRoot%\\PSEXESVC.exe", "ServiceType", "0x10", "ServiceStartType", 3);
        f.event("System", 7045, target, time, "ServiceName", "PSEXESVC", "ImagePath", "%SystemRoot%\\PSEXESVC.exe",
                "ServiceType", "user mode service", "StartType", "demand start", "AccountName", "LocalSystem");
        f.event("Security", 5145, target, time, "SubjectUserName", "alice", "SubjectLogonId", logonId, "IpAddress", from,
                "ShareName", "\\\\*\\IPC$", "RelativeTargetName", "PSEXESVC-WS01-4242-stdin");
        f.event("Security", 4688, target, time, "SubjectUserName", target.substring(0, 4) + "$", "SubjectLogonId", "0x3e7",
                "NewProcessName", "C:\\Windows\\System32\\cmd.exe", "ParentProcessName", "C:\\Windows\\PSEXESVC.exe",
                "TargetLogonId", "0x0");
        f.event("Security", 4634, target, time, "TargetUserName", "alice", "TargetLogonId", logonId, "LogonType", 3);
    }

    /**
     * A normal day on the same three hosts: console and service logons, logons from the host to
     * itself, a driver installed locally an hour after alice left, GPO reads of SYSVOL, explicit
     * credentials for a local task, connections to the internet, WMI used locally by monitoring.
     */
    public static ScopeFixtures background() {
        ScopeFixtures f = new ScopeFixtures();
        String t = "2024-03-01T08:00:00Z";
        for (int i = 0; i < 50; i++) {
            String host = i % 3 == 0 ? "WS01.corp.local" : i % 3 == 1 ? "FS01.corp.local" : "DC01.corp.local";
            int s = i * 60;
            f.event("Security", 4624, host, at(t, s), "TargetUserName", "SYSTEM", "TargetDomainName", "NT AUTHORITY",
                    "TargetLogonId", "0x3e7", "LogonType", 5, "IpAddress", "-", "WorkstationName", "-");
            f.event("Security", 4624, host, at(t, s + 1), "TargetUserName", "bob", "TargetDomainName", "CORP",
                    "TargetLogonId", "0x9" + i, "LogonType", 2, "IpAddress", "127.0.0.1", "WorkstationName", host.substring(0, 4));
            f.event("Security", 4624, host, at(t, s + 2), "TargetUserName", host.substring(0, 4) + "$", "TargetDomainName", "CORP",
                    "TargetLogonId", "0xa" + i, "LogonType", 3, "IpAddress", "::1", "WorkstationName", "-");
            f.event("Security", 4648, host, at(t, s + 3), "SubjectUserName", "bob", "TargetUserName", "svc_backup",
                    "TargetServerName", "localhost", "IpAddress", "-");
            f.event("Security", 5140, "DC01.corp.local", at(t, s + 4), "SubjectUserName", "bob", "SubjectLogonId", "0x77",
                    "IpAddress", "10.0.1.10", "ShareName", "\\\\*\\SYSVOL");
            f.event("Microsoft-Windows-Sysmon/Operational", 3, host, at(t, s + 5), "Image", "C:\\Program Files\\Browser\\browser.exe",
                    "User", "CORP\\bob", "Protocol", "tcp", "Initiated", true, "SourceIp", "127.0.0.1", "SourcePort", 50000 + i,
                    "DestinationIp", "127.0.0.1", "DestinationPort", 443);
            f.event("Security", 4688, host, at(t, s + 6), "SubjectUserName", host.substring(0, 4) + "$", "SubjectLogonId", "0x3e7",
                    "NewProcessName", "C:\\Windows\\System32\\cscript.exe", "ParentProcessName", "C:\\Windows\\System32\\wbem\\WmiPrvSE.exe",
                    "TargetLogonId", "0x0");
            f.event("Security", 4634, host, at(t, s + 7), "TargetUserName", "bob", "TargetLogonId", "0x9" + i, "LogonType", 2);
        }
        f.event("System", 7045, "FS01.corp.local", "2024-03-01T11:30:00.000000Z", "ServiceName", "Npcap Packet Driver (NPCAP)",
                "ImagePath", "\\SystemRoot\\system32\\DRIVERS\\npcap.sys", "ServiceType", "kernel mode driver", "StartType", "boot start",
                "AccountName", "");
        return f;
    }
}
