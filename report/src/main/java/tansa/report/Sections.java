package tansa.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import tansa.report.clock.Clock;

/**
 * The texts every format shares: the executive summary's answers and each clock's row, so the
 * HTML, Markdown and JSON reports say the same thing in the same words.
 */
final class Sections {
    /** How many rows a long table shows before "… and N more". */
    static final int TOP = 50;

    private Sections() {
    }

    /** One answer of the executive summary: the question, the answer, and the figure ids behind it. */
    record Answer(String question, String answer, List<String> figures) {
    }

    static List<Answer> summary(ReportData d, Messages m) {
        List<Answer> out = new ArrayList<>();
        Facts f = d.facts();
        long det = d.figure("detections").value();
        if (det == 0) {
            out.add(new Answer(m.get("q.what"), m.get("a.what.none", d.figure("events").value()), List.of("events")));
        } else {
            out.add(new Answer(m.get("q.what"), m.get("a.what", det, d.figure("rules").value(),
                    d.figure("hosts").value(), m.level(highestLevel(d)), topTactic(d, m)),
                    List.of("detections", "rules", "hosts")));
        }
        Object began = f.time(Facts.BEGAN_AT);
        String when = (began != null ? m.get("a.began") + ": " + m.time(f.time(Facts.BEGAN_AT))
                : m.get("a.began.first") + ": " + m.time(d.firstDetection()))
                + "; " + m.get("a.discovered") + ": " + m.time(f.time(Facts.DISCOVERED_AT))
                + "; " + m.get("a.contained") + ": " + m.time(f.time(Facts.CONTAINED_AT));
        out.add(new Answer(m.get("q.when"), when, List.of()));
        out.add(d.exposure() == null ? new Answer(m.get("q.data"), dataAnswer(f, m), List.of())
                : new Answer(m.get("q.data"), scanAnswer(d, m) + settingNote(f, m), List.of("exposure.files", "exposure.markings")));
        String exfil;
        if (Boolean.TRUE.equals(f.flag(Facts.EXFILTRATION))) {
            exfil = m.get("a.exfil.setting", Facts.EXFILTRATION);
        } else if (d.exfiltrationDetections() > 0) {
            exfil = m.get("a.exfil.detections", d.exfiltrationDetections());
        } else {
            exfil = m.get("a.exfil.none");
        }
        out.add(new Answer(m.get("q.exfil"), exfil, List.of("detections.exfiltration")));
        long people = f.count(Facts.INDIVIDUALS);
        if (people >= 0) {
            out.add(new Answer(m.get("q.people"), m.get("a.people.count", people, Facts.INDIVIDUALS), List.of("individuals")));
        } else if (d.exposure() != null) {
            out.add(new Answer(m.get("q.people"), m.get("a.people.scan", Facts.INDIVIDUALS, personal(d.exposure(), m)),
                    List.of()));
        } else {
            out.add(new Answer(m.get("q.people"), m.get("a.people.unknown", Facts.INDIVIDUALS), List.of()));
        }
        if (d.claims() != null) {
            Claims c = d.claims();
            out.add(new Answer(m.get("q.claims"), m.get("a.claims", c.confirmed(), c.claimed(), c.confirmedWithMarkings(),
                    c.notFound()), List.of("claims.confirmed", "claims.claimed", "claims.confirmed_with_markings",
                    "claims.not_found")));
        }
        return out;
    }

    private static String scanAnswer(ReportData d, Messages m) {
        Exposure e = d.exposure();
        List<String> labels = new ArrayList<>();
        for (Map.Entry<String, Long> l : e.labels().entrySet()) {
            labels.add(l.getKey() + " " + m.number(l.getValue()));
        }
        return m.get("a.data.scan", e.files(), e.classified(),
                labels.isEmpty() ? m.get("a.data.scan.none") : String.join(", ", labels), personal(e, m));
    }

    /** Distinct personal-data values by type, in words: "e-mail addresses 120, phone numbers 80". */
    static String personal(Exposure e, Messages m) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> x : e.distinct().entrySet()) {
            if (x.getKey().startsWith("pii.") && x.getValue() > 0) {
                parts.add(m.type(x.getKey()) + " " + m.number(x.getValue()));
            }
        }
        return parts.isEmpty() ? m.get("a.data.scan.none") : String.join(", ", parts);
    }

    private static String settingNote(Facts f, Messages m) {
        return f.flag(Facts.CLASSIFIED_DATA) == null && f.flag(Facts.PERSONAL_DATA) == null ? "" : " " + dataAnswer(f, m);
    }

    private static String dataAnswer(Facts f, Messages m) {
        Boolean classified = f.flag(Facts.CLASSIFIED_DATA);
        Boolean personal = f.flag(Facts.PERSONAL_DATA);
        if (classified == null && personal == null) {
            return m.get("a.data.unknown", Facts.PERSONAL_DATA);
        }
        List<String> parts = new ArrayList<>();
        if (classified != null) {
            parts.add(m.get(classified ? "a.data.yes" : "a.data.no", Facts.CLASSIFIED_DATA));
        }
        if (personal != null) {
            parts.add(m.get(personal ? "a.data.yes" : "a.data.no", Facts.PERSONAL_DATA));
        }
        return String.join(" ", parts);
    }

    static String highestLevel(ReportData d) {
        for (Map.Entry<String, Long> e : d.levels().entrySet()) {
            if (e.getValue() > 0) {
                return e.getKey();
            }
        }
        return "informational";
    }

    /** The tactic with most detections, or "-" when none is tagged. */
    static String topTactic(ReportData d, Messages m) {
        Attack best = null;
        long most = 0;
        for (Map.Entry<Attack, SortedMap<String, Long>> e : d.attack().entrySet()) {
            long n = 0;
            for (long v : e.getValue().values()) {
                n = Math.max(n, v);
            }
            if (n > most) {
                most = n;
                best = e.getKey();
            }
        }
        return best == null ? "-" : best.title(m.lang());
    }

    /** One clock as the cells of its row: obligation, deadline, time left, trigger, basis. */
    static String[] clockRow(Clock c, Messages m, java.time.Instant now) {
        String due;
        String left;
        switch (c.status()) {
            case RUNNING:
                due = m.deadline(c.due()) + (c.indicative() ? " " + m.get("clock.indicative") : "");
                java.time.Duration l = c.timeLeft(now);
                left = l.isNegative() ? m.get("clock.overdue", m.duration(l)) : m.get("clock.left", m.duration(l));
                break;
            case AWAITING_DATE:
                due = m.get("clock.awaiting", c.obligation().regime() == tansa.report.clock.Regime.SEC
                        ? Facts.MATERIALITY_AT : Facts.DISCOVERED_AT);
                left = "-";
                break;
            default:
                due = m.get("clock.notTriggered");
                left = "-";
        }
        List<String> t = new ArrayList<>();
        for (tansa.report.clock.Trigger tr : c.triggers()) {
            t.add(tr.text(m.lang()));
        }
        return new String[] {c.obligation().title(m.lang()), due, left, t.isEmpty() ? "-" : String.join("; ", t),
                c.obligation().basis(m.lang())};
    }

    /** Lines of a free-text setting, blank lines dropped. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String l : text.split("\\R")) {
                if (!l.isBlank()) {
                    out.add(l.strip());
                }
            }
        }
        return out;
    }
}
