package tansa.evtx;

import java.util.zip.CRC32;

/**
 * The 4 KiB EVTX file header ("ElfFile\0"). Only the magic is required to read a file: chunk
 * counts in a dirty (not flushed) header are stale, so the reader walks every chunk present.
 */
record FileHeader(int majorVersion, int minorVersion, int chunkCount, long nextRecordId,
                  boolean dirty, boolean full, boolean checksumOk) {
    static final int SIZE = 4096;
    static final byte[] MAGIC = {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0};
    static final int FLAG_DIRTY = 1;
    static final int FLAG_FULL = 2;

    static boolean hasMagic(byte[] b, int length) {
        if (length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Parses a header whose magic was checked; {@code b} holds at least 128 bytes. */
    static FileHeader parse(byte[] b) {
        long next = LittleEndian.i64(b, 24);
        int minor = LittleEndian.u16(b, 36);
        int major = LittleEndian.u16(b, 38);
        int chunks = LittleEndian.u16(b, 42);
        int flags = LittleEndian.i32(b, 120);
        CRC32 crc = new CRC32();
        crc.update(b, 0, 120);
        boolean ok = (int) crc.getValue() == LittleEndian.i32(b, 124);
        return new FileHeader(major, minor, chunks, next, (flags & FLAG_DIRTY) != 0, (flags & FLAG_FULL) != 0, ok);
    }
}
