package tansa.exposure.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;
import tansa.exposure.detect.FindingType;
import tansa.exposure.detect.Hit;

import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Finding records are built by hand; they must read exactly as Jackson's generator writes them. */
class JsonlReportTest {
    private static final String[] VALUES = {
        "CONFIDENTIAL", "秘", "a\"b\\c", "tab\there", "line\nbreak\r", "\u0000\u0001\u001f\u007f", "/slash/",
        "\u2028\u2029", "😀 surrogates", "",
    };

    @Test
    void findingsMatchTheGenerator() throws Exception {
        for (boolean reveal : new boolean[] {false, true}) {
            for (String v : VALUES) {
                for (String path : new String[] {"dir/a.txt", "dir/\"odd\"\\name\t.txt", "日本語/ファイル.txt"}) {
                    Hit hit = new Hit(FindingType.MARKING_CLASSIFICATION, v.isEmpty() ? null : v, v, v, v, 1234567890123L, 42, 0.95);
                    StringWriter ours = new StringWriter();
                    JsonlReport report = new JsonlReport(ours, new StringWriter(), reveal, new Summary());
                    report.finding(path, hit);
                    report.finding(path, hit);
                    report.finish();
                    String line = ours.toString().substring(0, ours.toString().indexOf('\n') + 1);
                    assertEquals(jackson(path, hit, reveal), line, v);
                    assertEquals(line + line, ours.toString().substring(0, 2 * line.length()));
                }
            }
        }
    }

    /** The record as the generator wrote it before. */
    private static String jackson(String path, Hit hit, boolean reveal) throws Exception {
        StringWriter w = new StringWriter();
        JsonGenerator g = new JsonFactory().createGenerator(w);
        g.writeStartObject();
        g.writeStringField("kind", "finding");
        g.writeStringField("path", path);
        g.writeStringField("category", hit.type().category());
        g.writeStringField("type", hit.type().id());
        g.writeStringField("label", hit.label());
        g.writeStringField("term", hit.term());
        g.writeStringField("masked", Masking.mask(hit.type(), hit.value()));
        g.writeStringField("value_sha256", Masking.sha256(hit.normalized()));
        if (reveal) {
            g.writeStringField("value", hit.value());
        }
        g.writeObjectFieldStart("location");
        g.writeNumberField("line", hit.line());
        g.writeNumberField("offset", hit.offset());
        g.writeEndObject();
        g.writeNumberField("confidence", hit.confidence());
        g.writeEndObject();
        g.flush();
        return w + "\n";
    }
}
