package tansa.evtx;

import org.junit.jupiter.api.Test;
import tansa.reader.EvidenceReader;
import tansa.testing.SharedData;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file of the shared EVTX corpus is read, and tansa finds at least as many records per
 * file as Debian's evtxexport (libevtx). Where the counts differ the test prints the file and
 * the reason evtxexport gave.
 */
class CorpusCompletenessTest {

    @Test
    void readsAtLeastAsManyRecordsAsEvtxexportInEveryCorpusFile() throws Exception {
        Path corpus = SharedData.evtxCorpus();
        List<Path> files;
        try (Stream<Path> s = Files.walk(corpus)) {
            files = s.filter(p -> p.toString().endsWith(".evtx")).sorted().collect(Collectors.toList());
        }
        assertTrue(files.size() > 300, "corpus files found: " + files.size());
        List<String> fewer = new ArrayList<>();
        List<String> more = new ArrayList<>();
        long ours = 0;
        long theirs = 0;
        for (Path f : files) {
            long[] n = new long[1];
            List<String> problems = new ArrayList<>();
            new EvidenceReader(2, (r, o, m) -> problems.add(m)).read(List.of(f), e -> n[0]++);
            Evtxexport peer = evtxexport(f);
            ours += n[0];
            theirs += peer.records;
            String rel = corpus.relativize(f).toString();
            if (n[0] < peer.records) {
                fewer.add(rel + ": tansa " + n[0] + " < evtxexport " + peer.records + "; tansa reported " + problems);
            } else if (n[0] > peer.records) {
                more.add(rel + ": tansa " + n[0] + " > evtxexport " + peer.records + " — evtxexport: "
                        + (peer.firstError == null ? "no error printed" : peer.firstError));
            }
        }
        System.out.println("corpus: " + files.size() + " files, tansa " + ours + " records, evtxexport " + theirs);
        more.forEach(m -> System.out.println("  more than evtxexport: " + m));
        assertTrue(fewer.isEmpty(), "files where tansa reads fewer records than evtxexport:\n" + String.join("\n", fewer));
    }

    private record Evtxexport(long records, String firstError) {
    }

    private static Evtxexport evtxexport(Path f) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("evtxexport", f.toString()).redirectErrorStream(true).start();
        long records = 0;
        String firstError = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("Event number")) {
                    records++;
                } else if (firstError == null && line.startsWith("lib")) {
                    firstError = line;
                }
            }
        }
        p.waitFor();
        return new Evtxexport(records, firstError);
    }
}
