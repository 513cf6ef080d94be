package tansa.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import tansa.event.EventFields;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The prefilter selects a rule only when every one of its clauses has a literal in the event. */
class PrefilterTest {
    private static Atom a(String field, String literal) {
        return new Atom(field, literal);
    }

    private static EventFields event(String... fieldValue) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (int i = 0; i < fieldValue.length; i += 2) {
            m.put(fieldValue[i], TextNode.valueOf(fieldValue[i + 1]));
        }
        return EventFields.of(m);
    }

    private static List<Integer> select(Prefilter p, EventFields e) {
        int[] out = new int[p.size()];
        int n = p.select(e, out);
        return Arrays.stream(out, 0, n).boxed().toList();
    }

    @Test
    void selectsARuleOnlyWhenEveryClauseHolds() {
        Prefilter p = new Prefilter(List.of(
                // 0: Image ends with \powershell.exe and CommandLine holds -enc or -e^c
                List.of(List.of(a("Image", "\\powershell.exe")), List.of(a("CommandLine", "-enc"), a("CommandLine", "-e^c"))),
                // 1: one clause
                List.of(List.of(a("Image", "\\powershell.exe"))),
                // 2: no clause: always evaluated
                Clauses.NONE,
                // 3: never matches
                Clauses.NEVER));
        assertEquals(List.of(1, 2), select(p, event("Image", "C:\\Windows\\PowerShell.exe", "CommandLine", "powershell -nop")));
        assertEquals(List.of(0, 1, 2), select(p, event("Image", "C:\\Windows\\PowerShell.exe", "CommandLine", "powershell -E^C abc")));
        assertEquals(List.of(2), select(p, event("Image", "C:\\Windows\\cmd.exe", "CommandLine", "cmd -enc")));
        assertEquals(List.of(2), select(p, event()));
    }

    @Test
    void twoClausesOnOneFieldNeedBothLiterals() {
        Prefilter p = new Prefilter(List.of(List.of(List.of(a("CommandLine", "vssadmin")), List.of(a("CommandLine", "shadows")))));
        assertEquals(List.of(), select(p, event("CommandLine", "vssadmin list writers")));
        assertEquals(List.of(0), select(p, event("CommandLine", "VSSADMIN delete SHADOWS /all")));
    }

    @Test
    void aClauseHoldsOnlyOnceWhateverHowManyOfItsLiteralsOccur() {
        // the same clause found through two literals must not count as two of the rule's clauses
        Prefilter p = new Prefilter(List.of(List.of(List.of(a("A", "xx"), a("A", "yy")), List.of(a("B", "zz")))));
        assertEquals(List.of(), select(p, event("A", "xx yy xx")));
        assertEquals(List.of(0), select(p, event("A", "xx yy", "B", "zz")));
    }

    @Test
    void aContainerValueSatisfiesEveryClauseOnItsField() {
        Prefilter p = new Prefilter(List.of(List.of(List.of(a("A", "xx")), List.of(a("B", "zz")))));
        Map<String, JsonNode> m = new LinkedHashMap<>();
        m.put("A", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("k", "v"));
        m.put("B", TextNode.valueOf("zz"));
        assertEquals(List.of(0), select(p, EventFields.of(m)));
    }

    @Test
    void gateGuaranteedEventIdClausesAreLeftOut() {
        List<List<Atom>> cnf = List.of(List.of(a("EventID", "4688")), List.of(a("CommandLine", "mimikatz")));
        assertEquals(List.of(List.of(a("CommandLine", "mimikatz"))),
                Clauses.forGroup(cnf, x -> x.field().equals("EventID") && "4688".contains(x.literal())));
        assertEquals(cnf.size(), Clauses.forGroup(cnf, x -> false).size());
    }
}
