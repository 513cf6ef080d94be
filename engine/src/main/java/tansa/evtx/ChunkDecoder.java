package tansa.evtx;

import com.fasterxml.jackson.databind.node.ObjectNode;

import tansa.event.Event;
import tansa.reader.Problems;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Decodes the records of one 64 KiB chunk ("ElfChnk\0"). A damaged record is reported with the
 * file, chunk index and byte offset, then skipped: the decoder looks for the next record
 * signature and reads on. Stateless apart from the per-call parser; safe to call from many
 * threads on different chunks.
 */
final class ChunkDecoder {
    static final int SIZE = 65536;
    static final int HEADER_SIZE = 512;
    private static final byte[] MAGIC = {'E', 'l', 'f', 'C', 'h', 'n', 'k', 0};
    private static final int RECORD_MAGIC = 0x00002a2a;
    private static final int RECORD_HEADER = 24;

    private ChunkDecoder() {
    }

    /** Whether the chunk is an unused, zero-filled preallocation (no report for those). */
    static boolean isEmpty(byte[] chunk, int avail) {
        int n = Math.min(avail, HEADER_SIZE);
        for (int i = 0; i < n; i++) {
            if (chunk[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static List<Event> decode(byte[] chunk, int avail, int index, long fileOffset, String source, Problems problems,
                              Consumer<Event> prepare) {
        List<Event> out = new ArrayList<>(avail >= SIZE ? 128 : 16);
        if (avail < HEADER_SIZE) {
            problems.report(source, fileOffset, "chunk " + index + " is cut short: " + avail
                    + " bytes, expected a " + HEADER_SIZE + "-byte chunk header; skipped");
            return out;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (chunk[i] != MAGIC[i]) {
                problems.report(source, fileOffset, "chunk " + index + " has signature " + printable(chunk, 8)
                        + ", expected 'ElfChnk\\0'; skipped");
                return out;
            }
        }
        int freeSpace = LittleEndian.i32(chunk, 48);
        CRC32 crc = new CRC32();
        crc.update(chunk, 0, 120);
        crc.update(chunk, 128, HEADER_SIZE - 128);
        int expectedHeaderCrc = LittleEndian.i32(chunk, 124);
        boolean headerOk = (int) crc.getValue() == expectedHeaderCrc;
        int end = freeSpace >= HEADER_SIZE && freeSpace <= avail ? freeSpace : avail;
        if (!headerOk) {
            problems.note(source, fileOffset + 124, "chunk " + index + " header CRC32 0x" + Integer.toHexString((int) crc.getValue())
                    + " vs expected 0x" + Integer.toHexString(expectedHeaderCrc)
                    + "; reading its records with structural checks");
        } else if (freeSpace >= HEADER_SIZE && freeSpace <= avail) {
            crc.reset();
            crc.update(chunk, HEADER_SIZE, freeSpace - HEADER_SIZE);
            int expectedDataCrc = LittleEndian.i32(chunk, 52);
            if ((int) crc.getValue() != expectedDataCrc) {
                problems.note(source, fileOffset + 52, "chunk " + index + " records CRC32 0x" + Integer.toHexString((int) crc.getValue())
                        + " vs expected 0x" + Integer.toHexString(expectedDataCrc)
                        + "; reading its records with structural checks");
            }
        }
        if (avail < SIZE) {
            problems.report(source, fileOffset + avail, "chunk " + index + " is cut short at " + avail
                    + " of " + SIZE + " bytes (truncated file); reading the records it still holds");
        }
        BinXmlParser parser = new BinXmlParser(chunk, avail, fileOffset);
        JsonRenderer renderer = new JsonRenderer(parser);
        int off = HEADER_SIZE;
        while (off + RECORD_HEADER <= avail) {
            if (off >= end && headerOk) {
                // Past the free-space offset of a consistent header: what follows is slack,
                // possibly stale records of an earlier use of the chunk whose templates were
                // overwritten. Not part of the log.
                break;
            }
            if (LittleEndian.i32(chunk, off) != RECORD_MAGIC) {
                if (off >= end) {
                    break; // past the used part of the chunk: the rest is free space
                }
                int next = nextRecord(chunk, off + 8, avail);
                problems.report(source, fileOffset + off, "chunk " + index + ": no record signature '**\\0\\0' at chunk offset "
                        + off + (next < 0 ? "; rest of chunk skipped" : "; skipped " + (next - off) + " bytes to the next record"));
                if (next < 0) {
                    break;
                }
                off = next;
                continue;
            }
            long size = LittleEndian.u32(chunk, off + 4);
            if (size < RECORD_HEADER + 4 || off + size > avail
                    || LittleEndian.u32(chunk, off + (int) size - 4) != size) {
                int next = nextRecord(chunk, off + 8, avail);
                String why = size < RECORD_HEADER + 4 || off + size > avail
                        ? "record size " + size + " does not fit the chunk (" + (avail - off) + " bytes left)"
                        : "record size " + size + " does not match its trailing copy " + LittleEndian.u32(chunk, off + (int) size - 4);
                problems.report(source, fileOffset + off, "chunk " + index + ": " + why + " (record cut short); "
                        + (next < 0 ? "rest of chunk skipped" : "skipped to the next record"));
                if (next < 0) {
                    break;
                }
                off = next;
                continue;
            }
            long recordId = LittleEndian.i64(chunk, off + 8);
            long written = LittleEndian.i64(chunk, off + 16);
            try {
                BinXmlNode[] fragment = parser.parseFragment(off + RECORD_HEADER, off + (int) size - 4, false, 0);
                ObjectNode tree = renderer.render(fragment);
                Event event = Event.fromSystem(tree, source, recordId, written);
                prepare.accept(event);
                out.add(event);
            } catch (EvtxFormatException e) {
                problems.report(source, e.offset(), "chunk " + index + ", record " + recordId + " at offset "
                        + (fileOffset + off) + ": " + e.getMessage() + "; record skipped");
            } catch (RuntimeException | StackOverflowError e) {
                // A defect of ours rather than of the input; still one line, and the chunk goes on.
                problems.report(source, fileOffset + off, "chunk " + index + ", record " + recordId
                        + ": internal error (" + e + "); record skipped — please report this file");
            }
            off += (int) size;
        }
        return out;
    }

    /** The next offset (8-byte aligned) holding a record signature, or -1. */
    private static int nextRecord(byte[] chunk, int from, int avail) {
        for (int p = (from + 7) & ~7; p + RECORD_HEADER <= avail; p += 8) {
            if (LittleEndian.i32(chunk, p) == RECORD_MAGIC) {
                long size = LittleEndian.u32(chunk, p + 4);
                if (size >= RECORD_HEADER + 4 && p + size <= avail && LittleEndian.u32(chunk, p + (int) size - 4) == size) {
                    return p;
                }
            }
        }
        return -1;
    }

    private static String printable(byte[] b, int n) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", c));
            }
        }
        return sb.append('\'').toString();
    }
}
