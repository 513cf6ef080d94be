package tansa.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import tansa.casefile.CaseView;
import tansa.report.clock.Clock;

/**
 * The report as JSON: every figure with its value and the query behind it, the summary's answers
 * in the chosen language, and the tables in full (not cut to the top rows). Times are UTC ISO-8601.
 */
public final class JsonReport {
    private final ReportData d;
    private final Messages m;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    {
        // Evidence text can carry terminal controls (C1, bidi overrides, line separators): written
        // as JSON escapes, the report is the same data and safe to print on a terminal.
        mapper.getFactory().setCharacterEscapes(new ControlEscapes());
    }

    /** JSON's own escapes plus \\uXXXX for every character {@link Html#control} names. */
    private static final class ControlEscapes extends com.fasterxml.jackson.core.io.CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        ControlEscapes() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
            if (ch <= 0xffff && Html.control((char) ch)) {
                return new com.fasterxml.jackson.core.io.SerializedString(String.format(java.util.Locale.ROOT, "\\u%04x", ch));
            }
            return null;
        }
    }

    public JsonReport(ReportData data, Messages messages) {
        this.d = data;
        this.m = messages;
    }

    public String render() {
        ObjectNode root = mapper.createObjectNode();
        root.put("title", m.get("title"));
        root.put("case", d.caseName());
        root.put("lang", m.lang().name().toLowerCase(java.util.Locale.ROOT));
        root.put("generated_at", iso(d.generatedAt()));
        root.put("tool_version", d.toolVersion());
        ObjectNode figures = root.putObject("figures");
        for (Figure f : d.figures()) {
            ObjectNode o = figures.putObject(f.id());
            o.put("value", f.value());
            o.put("query", f.query());
            if (f.view() != null) {
                o.put("view", f.view());
            }
        }
        ArrayNode summary = root.putArray("summary");
        for (Sections.Answer a : Sections.summary(d, m)) {
            ObjectNode o = summary.addObject();
            o.put("question", a.question());
            o.put("answer", a.answer());
            ArrayNode ids = o.putArray("figures");
            a.figures().forEach(ids::add);
        }
        ObjectNode times = root.putObject("times");
        times.put("first_event", iso(d.firstEvent()));
        times.put("last_event", iso(d.lastEvent()));
        times.put("first_detection", iso(d.firstDetection()));
        times.put("last_detection", iso(d.lastDetection()));
        times.put("began", iso(d.facts().time(Facts.BEGAN_AT)));
        times.put("discovered", iso(d.facts().time(Facts.DISCOVERED_AT)));
        times.put("contained", iso(d.facts().time(Facts.CONTAINED_AT)));
        ArrayNode clocks = root.putArray("clocks");
        for (Clock c : d.clocks()) {
            ObjectNode o = clocks.addObject();
            o.put("regime", c.obligation().regime().name().toLowerCase(java.util.Locale.ROOT));
            o.put("obligation", c.obligation().name().toLowerCase(java.util.Locale.ROOT));
            o.put("title", c.obligation().title(m.lang()));
            o.put("status", c.status().name().toLowerCase(java.util.Locale.ROOT));
            o.put("due", c.due() == null ? null : c.due().toOffsetDateTime().toString());
            o.put("due_utc", c.due() == null ? null : iso(c.due().toInstant()));
            o.put("indicative", c.indicative());
            if (c.due() != null) {
                o.put("seconds_left", c.timeLeft(d.generatedAt()).getSeconds());
            }
            ArrayNode t = o.putArray("triggers");
            c.triggers().forEach(x -> t.add(x.name().toLowerCase(java.util.Locale.ROOT)));
            o.put("basis", c.obligation().basis(m.lang()));
        }
        ArrayNode perDay = root.putArray("detections_per_day");
        for (Map.Entry<java.time.LocalDate, long[]> e : d.perDay().entrySet()) {
            ObjectNode o = perDay.addObject();
            o.put("day", e.getKey().toString());
            for (int i = 0; i < 5; i++) {
                o.put(ReportData.LEVELS.get(i), e.getValue()[i]);
            }
        }
        ArrayNode hosts = root.putArray("hosts");
        for (ReportData.Host h : d.hosts()) {
            ObjectNode o = hosts.addObject();
            o.put("name", h.name());
            o.put("detections", h.detections());
            o.put("highest_level", h.highestLevel());
            o.put("first", iso(h.first()));
            o.put("last", iso(h.last()));
            o.put("containment", h.containment());
        }
        ArrayNode accounts = root.putArray("accounts");
        for (ReportData.Account a : d.accounts()) {
            ObjectNode o = accounts.addObject();
            o.put("name", a.name());
            o.put("detections", a.detections());
            o.put("hosts", a.hosts());
            o.put("first", iso(a.first()));
            o.put("last", iso(a.last()));
        }
        ArrayNode rules = root.putArray("rules");
        for (ReportData.Rule r : d.rules()) {
            ObjectNode o = rules.addObject();
            o.put("id", r.id());
            o.put("title", r.title());
            o.put("level", r.level());
            o.put("detections", r.detections());
            o.put("first", iso(r.first()));
            o.put("last", iso(r.last()));
        }
        ObjectNode attack = root.putObject("attack");
        for (Attack a : Attack.ORDER) {
            SortedMap<String, Long> t = d.attack().get(a);
            if (t != null) {
                ObjectNode o = attack.putObject(a.tag());
                t.forEach((k, v) -> o.put(k.isEmpty() ? "-" : k, v));
            }
        }
        ArrayNode missing = root.putArray("missing");
        for (String s : new String[] {"segments", "lateral", "exposure", "claims"}) {
            if (s.equals("exposure") && d.exposure() != null || s.equals("claims") && d.claims() != null
                    || s.equals("lateral") && d.scope() != null && !d.scope().path("movements").isEmpty()
                    || s.equals("segments") && d.scope() != null && !d.scope().path("segments").isEmpty()) {
                continue;
            }
            ObjectNode o = missing.addObject();
            o.put("section", s);
            o.put("reason", m.get("missing." + s));
        }
        if (d.exposure() != null) {
            Exposure e = d.exposure();
            ObjectNode o = root.putObject("exposure");
            o.put("scans", e.scans());
            o.put("files", e.files());
            o.put("findings", e.findings());
            o.put("unread", e.unread());
            e.counts().forEach(o.putObject("counts")::put);
            e.distinct().forEach(o.putObject("distinct")::put);
            e.labels().forEach(o.putObject("labels")::put);
            e.coverage().forEach(o.putObject("coverage")::put);
        }
        if (d.claims() != null) {
            Claims c = d.claims();
            ObjectNode o = root.putObject("claims");
            o.put("claimed", c.claimed());
            o.put("confirmed", c.confirmed());
            o.put("size_mismatch", c.sizeMismatch());
            o.put("hash_mismatch", c.hashMismatch());
            o.put("not_found", c.notFound());
            o.put("confirmed_with_markings", c.confirmedWithMarkings());
            o.put("ignored", c.ignored());
            o.put("samples", c.samples());
            o.put("samples_identical", c.samplesIdentical());
            o.put("verdict", m.get("a.claims", c.confirmed(), c.claimed(), c.confirmedWithMarkings(), c.notFound()));
        }
        if (d.scope() != null) {
            root.set("segments", d.scope().path("segments"));
            root.set("movements", d.scope().path("movements"));
            root.set("containment_plan", d.scope().path("plan"));
        }
        ObjectNode cm = root.putObject("countermeasures");
        ArrayNode taken = cm.putArray("taken");
        Sections.lines(d.facts().text(Facts.COUNTERMEASURES_TAKEN)).forEach(taken::add);
        ArrayNode rec = cm.putArray("recommended");
        Sections.lines(d.facts().text(Facts.COUNTERMEASURES_RECOMMENDED)).forEach(rec::add);
        ArrayNode evidence = root.putArray("evidence");
        for (CaseView.Evidence e : d.evidence()) {
            ObjectNode o = evidence.addObject();
            o.put("path", e.path());
            o.put("sha256", e.sha256());
            o.put("size", e.size());
            o.put("format", e.format());
            o.put("events", e.events());
            o.put("detections", e.detections());
            o.put("ingested_by", e.ingestedBy());
            o.put("ingested_at", e.ingestedAt());
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
