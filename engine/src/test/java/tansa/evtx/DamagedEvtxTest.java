package tansa.evtx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.event.Event;
import tansa.reader.EvidenceReader;
import tansa.reader.Problems;
import tansa.reader.ReadSummary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged EVTX: each problem is reported once with where and what, and every other record is read. */
class DamagedEvtxTest {
    private static final int FIRST_PAYLOAD = ChunkDecoder.HEADER_SIZE;

    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private List<Event> read(byte[] file) throws IOException {
        Path p = dir.resolve("t.evtx");
        Files.write(p, file);
        List<Event> out = new ArrayList<>();
        Problems problems = new Problems() {
            @Override
            public void report(String resource, long offset, String message) {
                errors.add(offset + ": " + message);
            }

            @Override
            public void note(String resource, long offset, String message) {
                notes.add(offset + ": " + message);
            }
        };
        for (int threads : new int[] {1, 3}) {
            errors.clear();
            notes.clear();
            out.clear();
            ReadSummary s = new EvidenceReader(threads, problems).read(List.of(p), out::add);
            assertEquals(out.size(), s.events());
        }
        return out;
    }

    private static byte[] threeChunks() {
        return new EvtxBuilder()
                .chunk(EvtxBuilder.simpleRecord(FIRST_PAYLOAD, 1, "a"))
                .chunk(EvtxBuilder.simpleRecord(FIRST_PAYLOAD, 2, "b"))
                .chunk(EvtxBuilder.simpleRecord(FIRST_PAYLOAD, 3, "c"))
                .build();
    }

    private static List<String> values(List<Event> events) {
        return events.stream().map(e -> e.text("x")).collect(Collectors.toList());
    }

    @Test
    void readsRecordsWithoutTemplates() throws IOException {
        List<Event> events = read(threeChunks());
        assertEquals(List.of("a", "b", "c"), values(events));
        assertEquals("{\"Event\":{\"System\":{\"EventID\":\"1\"},\"EventData\":{\"x\":\"a\"}}}", events.get(0).tree().toString());
        assertEquals(List.of(1L, 2L, 3L), events.stream().map(Event::recordId).collect(Collectors.toList()));
        assertTrue(errors.isEmpty() && notes.isEmpty(), errors + " " + notes);
    }

