package tansa.zeek;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.event.Event;
import tansa.reader.EvidenceReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Zeek's TSV form, detail by detail, and damage that costs only the damaged line. */
class ZeekTsvReaderTest {
    private static final ObjectMapper M = new ObjectMapper();
    private final List<String> problems = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();

    private static String header(String path, String fields, String types) {
        return "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\t" + path
                + "\n#open\t2024-04-12-19-29-13\n#fields\t" + fields + "\n#types\t" + types + "\n";
    }

    private List<String> read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> read(byte[] bytes) throws IOException {
        events.clear();
        new ZeekTsvReader((r, o, m) -> problems.add("offset " + o + ": " + m))
                .read(new ByteArrayInputStream(bytes), "t.log", events::add);
        List<String> out = new ArrayList<>();
        for (Event e : events) {
            out.add(M.writeValueAsString(e.tree()));
        }
        return out;
    }

    @Test
    void typesEachValueAsZeeksJsonWriterDoes() throws IOException {
        String log = header("conn", "ts\tuid\tid.orig_p\tduration\tlocal_orig\tproto\tmissed_bytes\tresp_l2_addr",
                "time\tstring\tport\tinterval\tbool\tenum\tcount\tint")
                + "1521911721.258458\tCMwJl820SlYyy434c8\t39681\t0.000431\tT\ttcp\t18446744073709551615\t-7\n"
                + "#close\t2024-04-12-19-34-07\n";
        assertEquals(List.of("{\"_path\":\"conn\",\"ts\":\"2018-03-24T17:15:21.258458Z\",\"uid\":\"CMwJl820SlYyy434c8\","
                + "\"id.orig_p\":39681,\"duration\":4.31E-4,\"local_orig\":true,\"proto\":\"tcp\","
                + "\"missed_bytes\":18446744073709551615,\"resp_l2_addr\":-7}"), read(log));
        assertEquals(Instant.parse("2018-03-24T17:15:21.258458Z"), events.get(0).timestamp());
        assertEquals(List.of(), problems);
    }

    @Test
    void setsVectorsEmptyAndUnset() throws IOException {
        String log = header("x", "ts\ttags\tports\tnames\tnote\tmsg\tgone",
                "time\tset[string]\tvector[count]\tvector[string]\tstring\tstring\tcount")
                + "1.5\ta,b\\x2cc\t80,443\t(empty)\t(empty)\t\\x2d\t-\n"
                + "2\t-\t-,22\tx,-\t-\t-\t3\n";
        assertEquals(List.of(
                "{\"_path\":\"x\",\"ts\":\"1970-01-01T00:00:01.500000Z\",\"tags\":[\"a\",\"b,c\"],\"ports\":[80,443],"
                        + "\"names\":[],\"note\":\"\",\"msg\":\"-\"}",
                "{\"_path\":\"x\",\"ts\":\"1970-01-01T00:00:02.000000Z\",\"ports\":[null,22],\"names\":[\"x\",null],"
                        + "\"gone\":3}"), read(log));
        assertEquals(List.of(), problems);
    }

    @Test
    void decodesEscapesAsTheJsonWriterPrintsThem() throws IOException {
        // \x0a is a line feed, \x00 stays the text \x00, \\ is one backslash, UTF-8 stays, a lone
        // 0xff byte is \xff, a tab in a value is written \x09
        String log = header("s", "ts\tv", "time\tstring")
                + "1\tline\\x0anext \\x00 \\\\\\\\srv\\\\IPC$ caf\u00e9 \\xff \\xe3\\x81\\x82 a\\x09b\n";
        assertEquals(List.of("{\"_path\":\"s\",\"ts\":\"1970-01-01T00:00:01.000000Z\","
                + "\"v\":\"line\\nnext \\\\x00 \\\\\\\\srv\\\\IPC$ caf\u00e9 \\\\xff \u3042 a\\tb\"}"), read(log));
        assertEquals(List.of(), problems);
    }

    @Test
    void readsSeveralLogsConcatenatedEachWithItsOwnHeader() throws IOException {
        String log = header("dns", "ts\tquery", "time\tstring") + "1\texample.org\n#close\t2024\n"
                + "#separator \\x7c\n#set_separator|;\n#empty_field|EMPTY\n#unset_field|NONE\n#path|rdp\n"
                + "#fields|ts|cookie|client_channels\n#types|time|string|vector[string]\n"
                + "2|alice|rdpdr;cliprdr\n3|NONE|EMPTY\n#close|2024\n"
                + header("dns", "ts\tqtype", "time\tcount") + "4\t1\n";
        assertEquals(List.of(
                "{\"_path\":\"dns\",\"ts\":\"1970-01-01T00:00:01.000000Z\",\"query\":\"example.org\"}",
                "{\"_path\":\"rdp\",\"ts\":\"1970-01-01T00:00:02.000000Z\",\"cookie\":\"alice\",\"client_channels\":[\"rdpdr\",\"cliprdr\"]}",
                "{\"_path\":\"rdp\",\"ts\":\"1970-01-01T00:00:03.000000Z\",\"client_channels\":[]}",
                "{\"_path\":\"dns\",\"ts\":\"1970-01-01T00:00:04.000000Z\",\"qtype\":1}"), read(log));
        assertEquals(List.of(), problems);
    }

