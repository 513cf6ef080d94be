package tansa.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import tansa.event.Event;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class KeyEventsTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static Event event(String channel, int id, String section, Map<String, ?> data) {
        ObjectNode root = M.createObjectNode();
        ObjectNode ev = root.putObject("Event");
        ObjectNode sys = ev.putObject("System");
        sys.put("EventID", id);
        sys.putObject("TimeCreated").putObject("#attributes").put("SystemTime", "2026-12-01T09:00:00.000000Z");
        sys.put("EventRecordID", 7);
        sys.put("Channel", channel);
        sys.put("Computer", "dc01");
        ev.set(section, M.valueToTree(data));
        return Event.of(root, "t.evtx");
    }

    @Test
    void failedLogonSaysWhoFromWhereAndWhy() {
        KeyEvent k = KeyEvents.classify(event("Security", 4625, "EventData", Map.of("TargetUserName", "admin", "TargetDomainName", "CORP",
                "LogonType", 3, "IpAddress", "203.0.113.5", "WorkstationName", "KALI", "Status", "0xc000006d", "SubStatus", "0xc000006a")));
        assertEquals(KeyKind.LOGON_FAILED, k.kind());
        assertEquals("Failed logon type 3 (network): CORP\\admin from 203.0.113.5 (KALI): 0xc000006a (wrong password)", k.message());
        assertEquals("CORP\\admin", k.user());
        assertEquals("203.0.113.5", k.address());
        assertEquals("0xc000006a", k.fields().get("SubStatus"));
    }

    @Test
    void logClearingNamesTheClearedLogFromUserData() {
        KeyEvent k = KeyEvents.classify(event("System", 104, "UserData", Map.of("LogFileCleared",
                Map.of("SubjectUserName", "IEUser", "SubjectDomainName", "IE10WIN7", "Channel", "Windows PowerShell"))));
        assertEquals("Log Windows PowerShell cleared by IE10WIN7\\IEUser", k.message());
        assertEquals(KeyKind.LOG_CLEARED, k.kind());
    }

    @Test
    void rdpAndProcessStartsAndServiceInstalls() {
        assertEquals("RDP authentication succeeded: CORP\\jdoe from 198.51.100.9", KeyEvents.classify(event(
                KeyEvents.RDP_RCM, 1149, "UserData", Map.of("EventXML", Map.of("Param1", "jdoe", "Param2", "CORP", "Param3", "198.51.100.9"))))
                .message());
        assertEquals("RDP session reconnected: CORP\\jdoe session 3 from 198.51.100.9", KeyEvents.classify(event(
                KeyEvents.RDP_LSM, 25, "UserData", Map.of("EventXML", Map.of("User", "CORP\\jdoe", "SessionID", "3",
                        "Address", "198.51.100.9")))).message());
        assertEquals("Process start: whoami /all (C:\\Windows\\System32\\whoami.exe, parent C:\\Windows\\System32\\cmd.exe, user CORP\\jdoe)",
                KeyEvents.classify(event(KeyEvents.SYSMON, 1, "EventData", Map.of("Image", "C:\\Windows\\System32\\whoami.exe",
                        "CommandLine", "whoami /all", "ParentImage", "C:\\Windows\\System32\\cmd.exe", "User", "CORP\\jdoe"))).message());
        assertEquals("Service installed: PSEXESVC: %SystemRoot%\\PSEXESVC.exe (demand start, LocalSystem)", KeyEvents.classify(event(
                "System", 7045, "EventData", Map.of("ServiceName", "PSEXESVC", "ImagePath", "%SystemRoot%\\PSEXESVC.exe",
                        "StartType", "demand start", "AccountName", "LocalSystem"))).message());
        assertEquals("Scheduled task registered: \\Updater by CORP\\jdoe", KeyEvents.classify(event(KeyEvents.TASKS, 106, "EventData",
                Map.of("TaskName", "\\Updater", "UserContext", "CORP\\jdoe"))).message());
    }

    @Test
    void otherEventsAreNotKeyEvents() {
        assertNull(KeyEvents.classify(event("Security", 4634, "EventData", Map.of("TargetUserName", "x"))));
        assertNull(KeyEvents.classify(event(KeyEvents.SYSMON, 3, "EventData", Map.of("DestinationIp", "198.51.100.1"))));
        assertNull(KeyEvents.classify(event("Application", 4624, "EventData", Map.of("TargetUserName", "x"))));
    }
}
