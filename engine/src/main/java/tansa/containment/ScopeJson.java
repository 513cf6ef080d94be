package tansa.containment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/** A {@link Scope} as one JSON object: hosts, accounts, addresses, segments, movements, plan. */
public final class ScopeJson {
    private ScopeJson() {
    }

    public static ObjectNode of(ObjectMapper m, Scope s) {
        ObjectNode root = m.createObjectNode();
        ObjectNode summary = root.putObject("summary");
        summary.put("hosts", s.hosts().size()).put("accounts", s.accounts().size()).put("addresses", s.addresses().size())
                .put("segments", s.segments().size()).put("movements", s.movements().size())
                .put("actions", s.plan().isolate().size() + s.plan().accounts().size() + s.plan().block().size());
        ArrayNode hosts = root.putArray("hosts");
        for (Scope.Host h : s.hosts()) {
            ObjectNode o = hosts.addObject().put("name", h.name()).put("level", h.level());
            times(o, h.first(), h.last());
            strings(o.putArray("addresses"), h.addresses());
            reasons(o.putArray("reasons"), h.reasons());
        }
        ArrayNode accounts = root.putArray("accounts");
        for (Scope.Account a : s.accounts()) {
            ObjectNode o = accounts.addObject().put("name", a.name());
            strings(o.putArray("domains"), a.domains());
            times(o, a.first(), a.last());
            strings(o.putArray("hosts"), a.hosts());
            reasons(o.putArray("reasons"), a.reasons());
        }
        ArrayNode addresses = root.putArray("addresses");
        for (Scope.AddressEntry a : s.addresses()) {
            ObjectNode o = addresses.addObject().put("address", a.address()).put("internal", a.internal()).put("segment", a.segment());
            times(o, a.first(), a.last());
            strings(o.putArray("names"), a.names());
            reasons(o.putArray("reasons"), a.reasons());
        }
        ArrayNode segments = root.putArray("segments");
        for (Scope.SegmentEntry g : s.segments()) {
            ObjectNode o = segments.addObject().put("name", g.name()).put("criticality", g.criticality());
            strings(o.putArray("cidrs"), g.cidrs());
            strings(o.putArray("addresses"), g.addresses());
            times(o, g.first(), g.last());
        }
        ArrayNode moves = root.putArray("movements");
        for (Scope.Movement mv : s.movements()) {
            ObjectNode o = moves.addObject().put("from", mv.from()).put("to", mv.to()).put("via", mv.via()).put("count", mv.count());
            strings(o.putArray("accounts"), mv.accounts());
            times(o, mv.first(), mv.last());
        }
        ObjectNode plan = root.putObject("plan");
        actions(plan.putArray("isolate"), s.plan().isolate());
        actions(plan.putArray("accounts"), s.plan().accounts());
        actions(plan.putArray("block"), s.plan().block());
        return root;
    }

    private static void actions(ArrayNode a, List<Scope.Action> list) {
        for (Scope.Action x : list) {
            ObjectNode o = a.addObject().put("action", x.action()).put("type", x.type()).put("target", x.target());
            strings(o.putArray("addresses"), x.addresses());
            strings(o.putArray("why"), x.why());
        }
    }

    private static void reasons(ArrayNode a, List<Scope.Reason> list) {
        for (Scope.Reason r : list) {
            ObjectNode o = a.addObject().put("kind", r.kind()).put("what", r.what()).put("count", r.count());
            times(o, r.first(), r.last());
        }
    }

    private static void times(ObjectNode o, Instant first, Instant last) {
        o.put("first", first == null ? null : first.toString());
        o.put("last", last == null ? null : last.toString());
    }

    private static void strings(ArrayNode a, List<String> list) {
        for (String s : list) {
            a.add(s);
        }
    }
}
