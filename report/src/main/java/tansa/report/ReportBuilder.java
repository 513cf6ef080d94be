package tansa.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import tansa.casefile.CaseSettings;
import tansa.casefile.CaseStats;
import tansa.casefile.CaseStore;
import tansa.casefile.CaseView;
import tansa.report.clock.RegulatoryClocks;

/**
 * Builds {@link ReportData} from a case in one pass over its detections (aggregates only, so memory
 * grows with the number of hosts, accounts and rules, not with detections). The totals come from
 * {@link CaseStore#stats()}, the same numbers {@code tansa case stats} prints.
 */
public final class ReportBuilder {
    private final ObjectMapper mapper = new ObjectMapper();

    public ReportData build(CaseStore store, Instant now, String toolVersion) {
        CaseStats stats = store.stats();
        CaseView view = new CaseView(store);
        Facts facts = new Facts(new CaseSettings(store).all());
        Agg agg = new Agg();
        view.detections(agg::add);
        Instant[] span = view.eventSpan();

        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("evidence", stats.evidence(),
                "SELECT count(*) FROM evidence WHERE format <> 'UNKNOWN'", "evidence"));
        figures.add(new Figure("events", stats.events(), "SELECT count(*) FROM event", "events"));
        figures.add(new Figure("detections", stats.detections(), "SELECT count(*) FROM detection", "detections"));
        for (String level : ReportData.LEVELS) {
            figures.add(new Figure("detections." + level, agg.levels.getOrDefault(level, 0L),
                    "SELECT count(*) FROM detection WHERE level = '" + level + "'", "detections?level=" + level));
        }
        figures.add(new Figure("hosts", agg.hosts.size(),
                "SELECT count(DISTINCT computer) FROM detection", "hosts"));
        figures.add(new Figure("accounts", agg.accounts.size(),
                "SELECT count(DISTINCT account) FROM detection (the account of the event each was raised on: "
                        + String.join(", ", tansa.casefile.Accounts.FIELDS) + ", written at ingest)",
                "accounts"));
        figures.add(new Figure("rules", agg.rules.size(), "SELECT count(DISTINCT rule_id) FROM detection", "rules"));
        figures.add(new Figure("detections.exfiltration", agg.exfiltration,
                "SELECT count(*) FROM detection WHERE data LIKE '%\"attack.exfiltration\"%'",
                "detections?q=attack.exfiltration"));
        long individuals = facts.count(Facts.INDIVIDUALS);
        if (individuals >= 0) {
            figures.add(new Figure("individuals", individuals,
                    "SELECT value FROM case_setting WHERE key = '" + Facts.INDIVIDUALS + "'", "settings"));
        }
        Exposure exposure = Exposure.of(view.scanSummaries(), mapper);
        if (exposure != null) {
            String src = " in the scan summaries (" + CaseView.SCAN_SUMMARY_QUERY + ")";
            figures.add(new Figure("exposure.files", exposure.files(), "files" + src, "exposure"));
            figures.add(new Figure("exposure.findings", exposure.findings(), "findings" + src, "exposure"));
            figures.add(new Figure("exposure.unread", exposure.unread(),
                    "coverage " + String.join(" + ", Exposure.UNREAD) + src, "exposure"));
            figures.add(new Figure("exposure.markings", exposure.classified(),
                    "counts of marking.classification + marking.export_control" + src, "exposure"));
            for (Map.Entry<String, Long> e : exposure.distinct().entrySet()) {
                figures.add(new Figure("exposure.distinct." + e.getKey(), e.getValue(),
                        "distinct." + e.getKey() + src, "exposure"));
            }
        }
        Claims claims = Claims.of(view.claims(), mapper);
        if (claims != null) {
            String q = "SELECT count(*) FROM claim WHERE kind = 'claim'";
            figures.add(new Figure("claims.claimed", claims.claimed(), q, "claims"));
            figures.add(new Figure("claims.confirmed", claims.confirmed(), q + " AND outcome = 'confirmed'", "claims"));
            figures.add(new Figure("claims.size_mismatch", claims.sizeMismatch(), q + " AND outcome = 'size_mismatch'", "claims"));
            figures.add(new Figure("claims.hash_mismatch", claims.hashMismatch(), q + " AND outcome = 'hash_mismatch'", "claims"));
            figures.add(new Figure("claims.not_found", claims.notFound(), q + " AND outcome = 'not_found'", "claims"));
            figures.add(new Figure("claims.confirmed_with_markings", claims.confirmedWithMarkings(),
                    "confirmed claims whose findings include marking.classification or marking.export_control ("
                            + CaseView.CLAIMS_QUERY + ")", "claims"));
        }
        tansa.casefile.CaseArtifacts artifacts = new tansa.casefile.CaseArtifacts(store);
        JsonNode scope = Agg.parse(mapper, artifacts.get("scope"));
        JsonNode graph = Agg.parse(mapper, artifacts.get("graph"));
        if (scope != null) {
            figures.add(new Figure("scope.actions", scope.path("summary").path("actions").asLong(),
                    "summary.actions of the stored scope (SELECT data FROM case_artifact WHERE name = 'scope')", "scope"));
            figures.add(new Figure("scope.movements", scope.path("movements").size(),
                    "movements of the stored scope (SELECT data FROM case_artifact WHERE name = 'scope')", "graph"));
        }
        Map<String, Long> levels = new LinkedHashMap<>();
        for (String level : ReportData.LEVELS) {
            levels.put(level, agg.levels.getOrDefault(level, 0L));
        }
        return new ReportData(stats.name(), now, toolVersion, facts, List.copyOf(figures), span[0], span[1],
                agg.first, agg.last, levels, agg.perDay, agg.hostRows(facts, isolated(scope)), agg.accountRows(), agg.ruleRows(),
                agg.attack, view.evidence(), RegulatoryClocks.compute(facts.breachFacts()), agg.exfiltration,
                exposure, claims, scope, graph);
    }

    /** The hosts the stored containment plan isolates, lower-cased. */
    private static Set<String> isolated(JsonNode scope) {
        Set<String> out = new HashSet<>();
        if (scope != null) {
            for (JsonNode a : scope.path("plan").path("isolate")) {
                if (a.path("action").asText().equals("isolate_host")) {
                    out.add(a.path("target").asText().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** The running aggregates of one pass. */
    private static final class Agg {
        final Map<String, Long> levels = new HashMap<>();
        final SortedMap<LocalDate, long[]> perDay = new TreeMap<>();
        final Map<String, long[]> hosts = new HashMap<>(); // count, first, last, best level index
        final Map<String, long[]> accounts = new HashMap<>(); // count, first, last
        final Map<String, Set<String>> accountHosts = new HashMap<>();
        final Map<String, Object[]> rules = new HashMap<>(); // title, level, long[]{count, first, last}
        final Map<Attack, SortedMap<String, Long>> attack = new EnumMap<>(Attack.class);
        long exfiltration;
        Instant first;
        Instant last;

        void add(CaseView.Detection d) {
            String level = d.level() == null ? "informational" : d.level().toLowerCase(Locale.ROOT);
            levels.merge(level, 1L, Long::sum);
            Instant t = d.time();
            long ms = t == null ? Long.MIN_VALUE : t.toEpochMilli();
            if (t != null) {
                first = first == null || t.isBefore(first) ? t : first;
                last = last == null || t.isAfter(last) ? t : last;
                int li = Math.max(0, ReportData.LEVELS.indexOf(level));
                perDay.computeIfAbsent(t.atOffset(ZoneOffset.UTC).toLocalDate(), k -> new long[5])[li]++;
            }
            String host = d.computer() == null ? "" : d.computer();
            long[] h = hosts.computeIfAbsent(host, k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE, 99});
            touch(h, ms);
            h[3] = Math.min(h[3], levelIndex(level));
            Object[] r = rules.computeIfAbsent(d.ruleId() == null ? "" : d.ruleId(),
                    k -> new Object[] {d.ruleTitle(), level, new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE}});
            touch((long[]) r[2], ms);
            if (d.account() != null) {
                addAccount(d.account(), d.computer(), ms);
            }
            Set<Attack> tactics = new HashSet<>();
            List<String> techniques = new ArrayList<>();
            if (d.tags() != null) {
                for (String s : d.tags().split(" ")) {
                    Attack a = Attack.ofTag(s);
                    if (a != null) {
                        tactics.add(a);
                    }
                    String tech = Attack.techniqueOf(s);
                    if (tech != null) {
                        techniques.add(tech);
                    }
                }
            }
            if (tactics.contains(Attack.EXFILTRATION)) {
                exfiltration++;
            }
            for (Attack a : tactics) {
                SortedMap<String, Long> m = attack.computeIfAbsent(a, k -> new TreeMap<>());
                if (techniques.isEmpty()) {
                    m.merge("", 1L, Long::sum);
                }
                for (String tech : techniques) {
                    m.merge(tech, 1L, Long::sum);
                }
            }
        }

        private void addAccount(String account, String computer, long ms) {
            touch(accounts.computeIfAbsent(account, k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE}), ms);
            accountHosts.computeIfAbsent(account, k -> new HashSet<>()).add(computer == null ? "" : computer);
        }

        private static void touch(long[] a, long ms) {
            a[0]++;
            if (ms != Long.MIN_VALUE) {
                a[1] = Math.min(a[1], ms);
                a[2] = Math.max(a[2], ms);
            }
        }

        private static int levelIndex(String level) {
            int i = ReportData.LEVELS.indexOf(level);
            return i < 0 ? ReportData.LEVELS.size() - 1 : i;
        }

        static JsonNode parse(ObjectMapper mapper, String json) {
            if (json == null) {
                return null;
            }
            try {
                return mapper.readTree(json);
            } catch (IOException e) {
                return null; // the case holds what ingest wrote; a damaged row is left out of the breakdowns
            }
        }

        List<ReportData.Host> hostRows(Facts facts, Set<String> isolated) {
            List<ReportData.Host> out = new ArrayList<>();
            for (Map.Entry<String, long[]> e : hosts.entrySet()) {
                long[] h = e.getValue();
                out.add(new ReportData.Host(e.getKey(), h[0], ReportData.LEVELS.get((int) Math.min(h[3], 4)),
                        time(h[1]), time(h[2]), containment(facts, isolated, e.getKey())));
            }
            out.sort(Comparator.comparingLong(ReportData.Host::detections).reversed()
                    .thenComparing(ReportData.Host::name));
            return List.copyOf(out);
        }

        List<ReportData.Account> accountRows() {
            List<ReportData.Account> out = new ArrayList<>();
            for (Map.Entry<String, long[]> e : accounts.entrySet()) {
                long[] a = e.getValue();
                out.add(new ReportData.Account(e.getKey(), a[0], accountHosts.get(e.getKey()).size(), time(a[1]),
                        time(a[2])));
            }
            out.sort(Comparator.comparingLong(ReportData.Account::detections).reversed()
                    .thenComparing(ReportData.Account::name));
            return List.copyOf(out);
        }

        List<ReportData.Rule> ruleRows() {
            List<ReportData.Rule> out = new ArrayList<>();
            for (Map.Entry<String, Object[]> e : rules.entrySet()) {
                Object[] r = e.getValue();
                long[] c = (long[]) r[2];
                out.add(new ReportData.Rule(e.getKey(), (String) r[0], (String) r[1], c[0], time(c[1]), time(c[2])));
            }
            out.sort(Comparator.comparingLong(ReportData.Rule::detections).reversed()
                    .thenComparing(ReportData.Rule::id));
            return List.copyOf(out);
        }

        /** The analyst's setting for the host, else "isolate" when the stored plan isolates it, else null. */
        private static String containment(Facts facts, Set<String> isolated, String host) {
            String set = facts.text("containment.host." + host);
            if (set != null) {
                return set;
            }
            return isolated.contains(host.toLowerCase(Locale.ROOT)) ? "isolate" : null;
        }

        private static Instant time(long ms) {
            return ms == Long.MAX_VALUE || ms == Long.MIN_VALUE ? null : Instant.ofEpochMilli(ms);
        }
    }
}
