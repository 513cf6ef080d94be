package tansa.reader;

import org.junit.jupiter.api.Test;
import tansa.event.Event;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per shipper shape, each on a real field set (test resources {@code tansa/reader/shapes};
 * the objects are the ones published in the shippers' tests and datasets: NXLog im_msvistalog
 * output, OTRF Security-Datasets (Logstash / HELK), Winlogbeat 8.1 through Logstash, Velociraptor
 * parse_evtx rows and the EVTX hunter artifact's columns, Splunk search exports): time, computer,
 * record number, channel and provider land where detections read them.
 */
class JsonShapesTest {
    private final List<String> notes = new ArrayList<>();

    private List<Event> read(String name) throws IOException {
        List<Event> out = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("shapes/" + name)) {
            assertNotNull(in, name);
            new JsonEventReader((r, o, m) -> notes.add(m)).read(in, name, out::add);
        }
        return out;
    }

    private static void assertEvent(Event e, String time, String computer, long record, String channel, String provider,
                                    String eventId) {
        assertEquals(Instant.parse(time), e.timestamp(), "time");
        assertEquals(computer, e.text("Computer"), "computer");
        assertEquals(record, e.recordId(), "record");
        assertEquals(channel, e.text("Channel"), "channel");
        assertEquals(provider, e.text("Provider_Name"), "provider");
        assertEquals(eventId, e.text("EventID"), "EventID");
    }

    @Test
    void nxlogEventTimeWithoutZoneIsUtcAndWithOffsetIsConverted() throws IOException {
        List<Event> es = read("nxlog.json");
        assertEvent(es.get(0), "2017-12-19T17:45:02Z", "fake-hostname", 7613465324L, "Security",
                "Microsoft-Windows-Security-Auditing", "4656");
        assertEquals("C:\\Windows\\System32\\svchost.exe", es.get(0).text("ProcessName"), "event data by Sigma name");
        assertEquals("892", es.get(0).text("Execution_ProcessID"));
        assertEvent(es.get(1), "2021-03-31T09:03:33.169332Z", "hostname4", 166405411L, "Security",
                "Microsoft-Windows-Security-Auditing", "4769");
        assertEquals("0x17", es.get(1).text("TicketEncryptionType"));
        assertEquals("596", es.get(1).text("Execution_ProcessID"));
        // NXLog 3+ names the writer ExecutionProcessID; the event's own ProcessID stays event data.
        assertEvent(es.get(2), "2021-08-27T07:18:47.002016Z", "IT01.corp.local", 4025408, "Security",
                "Microsoft-Windows-Security-Auditing", "5156");
        assertEquals("2316", es.get(2).text("ProcessID"));
        assertEquals("4", es.get(2).text("Execution_ProcessID"));
        assertEquals("514", es.get(2).text("DestPort"));
        assertEquals(List.of(), notes);
    }

    @Test
    void nxlogThroughLogstashTakesTheUtcTimestampOverTheLocalEventTime() throws IOException {
        Event e = read("helk.json").get(0);
        // EventTime 12:53:23 is the collector's local time (UTC-4); Logstash's @timestamp is UTC.
        assertEvent(e, "2020-09-21T16:53:25.542Z", "WORKSTATION5.theshire.local", 191525, "Microsoft-Windows-Sysmon/Operational",
                "Microsoft-Windows-Sysmon", "11");
        assertEquals("3892", e.text("ProcessId"));
        assertEquals(List.of(), notes);
    }

    @Test
    void logstashFlattenedWithoutRecordNumberSaysSoOncePerFile() throws IOException {
        List<Event> es = read("logstash.json");
        assertEvent(es.get(0), "2020-10-19T03:30:41.104Z", "WORKSTATION5", -1, "Security", "Microsoft-Windows-Eventlog", "1102");
        assertEvent(es.get(1), "2020-10-29T12:16:09.914Z", "WORKSTATION5", -1, "Security",
                "Microsoft-Windows-Security-Auditing", "4688");
        assertTrue(es.get(1).text("CommandLine").contains("advfirewall"));
        assertEquals("0x2468", es.get(1).text("ProcessId"), "the event's own ProcessId stays event data");
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("Logstash / HELK flattened objects without a record number (RecordNumber)"), notes.get(0));
    }

    @Test
    void winlogbeat8() throws IOException {
        Event e = read("winlogbeat8.json").get(0);
        assertEvent(e, "2022-11-25T20:10:35.544Z", "regina.vmware.fekt.cz", 6170175, "Security",
                "Microsoft-Windows-Security-Auditing", "4634");
        assertEquals("REGINA$", e.text("TargetUserName"));
        assertEquals(List.of(), notes);
    }

    @Test
    void elasticAgentWithoutComputerNameTakesHostName() throws IOException {
        String doc = new String(getClass().getResourceAsStream("shapes/winlogbeat8.json").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"computer_name\":\"regina.vmware.fekt.cz\",", "")
                .replace("\"ecs\":", "\"host\":{\"name\":\"regina\",\"hostname\":\"regina\",\"os\":{\"family\":\"windows\"}},"
                        + "\"data_stream\":{\"dataset\":\"system.security\",\"namespace\":\"default\",\"type\":\"logs\"},\"ecs\":");
        List<Event> out = new ArrayList<>();
        new JsonEventReader((r, o, m) -> notes.add(m)).read(new java.io.ByteArrayInputStream(
                doc.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "agent.json", out::add);
        assertEquals("regina", out.get(0).text("Computer"));
        assertEquals(6170175, out.get(0).recordId());
    }

    @Test
    void velociraptorParseEvtxRowWithEpochSystemTime() throws IOException {
        Event e = read("velociraptor.json").get(0);
        assertEvent(e, "2025-04-09T21:18:05.077898Z", "WIN-HFOU106TD7K", 564617, "Microsoft-Windows-Sysmon/Operational",
                "Microsoft-Windows-Sysmon", "10");
        assertEquals("C:\\Windows\\system32\\lsass.exe", e.text("TargetImage"));
        assertEquals("0x1010", e.text("GrantedAccess"));
        assertEquals("S-1-5-18", e.text("Security_UserID"));
        assertEquals(List.of(), notes);
    }

    @Test
    void velociraptorArtifactColumns() throws IOException {
        Event e = read("velociraptor-columns.json").get(0);
        assertEvent(e, "2021-06-02T14:07:11Z", "DESKTOP-3KT9LOA", 8842, "Microsoft-Windows-PowerShell/Operational",
                "Microsoft-Windows-PowerShell", "4104");
        assertTrue(e.text("ScriptBlockText").startsWith("Invoke-WebRequest"));
        assertEquals("Creating Scriptblock text (1 of 1)", e.text("Message"));
        assertEquals(List.of(), notes);
    }

    @Test
    void splunkExportFieldsAndRawHeader() throws IOException {
        List<Event> es = read("splunk.json");
        // The first result has no EventCode / RecordNumber fields: they come from _raw's header.
        assertEvent(es.get(0), "2018-05-01T00:13:59Z", "fvjbvfjbvf.test.com", 6623591495L, "Security",
                "Microsoft Windows security auditing.", "4673");
        assertEquals("SeTcbPrivilege", es.get(0).text("vendor_privilege"));
        assertEquals(null, es.get(0).text("_bkt"), "Splunk bookkeeping is dropped");
        // The second has no _time at all: read, and said once.
        assertEquals(null, es.get(1).timestamp());
        assertEquals("localhost.test.com", es.get(1).text("Computer"));
        assertEquals(37352998061L, es.get(1).recordId());
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("line 2: Splunk export objects without a time (_time)"), notes.get(0));
    }

    /** The event of SigmaHQ's certutil regression case as Windows renders it in XML, exported from Splunk (XmlWinEventLog). */
    @Test
    void splunkXmlWinEventLogRawIsTheEvent() throws IOException {
        Event e = read("splunk-xml.json").get(0);
        assertEvent(e, "2025-10-25T16:56:16.019794Z", "ar-win-dc.attackrange.local", 11418519,
                "Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon", "1");
        assertEquals("certutil  -decode file.base64 file-decoded.ext", e.text("CommandLine"));
        assertEquals("Microsoft\u00ae Windows\u00ae Operating System", e.text("Product"), "character references resolved");
        assertEquals("3308", e.text("Execution_ProcessID"));
        assertTrue(e.get("EventID").isNumber());
        assertEquals(List.of(), notes);
    }

    @Test
    void xmlWithADoctypeIsNotExpanded() {
        String hostile = "<?xml version='1.0'?><!DOCTYPE e [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<Event><System><Computer>&x;</Computer></System></Event>";
        com.fasterxml.jackson.databind.node.ObjectNode ref = new EventXml().toReference(hostile);
        assertTrue(ref == null || !ref.toString().contains("root:"), String.valueOf(ref));
    }

    @Test
    void unknownShapeIsReportedOncePerFileWithWhatItLacks() throws IOException {
        // (Zeek records, with ts and uid, are a known shape now: ZeekJsonTest)
        String text = "{\"seq\":1,\"id.orig_h\":\"192.168.4.76\"}\n"
                + "{\"seq\":2,\"id.orig_h\":\"192.168.4.77\"}\n";
        List<Event> out = new ArrayList<>();
        new JsonEventReader((r, o, m) -> notes.add(m)).read(new java.io.ByteArrayInputStream(
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "conn.json", out::add);
        assertEquals(2, out.size());
        assertEquals("192.168.4.76", out.get(0).text("id.orig_h"));
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("line 1: JSON objects of no known log shape"), notes.get(0));
        assertTrue(notes.get(0).contains("they lack a time (@timestamp, TimeCreated, EventTime, _time), a computer "
                + "(Computer, Hostname, host.name), a record number (EventRecordID, RecordNumber) and a channel (Channel)"),
                notes.get(0));
    }
}
