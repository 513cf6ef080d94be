package tansa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import tansa.sigma.Detection;
import tansa.sigma.DetectionJson;

import java.io.PrintWriter;
import java.util.List;

/** One JSON object per detection and line. */
final class JsonlWriter implements DetectionWriter {
    private final PrintWriter out;
    private final ObjectMapper mapper = new ObjectMapper();

    JsonlWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void write(List<Detection> detections) {
        for (Detection d : detections) {
            out.println(DetectionJson.of(mapper, d).toString());
        }
        out.flush();
    }
}
