package tansa.containment;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * A {@link Scope} as a Markdown report: the plan first (what to do now), then the hosts,
 * accounts, addresses, segments and movements with first and last activity and why. Evidence
 * text is written as inline code with backticks and line breaks taken out, and table cells
 * with {@code |} escaped, so it cannot change the document's structure.
 */
public final class ScopeMarkdown {
    private ScopeMarkdown() {
    }

    public static void write(PrintWriter out, Scope s) {
        out.println("# Scope and containment plan");
        out.println();
        out.printf("%d hosts, %d accounts, %d addresses, %d segments, %d movements in scope.%n", s.hosts().size(), s.accounts().size(),
                s.addresses().size(), s.segments().size(), s.movements().size());
        out.println();
        out.println("## Containment plan");
        out.println();
        section(out, "Isolate", s.plan().isolate());
        section(out, "Accounts", s.plan().accounts());
        section(out, "Block", s.plan().block());
        out.println("## Hosts");
        out.println();
        if (s.hosts().isEmpty()) {
            out.println("None.");
        } else {
            out.println("| host | level | first | last | addresses | why |");
            out.println("|---|---|---|---|---|---|");
            for (Scope.Host h : s.hosts()) {
                out.println("| " + code(h.name()) + " | " + (h.level() == null ? "" : h.level()) + " | " + t(h.first()) + " | " + t(h.last())
                        + " | " + codes(h.addresses()) + " | " + reasons(h.reasons()) + " |");
            }
        }
        out.println();
        out.println("## Accounts");
        out.println();
        if (s.accounts().isEmpty()) {
            out.println("None.");
        } else {
            out.println("| account | domains | first | last | hosts | why |");
            out.println("|---|---|---|---|---|---|");
            for (Scope.Account a : s.accounts()) {
                out.println("| " + code(a.name()) + " | " + codes(a.domains()) + " | " + t(a.first()) + " | " + t(a.last()) + " | "
                        + codes(a.hosts()) + " | " + reasons(a.reasons()) + " |");
            }
        }
        out.println();
        out.println("## Addresses");
        out.println();
        if (s.addresses().isEmpty()) {
            out.println("None.");
        } else {
            out.println("| address | internal | segment | first | last | names | why |");
            out.println("|---|---|---|---|---|---|---|");
            for (Scope.AddressEntry a : s.addresses()) {
                out.println("| " + code(a.address()) + " | " + (a.internal() ? "yes" : "no") + " | " + (a.segment() == null ? "" : code(a.segment()))
                        + " | " + t(a.first()) + " | " + t(a.last()) + " | " + codes(a.names()) + " | " + reasons(a.reasons()) + " |");
            }
        }
        out.println();
        out.println("## Segments");
        out.println();
        if (s.segments().isEmpty()) {
            out.println("None (give --segments FILE to map address ranges to segments).");
        } else {
            out.println("| segment | criticality | ranges | addresses in scope | first | last |");
            out.println("|---|---|---|---|---|---|");
            for (Scope.SegmentEntry g : s.segments()) {
                out.println("| " + code(g.name()) + " | " + g.criticality() + " | " + codes(g.cidrs()) + " | " + codes(g.addresses()) + " | "
                        + t(g.first()) + " | " + t(g.last()) + " |");
            }
        }
        out.println();
        out.println("## Movements");
        out.println();
        if (s.movements().isEmpty()) {
            out.println("None seen in the detections.");
        } else {
            out.println("| from | to | via | accounts | count | first | last |");
            out.println("|---|---|---|---|---|---|---|");
            for (Scope.Movement m : s.movements()) {
                out.println("| " + code(m.from()) + " | " + code(m.to()) + " | " + cell(m.via()) + " | " + codes(m.accounts()) + " | " + m.count()
                        + " | " + t(m.first()) + " | " + t(m.last()) + " |");
            }
        }
        out.flush();
    }

    private static void section(PrintWriter out, String title, List<Scope.Action> actions) {
        out.println("### " + title);
        out.println();
        if (actions.isEmpty()) {
            out.println("Nothing.");
            out.println();
            return;
        }
        for (Scope.Action a : actions) {
            out.println("- **" + a.action().replace('_', ' ') + "** " + a.type() + " " + code(a.target())
                    + (a.addresses().isEmpty() || a.addresses().equals(List.of(a.target())) ? "" : " (" + codes(a.addresses()) + ")"));
            for (String w : a.why()) {
                out.println("  - " + cell(w));
            }
        }
        out.println();
    }

    private static String reasons(List<Scope.Reason> rs) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (Scope.Reason r : rs) {
            if (n == 5) {
                b.append("; … ").append(rs.size() - 5).append(" more");
                break;
            }
            if (n++ > 0) {
                b.append("; ");
            }
            b.append(r.kind()).append(": ").append(cell(r.what())).append(r.count() > 1 ? " ×" + r.count() : "");
        }
        return b.toString();
    }

    private static String t(Instant i) {
        return i == null ? "" : i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static String codes(List<String> l) {
        StringBuilder b = new StringBuilder();
        for (String s : l) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(code(s));
        }
        return b.toString();
    }

    /** Evidence text as inline code: no backticks, line breaks or pipes can escape it. */
    static String code(String s) {
        return "`" + clean(s).replace('`', '\'') + "`";
    }

    static String cell(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : clean(s).toCharArray()) {
            if ("\\`*_[]<>|#".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    private static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length() && i < 300; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f || c == '|' ? ' ' : c);
        }
        return b.toString();
    }
}
