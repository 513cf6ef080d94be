package tansa.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The containment plan of the case's stored scope ({@code tansa investigate} stores it as the
 * {@code scope} artifact through {@code CaseArtifacts}; read here from its table on the console's
 * pooled connection): its actions (isolate hosts, act on accounts, block addresses) with the
 * status and owner the team gives each. An action is named by its group, action and target
 * ({@code isolate/isolate_host/DC01}); one the team has not touched is {@code planned}. Each change
 * is one transaction with its audit entry. Thread-safe (the database serialises writes).
 */
final class Containment {
    static final List<String> GROUPS = List.of("isolate", "accounts", "block");
    static final List<String> STATES = List.of("planned", "in_progress", "done", "not_applicable");

    private final CaseDatabase db;
    private final AuditSink audit;
    private final Clock clock;

    Containment(CaseDatabase db, AuditSink audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    record Action(String key, String group, String action, String type, String target, List<String> addresses, List<String> why,
                  String status, String owner, String updatedBy, String updatedAt) {
        Action {
            addresses = List.copyOf(addresses);
            why = List.copyOf(why);
        }
    }

    /** The plan: null when the case holds no stored scope. */
    record Plan(String storedAt, List<Action> actions) {
        Plan {
            actions = List.copyOf(actions);
        }
    }

    Plan plan() {
        return db.read(this::plan);
    }

    private Plan plan(Connection c) throws SQLException {
        String json;
        String at;
        try (PreparedStatement p = c.prepareStatement("SELECT data, created_at FROM case_artifact WHERE name = 'scope'");
             ResultSet r = p.executeQuery()) {
            if (!r.next()) {
                return null;
            }
            json = r.getString(1);
            at = r.getString(2);
        }
        Map<String, String[]> states = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT action_key, status, owner, updated_by, updated_at FROM containment_action");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                states.put(r.getString(1), new String[] {r.getString(2), r.getString(3), r.getString(4), r.getString(5)});
            }
        }
        JsonNode scope = Pages.parse(json);
        List<Action> out = new ArrayList<>();
        for (String g : GROUPS) {
            for (JsonNode a : scope.path("plan").path(g)) {
                String key = g + "/" + a.path("action").asText() + "/" + a.path("target").asText();
                String[] s = states.getOrDefault(key, new String[] {"planned", null, null, null});
                out.add(new Action(key, g, a.path("action").asText(), a.path("type").asText(null), a.path("target").asText(),
                        strings(a.path("addresses")), strings(a.path("why")), s[0], s[1], s[2], s[3]));
            }
        }
        return new Plan(at, out);
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : a) {
            out.add(n.asText());
        }
        return out;
    }

    /** Sets an action's status and owner (owner null or blank: none); false when the plan has no such action. */
    boolean set(String actor, String key, String status, String owner) {
        if (!STATES.contains(status)) {
            throw new DetectionFilter.BadRequest("status must be one of " + STATES);
        }
        String o = Incidents.owner(owner);
        if (key == null || key.length() > 1000) {
            throw new DetectionFilter.BadRequest("key names the action: GROUP/ACTION/TARGET");
        }
        Instant now = clock.instant();
        return db.write(c -> {
            Plan plan = plan(c);
            Action before = null;
            for (Action a : plan == null ? List.<Action>of() : plan.actions()) {
                if (a.key().equals(key)) {
                    before = a;
                }
            }
            if (before == null) {
                return false;
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM containment_action WHERE action_key = ?")) {
                d.setString(1, key);
                d.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO containment_action VALUES (?, ?, ?, ?, ?)")) {
                p.setString(1, key);
                p.setString(2, status);
                p.setString(3, o);
                p.setString(4, actor);
                p.setString(5, now.toString());
                p.executeUpdate();
            }
            audit.record(c, new AuditSink.Entry(now, actor, "containment.action", "containment/" + key,
                    state(before.status(), before.owner()), state(status, o)));
            return true;
        });
    }

    private static String state(String status, String owner) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("status", status);
        n.put("owner", owner);
        return n.toString();
    }
}