    @Test
    void reportsEachDamagedLineOnceAndReadsTheRest() throws IOException {
        String head = header("conn", "ts\tuid\tid.orig_p\tduration\tlocal_orig", "time\tstring\tport\tinterval\tbool");
        String log = head
                + "1\tC1\t80\t0.5\tT\n"
                + "2\tC2\t80\n" // too few fields
                + "3\tC3\t8o\t0.5\tT\n" // bad number: kept as text
                + "4\tC4\t80\t0.5\tyes\n" // bad bool
                + "5\tC5\t80\t0.5\tF\n"
                + "#close\t2024\n"
                + "6\tC6\t80\t0.5\tT\n" // after #close, no header
                + "7\tC7\t80\t0.5\tT\n"
                + head
                + "8\tC8\t80\t0.5\tF\n"
                + "9\tC9\t8"; // cut mid-line
        List<String> out = read(log);
        assertEquals(5, out.size());
        assertEquals("{\"_path\":\"conn\",\"ts\":\"1970-01-01T00:00:03.000000Z\",\"uid\":\"C3\",\"id.orig_p\":\"8o\","
                + "\"duration\":0.5,\"local_orig\":true}", out.get(1));
        assertEquals(List.of(
                "offset " + log.indexOf("2\tC2") + ": line 10: 3 fields where #fields names 5; record skipped",
                "offset " + log.indexOf("3\tC3") + ": line 11: field id.orig_p is not an integer: '8o'; kept as text",
                "offset " + log.indexOf("4\tC4") + ": line 12: field local_orig is not a bool (T or F): 'yes'; kept as text",
                "offset " + log.indexOf("6\tC6") + ": line 15: a data line with no #fields header before it (a cut or incomplete "
                        + "Zeek header); lines up to the next header skipped",
                "offset " + log.indexOf("9\tC9") + ": line 26: cut short (3 of 5 fields and no line end: the file is truncated); "
                        + "record skipped"), problems);
    }

    @Test
    void aLogCutInsideItsHeaderIsReportedNotGuessed() throws IOException {
        String log = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n"
                + "1521911721.258458\tC1\t80\n";
        assertEquals(List.of(), read(log));
        assertEquals(List.of("offset " + log.indexOf("1521911721") + ": line 6: a data line with no #fields header before it (a cut or incomplete "
                + "Zeek header); lines up to the next header skipped"), problems);
    }

    @Test
    void isFoundByContentPlainOrGzipWhateverItsName(@TempDir Path dir) throws IOException {
        String log = header("weird", "ts\tname", "time\tstring") + "1\tbad_TCP_checksum\n2\tdata_before_established\n";
        Files.writeString(dir.resolve("a.txt"), log);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("b.dat")))) {
            out.write(log.getBytes(StandardCharsets.UTF_8));
        }
        List<Event> all = new ArrayList<>();
        new EvidenceReader(1, (r, o, m) -> problems.add(m)).read(List.of(dir), all::add);
        assertEquals(4, all.size());
        assertEquals("weird", all.get(3).text("_path"));
        assertEquals("data_before_established", all.get(3).text("name"));
        assertEquals(List.of(), problems);
    }

    @Test
    void aCutGzipStreamKeepsEveryLineBeforeTheCut(@TempDir Path dir) throws IOException {
        StringBuilder log = new StringBuilder(header("weird", "ts\tname", "time\tstring"));
        for (int i = 0; i < 20_000; i++) {
            log.append(i).append("\tbad_TCP_checksum_").append(i).append('\n');
        }
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(log.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = gz.toByteArray();
        Path cut = dir.resolve("weird.log.gz");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        List<Event> read = new ArrayList<>();
        new EvidenceReader(1, (r, o, m) -> problems.add(m)).read(List.of(cut), read::add);
        // every complete line the half of the compressed stream holds is read, in order
        int n = read.size();
        assertEquals(completeLines(cut) - 8, n);
        assertEquals("bad_TCP_checksum_" + (n - 1), read.get(n - 1).text("name"));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(true, problems.get(0).matches("line " + (n + 9) + ": the gzip stream ends early \\(truncated file\\) "
                + "after " + n + " records; the rest of the file is lost"), problems.get(0));
    }

    /** Complete lines of a cut gzip file, read a byte at a time (a reference that loses nothing). */
    private static int completeLines(Path gz) throws IOException {
        int lines = 0;
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
            int c;
            while ((c = in.read()) >= 0) {
                lines += c == '\n' ? 1 : 0;
            }
        } catch (java.io.EOFException expected) {
            // the cut
        }
        return lines;
    }

    @Test
    void aRecordWithoutTsHasNoTime() throws IOException {
        read(header("x", "ts\tname", "time\tstring") + "-\tn\n");
        assertNull(events.get(0).timestamp());
        assertEquals(List.of(), problems);
    }
}
