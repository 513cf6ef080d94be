package tansa.evtx;

/** Little-endian reads from a byte array; callers bounds-check first. */
final class LittleEndian {
    private LittleEndian() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    static int i32(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    static long u32(byte[] b, int i) {
        return i32(b, i) & 0xffffffffL;
    }

    static long i64(byte[] b, int i) {
        return (i32(b, i) & 0xffffffffL) | ((long) i32(b, i + 4)) << 32;
    }
}
