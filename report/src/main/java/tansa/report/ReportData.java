package tansa.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import tansa.casefile.CaseView;
import tansa.report.clock.Clock;

/**
 * Everything a report shows, computed once from a case; the renderers only lay it out. Lists are
 * in a fixed order (count descending, then name) so the same case gives the same report.
 *
 * @param levels detections by level, in {@link #LEVELS} order
 * @param perDay detections by UTC day and level
 * @param attack counts by tactic, then technique (a detection counts under each tactic it is tagged with)
 */
public record ReportData(String caseName, Instant generatedAt, String toolVersion, Facts facts,
                         List<Figure> figures, Instant firstEvent, Instant lastEvent, Instant firstDetection,
                         Instant lastDetection, Map<String, Long> levels, SortedMap<LocalDate, long[]> perDay,
                         List<Host> hosts, List<Account> accounts, List<Rule> rules,
                         Map<Attack, SortedMap<String, Long>> attack, List<CaseView.Evidence> evidence,
                         List<Clock> clocks, long exfiltrationDetections, Exposure exposure,
                         Claims claims, com.fasterxml.jackson.databind.JsonNode scope,
                         com.fasterxml.jackson.databind.JsonNode graph) {
    /** Sigma levels, most severe first. */
    public static final List<String> LEVELS = List.of("critical", "high", "medium", "low", "informational");

    public record Host(String name, long detections, String highestLevel, Instant first, Instant last,
                       String containment) {
    }

    public record Account(String name, long detections, int hosts, Instant first, Instant last) {
    }

    public record Rule(String id, String title, String level, long detections, Instant first, Instant last) {
    }

    /** The figure with this id; the renderers only print figures they can name. */
    public Figure figure(String id) {
        for (Figure f : figures) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no figure " + id);
    }
}
