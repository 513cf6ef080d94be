package tansa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import tansa.sigma.Detection;
import tansa.sigma.DetectionJson;

import java.io.PrintWriter;
import java.util.List;

/** RFC 4180 CSV with a header; tags joined by {@code ;}, fields and correlation as JSON text. */
final class CsvWriter implements DetectionWriter {
    static final String HEADER = "timestamp,level,rule_id,rule_title,status,tags,computer,channel,event_id,record_id,source,fields,correlation";

    private final PrintWriter out;
    private final ObjectMapper mapper = new ObjectMapper();

    CsvWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void write(List<Detection> detections) {
        out.print(HEADER + "\r\n");
        for (Detection d : detections) {
            String corr = "";
            if (d.correlation() != null) {
                corr = DetectionJson.of(mapper, d).get("correlation").toString();
            }
            String[] cols = {DetectionJson.iso(d.timestamp()), d.rule().level(), d.rule().id(), d.rule().title(), d.rule().status(),
                    String.join(";", d.rule().tags()), d.computer(), d.channel(), d.eventId(), Long.toString(d.recordId()), d.source(),
                    DetectionJson.fields(mapper, d.fields()).toString(), corr};
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < cols.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(quote(cols[i]));
            }
            out.print(sb.append("\r\n"));
        }
        out.flush();
    }

    static String quote(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
