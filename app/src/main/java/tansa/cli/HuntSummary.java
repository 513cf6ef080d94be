package tansa.cli;

import tansa.sigma.Detection;
import tansa.sigma.Level;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The closing summary of a hunt: counts by level, rule and computer, and timings. */
final class HuntSummary {
    private static final int TOP = 10;

    private HuntSummary() {
    }

    static void print(PrintWriter w, List<Detection> ds, long events, int files, long loadMillis, long huntMillis, int rules,
                      long problems) {
        w.printf(Locale.ROOT, "%n%d detections in %d events from %d files; %d rules%nrules loaded in %.2f s, hunt took %.2f s%n",
                ds.size(), events, files, rules, loadMillis / 1000.0, huntMillis / 1000.0);
        if (problems > 0) {
            w.printf(Locale.ROOT, "%d problems with the evidence were reported on stderr (damaged or unreadable input; exit code 1)%n",
                    problems);
        }
        Map<Level, Integer> byLevel = new TreeMap<>(Comparator.reverseOrder());
        Map<String, Integer> byRule = new HashMap<>();
        Map<String, Integer> byComputer = new HashMap<>();
        for (Detection d : ds) {
            byLevel.merge(Level.of(d.rule().level()), 1, Integer::sum);
            byRule.merge(d.rule().title(), 1, Integer::sum);
            byComputer.merge(d.computer() == null ? "-" : d.computer(), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder("by level:");
        for (Map.Entry<Level, Integer> e : byLevel.entrySet()) {
            sb.append(' ').append(e.getKey().label()).append('=').append(e.getValue());
        }
        w.println(sb);
        top(w, "top rules", byRule);
        top(w, "top computers", byComputer);
        w.flush();
    }

    private static void top(PrintWriter w, String title, Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return;
        }
        w.println(title + " (of " + counts.size() + "):");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .forEach(e -> w.printf(Locale.ROOT, "  %7d  %s%n", e.getValue(), TerminalText.escape(e.getKey(), 120)));
    }
}
