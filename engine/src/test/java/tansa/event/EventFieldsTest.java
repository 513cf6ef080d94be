package tansa.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flat field index publishes every value under the names Sigma rules use for Windows logs. */
class EventFieldsTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static Event event(String json) throws IOException {
        return Event.of((ObjectNode) M.readTree(json), "test.json");
    }

    private static final String SYSMON = "{\"Event\":{\"#attributes\":{\"xmlns\":\"http://schemas.microsoft.com/win/2004/08/events/event\"},"
            + "\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Sysmon\",\"Guid\":\"5770385F-C22A-43E0-BF4C-06F5698FFBD9\"}},"
            + "\"EventID\":1,\"Level\":4,\"Keywords\":\"0x8000000000000000\","
            + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2025-11-27T07:40:10.165324Z\"}},\"EventRecordID\":571146,"
            + "\"Correlation\":null,\"Execution\":{\"#attributes\":{\"ProcessID\":3544,\"ThreadID\":4272}},"
            + "\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"ws1\",\"Security\":{\"#attributes\":{\"UserID\":\"S-1-5-18\"}}},"
            + "\"EventData\":{\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\",\"CommandLine\":\"cmd /c whoami\",\"ProcessId\":4460,\"Unused\":null}}}";

    @Test
    void lowersEachTextWholeWhateverWasLoweredBeforeOnTheThread() {
        // the folding buffer is reused: a short text after a long one must not keep the long one's tail
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 70_000; i++) { // longer than the buffer a thread keeps
            big.append(i % 3 == 0 ? 'Q' : 'x');
        }
        String bigLow = EventFields.lower(big.toString());
        assertEquals(big.toString().toLowerCase(java.util.Locale.ROOT), bigLow);
        assertEquals("powershell.exe -enc ABC".toLowerCase(java.util.Locale.ROOT), EventFields.lower("PowerShell.exe -Enc ABC"));
        assertEquals("cmd", EventFields.lower("CMD"));
        assertEquals("\u0161\u03c3 k", EventFields.lower("\u0160\u03a3 \u212a")); // Š Σ and the Kelvin sign
        String same = "already lower";
        assertTrue(same == EventFields.lower(same));
    }

    @Test
    void publishesSystemFieldsUnderSigmaNames() throws IOException {
        EventFields f = event(SYSMON).fields();
        assertEquals(1, f.get("EventID").intValue());
        assertEquals("1", f.text("EventID"));
        assertEquals("Microsoft-Windows-Sysmon/Operational", f.text("Channel"));
        assertEquals("ws1", f.text("Computer"));
        assertEquals("Microsoft-Windows-Sysmon", f.text("Provider_Name"));
        assertEquals("S-1-5-18", f.text("Security_UserID"));
        assertEquals("3544", f.text("Execution_ProcessID"));
        assertEquals("2025-11-27T07:40:10.165324Z", f.text("TimeCreated_SystemTime"));
        assertEquals("0x8000000000000000", f.text("Keywords"));
    }

    @Test
    void aliasesComeLastAndRepeatEarlierValues() throws IOException {
        EventFields f = event(SYSMON).fields();
        List<com.fasterxml.jackson.databind.JsonNode> all = new ArrayList<>(f.values());
        int distinct = f.distinctValues();
        assertTrue(distinct < all.size(), "bare attribute names are published too");
        List<com.fasterxml.jackson.databind.JsonNode> first = all.subList(0, distinct);
        for (com.fasterxml.jackson.databind.JsonNode alias : all.subList(distinct, all.size())) {
            assertTrue(first.stream().anyMatch(v -> v == alias), "alias " + alias + " repeats a value before it");
        }
        assertTrue(first.contains(f.get("CommandLine")));
        assertTrue(first.stream().anyMatch(v -> v == f.get("Name")), "the provider's name is searched once");
    }

    @Test
    void publishesEventDataByNameKeepingTypesAndNulls() throws IOException {
        EventFields f = event(SYSMON).fields();
        assertEquals("cmd /c whoami", f.text("CommandLine"));
        assertEquals("C:\\Windows\\System32\\cmd.exe", f.text("Image"));
        assertTrue(f.get("ProcessId").isNumber());
        assertTrue(f.has("Unused"), "a null field is present");
        assertNull(f.text("Unused"));
        assertFalse(f.has("ParentImage"));
        assertNull(f.get("ParentImage"));
    }

    @Test
    void publishesNestedUserDataLeaves() throws IOException {
        EventFields f = event("{\"Event\":{\"System\":{\"EventID\":5858},\"UserData\":{\"Operation_ClientFailure\":"
                + "{\"#attributes\":{\"xmlns\":\"http://manifests.microsoft.com/win/2006/windows/WMI\"},"
                + "\"ClientProcessId\":25920,\"Operation\":\"ExecMethod\"}}}}").fields();
        assertEquals("25920", f.text("ClientProcessId"));
        assertEquals("ExecMethod", f.text("Operation"));
    }

    @Test
    void indexesOtherJsonByPathAndLeafName() throws IOException {
        Event e = Event.of((ObjectNode) M.readTree("{\"id\":{\"orig_h\":\"10.0.0.1\"},\"service\":\"smb\"}"), "conn.log");
        assertEquals("10.0.0.1", e.text("id.orig_h"));
        assertEquals("10.0.0.1", e.text("orig_h"));
        assertEquals("smb", e.text("service"));
    }

    @Test
    void iteratesFieldsInRecordOrder() throws IOException {
        List<String> names = new ArrayList<>();
        event(SYSMON).forEachField((name, value) -> names.add(name));
        assertTrue(names.indexOf("EventID") < names.indexOf("Channel"), names.toString());
        assertTrue(names.indexOf("Channel") < names.indexOf("Image"), names.toString());
        assertTrue(names.indexOf("Image") < names.indexOf("CommandLine"), names.toString());
    }

    @Test
    void takesRecordIdAndTimeFromTheSystemBlock() throws IOException {
        Event e = event(SYSMON);
        assertEquals(571146, e.recordId());
        assertEquals("2025-11-27T07:40:10.165324Z", e.timestamp().toString());
        assertEquals("test.json", e.source());
    }
}
