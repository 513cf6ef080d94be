package tansa.evtx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Builds small EVTX files for tests: a file header and one chunk per call to {@link #chunk},
 * holding records with the given BinXml payloads, with correct sizes and CRCs unless a test
 * breaks them on purpose.
 */
final class EvtxBuilder {
    private final List<byte[]> chunks = new ArrayList<>();
    private boolean dirty;
    private long nextRecordId = 1;

    EvtxBuilder dirty() {
        this.dirty = true;
        return this;
    }

    /** Adds a chunk whose records carry these BinXml payloads. */
    EvtxBuilder chunk(byte[]... payloads) {
        ByteBuffer c = ByteBuffer.allocate(ChunkDecoder.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        c.put("ElfChnk\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        long first = nextRecordId;
        int off = ChunkDecoder.HEADER_SIZE;
        int lastOffset = off;
        for (byte[] p : payloads) {
            int size = (24 + p.length + 4 + 7) & ~7;
            c.putInt(off, 0x00002a2a);
            c.putInt(off + 4, size);
            c.putLong(off + 8, nextRecordId++);
            c.putLong(off + 16, 132_000_000_000_000_000L + nextRecordId * 10_000_000L);
            c.put(off + 24, p);
            c.putInt(off + size - 4, size);
            lastOffset = off;
            off += size;
        }
        c.putLong(8, first);
        c.putLong(16, nextRecordId - 1);
        c.putLong(24, first);
        c.putLong(32, nextRecordId - 1);
        c.putInt(40, 128);
        c.putInt(44, lastOffset);
        c.putInt(48, off);
        byte[] a = c.array();
        CRC32 crc = new CRC32();
        crc.update(a, ChunkDecoder.HEADER_SIZE, off - ChunkDecoder.HEADER_SIZE);
        c.putInt(52, (int) crc.getValue());
        crc.reset();
        crc.update(a, 0, 120);
        crc.update(a, 128, ChunkDecoder.HEADER_SIZE - 128);
        c.putInt(124, (int) crc.getValue());
        chunks.add(a);
        return this;
    }

    byte[] build() {
        ByteBuffer h = ByteBuffer.allocate(FileHeader.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        h.put("ElfFile\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        h.putLong(8, 0);
        h.putLong(16, chunks.size() - 1);
        h.putLong(24, nextRecordId);
        h.putInt(32, 128);
        h.putShort(36, (short) 1);
        h.putShort(38, (short) 3);
        h.putShort(40, (short) 4096);
        h.putShort(42, (short) chunks.size());
        h.putInt(120, dirty ? 1 : 0);
        CRC32 crc = new CRC32();
        crc.update(h.array(), 0, 120);
        h.putInt(124, (int) crc.getValue());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /**
     * A record payload: {@code <Event><System><EventID>id</EventID></System><EventData><Data Name="x">value</Data></EventData></Event>}
     * with inline names and value text, no templates. {@code base} is the payload's chunk offset.
     */
    static byte[] simpleRecord(int base, int eventId, String value) {
        Payload p = new Payload(base);
        p.u8(0x0f).u8(1).u8(1).u8(0);
        p.open("Event", false);
        p.u8(0x02);
        p.open("System", false);
        p.u8(0x02);
        p.open("EventID", false);
        p.u8(0x02);
        p.text(Integer.toString(eventId));
        p.u8(0x04);
        p.u8(0x04);
        p.open("EventData", false);
        p.u8(0x02);
        p.open("Data", true);
        p.attribute("Name").text("x");
        p.u8(0x02);
        p.text(value);
        p.u8(0x04);
        p.u8(0x04);
        p.u8(0x04);
        p.u8(0x00);
        return p.bytes();
    }

    /** A payload of {@code depth} nested open elements that never close. */
    static byte[] deepNesting(int base, int depth) {
        Payload p = new Payload(base);
        p.u8(0x0f).u8(1).u8(1).u8(0);
        for (int i = 0; i < depth; i++) {
            p.open("a", false);
            p.u8(0x02);
        }
        return p.bytes();
    }

    /** An inline template definition whose body instantiates the same template again. */
    static byte[] selfReferencingTemplate(int base) {
        Payload p = new Payload(base);
        p.u8(0x0f).u8(1).u8(1).u8(0);
        p.u8(0x0c).u8(1).u32(7);
        int def = p.position() + 4;
        p.u32(def); // inline definition follows
        Payload body = new Payload(0);
        body.u8(0x0f).u8(1).u8(1).u8(0);
        body.u8(0x0c).u8(1).u32(7).u32(def).u32(0);
        body.u8(0x00);
        byte[] b = body.bytes();
        p.u32(0).u32(0).u32(0).u32(0).u32(0).u32(b.length);
        for (byte x : b) {
            p.u8(x);
        }
        p.u32(0);
        p.u8(0x00);
        return p.bytes();
    }

    /** Writes BinXml tokens; knows its chunk offset so that inline names are recognised. */
    static final class Payload {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int base;

        Payload(int base) {
            this.base = base + 24; // after the record header
        }

        int position() {
            return base + out.size();
        }

        Payload u8(int v) {
            out.write(v);
            return this;
        }

        Payload u16(int v) {
            out.write(v);
            out.write(v >>> 8);
            return this;
        }

        Payload u32(int v) {
            return u16(v & 0xffff).u16(v >>> 16);
        }

        Payload name(String n) {
            u32(position() + 4); // inline: the name follows right here
            u32(0).u16(0).u16(n.length());
            for (char ch : n.toCharArray()) {
                u16(ch);
            }
            return u16(0);
        }

        Payload open(String n, boolean attributes) {
            u8(attributes ? 0x41 : 0x01).u16(0).u32(0);
            name(n);
            if (attributes) {
                u32(0);
            }
            return this;
        }

        Payload attribute(String n) {
            u8(0x06);
            return name(n);
        }

        Payload text(String s) {
            u8(0x05).u8(0x01).u16(s.length());
            for (char ch : s.toCharArray()) {
                u16(ch);
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