    @Test
    void notesDirtyHeaderAndReadsEveryChunk() throws IOException {
        byte[] f = new EvtxBuilder().dirty()
                .chunk(EvtxBuilder.simpleRecord(FIRST_PAYLOAD, 1, "a"))
                .chunk(EvtxBuilder.simpleRecord(FIRST_PAYLOAD, 2, "b"))
                .build();
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putShort(42, (short) 1); // stale chunk count
        fixHeaderCrc(f);
        assertEquals(List.of("a", "b"), values(read(f)));
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("dirty"), notes.toString());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void skipsChunkWithBadSignatureAndReadsTheRest() throws IOException {
        byte[] f = threeChunks();
        int chunk1 = FileHeader.SIZE + ChunkDecoder.SIZE;
        f[chunk1] = 'X';
        assertEquals(List.of("a", "c"), values(read(f)));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith(chunk1 + ": chunk 1 has signature 'XlfChnk\\x00'"), errors.get(0));
    }

    @Test
    void notesChecksumMismatchAndKeepsStructurallyValidRecords() throws IOException {
        byte[] f = threeChunks();
        int chunk1 = FileHeader.SIZE + ChunkDecoder.SIZE;
        f[chunk1 + 124] ^= 1; // header CRC
        assertEquals(List.of("a", "b", "c"), values(read(f)));
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("chunk 1 header CRC32"), notes.get(0));
    }

    @Test
    void skipsRecordCutShortAndReadsTheNextOne() throws IOException {
        byte[] r1 = EvtxBuilder.simpleRecord(FIRST_PAYLOAD, 1, "a");
        int size1 = (24 + r1.length + 4 + 7) & ~7;
        byte[] r2 = EvtxBuilder.simpleRecord(FIRST_PAYLOAD + size1, 2, "b");
        byte[] f = new EvtxBuilder().chunk(r1, r2).build();
        int rec1 = FileHeader.SIZE + FIRST_PAYLOAD;
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(rec1 + 4, 0x7fffffff); // huge size
        assertEquals(List.of("b"), values(read(f)));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith(rec1 + ": chunk 0: record size 2147483647 does not fit the chunk"), errors.get(0));
    }

    @Test
    void readsCompleteRecordsOfTruncatedFile() throws IOException {
        byte[] full = threeChunks();
        int cut = FileHeader.SIZE + 2 * ChunkDecoder.SIZE + 2048; // inside chunk 2, after its record
        byte[] f = java.util.Arrays.copyOf(full, cut);
        assertEquals(List.of("a", "b", "c"), values(read(f)));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("chunk 2 is cut short at 2048 of 65536 bytes"), errors.get(0));
    }

    @Test
    void rejectsDeepNestingWithoutStackOverflow() throws IOException {
        byte[] f = new EvtxBuilder()
                .chunk(EvtxBuilder.deepNesting(FIRST_PAYLOAD, 1000))
                .chunk(EvtxBuilder.simpleRecord(FIRST_PAYLOAD, 2, "b"))
                .build();
        assertEquals(List.of("b"), values(read(f)));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("nested deeper than"), errors.get(0));
    }

    @Test
    void rejectsTemplateThatRefersToItself() throws IOException {
        byte[] f = new EvtxBuilder()
                .chunk(EvtxBuilder.selfReferencingTemplate(FIRST_PAYLOAD))
                .chunk(EvtxBuilder.simpleRecord(FIRST_PAYLOAD, 2, "b"))
                .build();
        assertEquals(List.of("b"), values(read(f)));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("refers to itself"), errors.get(0));
    }

    @Test
    void takesRecordIdAndTimeFromTheSystemBlockNotARenumberedHeader() throws IOException {
        EvtxBuilder.Payload p = new EvtxBuilder.Payload(FIRST_PAYLOAD);
        p.u8(0x0f).u8(1).u8(1).u8(0);
        p.open("Event", false).u8(0x02);
        p.open("System", false).u8(0x02);
        p.open("TimeCreated", true).attribute("SystemTime").text("2016-09-21T03:40:37.088867Z").u8(0x03);
        p.open("EventRecordID", false).u8(0x02).text("13677").u8(0x04);
        p.u8(0x04).u8(0x04).u8(0x00);
        List<Event> events = read(new EvtxBuilder().chunk(p.bytes()).build());
        assertEquals(13677, events.get(0).recordId(), "EventRecordID, not the header's record number 1");
        assertEquals("2016-09-21T03:40:37.088867Z", events.get(0).timestamp().toString());
    }

    @Test
    void reportsNonEvtxAndEmptyFiles() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        Path empty = dir.resolve("empty.evtx");
        Files.write(empty, new byte[0]);
        List<String> msgs = new ArrayList<>();
        ReadSummary s = new EvidenceReader(1, (r, o, m) -> msgs.add(Path.of(r).getFileName() + ": " + m))
                .read(List.of(text, empty, dir.resolve("missing.evtx")), e -> { });
        assertEquals(0, s.events());
        assertEquals(List.of(
                "notes.txt: not evidence: expected an EVTX file ('ElfFile' at offset 0), JSON objects, a Zeek log ('#separator') or syslog lines ('<PRI>', 'Mmm dd hh:mm:ss host', an ISO-8601 time and host), plain or gzip",
                "empty.evtx: empty file: no evidence to read",
                "missing.evtx: no such file or directory"), msgs);
    }

    private static void fixHeaderCrc(byte[] f) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(f, 0, 120);
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(124, (int) crc.getValue());
    }
}
