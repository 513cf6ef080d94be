package tansa.evtx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tansa.event.Event;
import tansa.reader.EvidenceReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reference JSON shape for the BinXml structures real logs contain. */
class JsonRendererTest {
    @TempDir
    Path dir;

    /** Renders one record whose BinXml is {@code <Event>...</Event>} with the given body. */
    private String render(Consumer<EvtxBuilder.Payload> body) throws IOException {
        EvtxBuilder.Payload p = new EvtxBuilder.Payload(ChunkDecoder.HEADER_SIZE);
        p.u8(0x0f).u8(1).u8(1).u8(0);
        p.open("Event", false).u8(0x02);
        body.accept(p);
        p.u8(0x04).u8(0x00);
        Path f = dir.resolve("r.evtx");
        Files.write(f, new EvtxBuilder().chunk(p.bytes()).build());
        List<Event> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        new EvidenceReader(1, (r, o, m) -> problems.add(m)).read(List.of(f), out::add);
        assertEquals(List.of(), problems);
        return out.get(0).tree().get("Event").toString();
    }

    private static void data(EvtxBuilder.Payload p, String name, String value) {
        if (name == null) {
            p.open("Data", false).u8(0x02);
        } else {
            p.open("Data", true).attribute("Name").text(name).u8(0x02);
        }
        if (value != null) {
            p.text(value);
        }
        p.u8(0x04);
    }

    @Test
    void namedDataBecomeKeysAndEmptyOnesEmptyStrings() throws IOException {
        assertEquals("{\"EventData\":{\"User\":\"bob\",\"Empty\":\"\"}}", render(p -> {
            p.open("EventData", false).u8(0x02);
            data(p, "User", "bob");
            data(p, "Empty", null);
            p.u8(0x04);
        }));
    }

    @Test
    void unnamedDataGatherUnderDataText() throws IOException {
        assertEquals("{\"EventData\":{\"Data\":{\"#text\":\"only\"}}}", render(p -> {
            p.open("EventData", false).u8(0x02);
            data(p, null, "only");
            p.u8(0x04);
        }));
        assertEquals("{\"EventData\":{\"Data\":{\"#text\":[\"a\",\"\",\"c\"]}}}", render(p -> {
            p.open("EventData", false).u8(0x02);
            data(p, null, "a");
            data(p, null, null);
            data(p, null, "c");
            p.u8(0x04);
        }));
    }

    @Test
    void dataOutsideEventDataIsAnOrdinaryElement() throws IOException {
        assertEquals("{\"Other\":{\"Data\":{\"#attributes\":{\"Name\":\"x\"},\"#text\":\"1\"}}}", render(p -> {
            p.open("Other", false).u8(0x02);
            data(p, "x", "1");
            p.u8(0x04);
        }));
    }

    @Test
    void repeatedElementsGetSuffixesAndEmptyElementsAreNull() throws IOException {
        assertEquals("{\"A\":\"1\",\"A_1\":\"2\",\"B\":null}", render(p -> {
            p.open("A", false).u8(0x02).text("1").u8(0x04);
            p.open("A", false).u8(0x02).text("2").u8(0x04);
            p.open("B", false).u8(0x03);
        }));
    }

    @Test
    void attributesWithoutContentAreLeftOutAndTextJoinsReferences() throws IOException {
        assertEquals("{\"E\":{\"#attributes\":{\"k\":\"v\"},\"#text\":\"a&b<c\"}}", render(p -> {
            p.open("E", true).attribute("k").text("v").attribute("empty").text("").u8(0x02);
            p.text("a");
            p.u8(0x09).name("amp");
            p.text("b");
            p.u8(0x08).u16('<');
            p.text("c");
            p.u8(0x04);
        }));
    }
}
