package tansa.evtx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Decodes substitution values to JSON as the reference renderings show them: integers as
 * numbers, booleans as booleans, and every other type as text — hex integers and size_t as
 * {@code "0x..."} (lower case), GUIDs upper-case without braces, SIDs as {@code S-1-5-18},
 * FILETIME and SYSTEMTIME as ISO-8601 UTC with microseconds, binary as upper-case hex, floats
 * in shortest form, arrays as their items' text joined by commas. Strings end at their first
 * NUL and lose trailing spaces. Stateless.
 */
final class ValueDecoder {
    static final int NULL = 0x00;
    static final int STRING = 0x01;
    static final int ANSI_STRING = 0x02;
    static final int INT8 = 0x03;
    static final int UINT8 = 0x04;
    static final int INT16 = 0x05;
    static final int UINT16 = 0x06;
    static final int INT32 = 0x07;
    static final int UINT32 = 0x08;
    static final int INT64 = 0x09;
    static final int UINT64 = 0x0a;
    static final int REAL32 = 0x0b;
    static final int REAL64 = 0x0c;
    static final int BOOL = 0x0d;
    static final int BINARY = 0x0e;
    static final int GUID = 0x0f;
    static final int SIZE_T = 0x10;
    static final int FILETIME = 0x11;
    static final int SYSTEMTIME = 0x12;
    static final int SID = 0x13;
    static final int HEX_INT32 = 0x14;
    static final int HEX_INT64 = 0x15;
    static final int EVT_HANDLE = 0x20;
    static final int BINXML = 0x21;
    static final int EVT_XML = 0x23;
    static final int ARRAY = 0x80;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ValueDecoder() {
    }

    /** The JSON value of a non-BinXml value; null for a null value. */
    static JsonNode decode(byte[] b, int off, int size, int type, BinXmlParser where) {
        if ((type & ARRAY) != 0) {
            return decodeArray(b, off, size, type & ~ARRAY, where);
        }
        switch (type) {
            case NULL:
            case EVT_HANDLE:
            case EVT_XML:
                return null;
            case STRING:
                return TextNode.valueOf(utf16(b, off, size, where.scratch));
            case ANSI_STRING:
                return TextNode.valueOf(ansi(b, off, size));
            default:
                int width = width(type);
                if (width > 0 && size < width) {
                    if (size == 0) {
                        return null;
                    }
                    throw where.error(off, "value of type 0x" + Integer.toHexString(type) + " has " + size
                            + " bytes, expected " + width);
                }
                return scalar(b, off, size, type, where);
        }
    }

    /** Fixed width of a scalar type in bytes; 0 for variable-size types. */
    static int width(int type) {
        switch (type) {
            case INT8:
            case UINT8:
                return 1;
            case INT16:
            case UINT16:
                return 2;
            case INT32:
            case UINT32:
            case REAL32:
            case HEX_INT32:
                return 4;
            case INT64:
            case UINT64:
            case REAL64:
            case FILETIME:
            case HEX_INT64:
                return 8;
            case BOOL:
                return 1;
            case GUID:
            case SYSTEMTIME:
                return 16;
            case SIZE_T:
                return 4;
            case SID:
                return 8;
            default:
                return 0;
        }
    }

    private static JsonNode scalar(byte[] b, int off, int size, int type, BinXmlParser where) {
        switch (type) {
            case INT8:
                return IntNode.valueOf(b[off]);
            case UINT8:
                return IntNode.valueOf(b[off] & 0xff);
            case INT16:
                return IntNode.valueOf((short) LittleEndian.u16(b, off));
            case UINT16:
                return IntNode.valueOf(LittleEndian.u16(b, off));
            case INT32:
                return IntNode.valueOf(LittleEndian.i32(b, off));
            case UINT32:
                return LongNode.valueOf(LittleEndian.u32(b, off));
            case INT64:
                return LongNode.valueOf(LittleEndian.i64(b, off));
            case UINT64: {
                long v = LittleEndian.i64(b, off);
                return v >= 0 ? LongNode.valueOf(v) : BigIntegerNode.valueOf(new BigInteger(Long.toUnsignedString(v)));
            }
            case REAL32:
                return TextNode.valueOf(Float.toString(Float.intBitsToFloat(LittleEndian.i32(b, off))));
            case REAL64:
                return TextNode.valueOf(Double.toString(Double.longBitsToDouble(LittleEndian.i64(b, off))));
            case BOOL: {
                boolean v = false;
                for (int i = 0; i < Math.min(size, 4); i++) {
                    v |= b[off + i] != 0;
                }
                return BooleanNode.valueOf(v);
            }
            case BINARY:
                return TextNode.valueOf(hex(b, off, size));
            case GUID:
                return TextNode.valueOf(guid(b, off));
            case SIZE_T:
                return TextNode.valueOf("0x" + Long.toHexString(size >= 8 ? LittleEndian.i64(b, off) : LittleEndian.u32(b, off)));
            case FILETIME:
                return TextNode.valueOf(Times.filetime(LittleEndian.i64(b, off)));
            case SYSTEMTIME:
                return TextNode.valueOf(Times.systemtime(b, off));
            case SID:
                return TextNode.valueOf(sid(b, off, size, where));
            case HEX_INT32:
                return TextNode.valueOf("0x" + Long.toHexString(LittleEndian.u32(b, off)));
            case HEX_INT64:
                return TextNode.valueOf("0x" + Long.toHexString(LittleEndian.i64(b, off)));
            default:
                throw where.error(off, "unknown value type 0x" + Integer.toHexString(type));
        }
    }

    /** An array value as the reference prints it: its items' text joined by commas. */
    private static JsonNode decodeArray(byte[] b, int off, int size, int type, BinXmlParser where) {
        StringBuilder out = new StringBuilder(size);
        int end = off + size;
        if (type == STRING) {
            int start = off;
            for (int i = off; i + 1 < end; i += 2) {
                if (b[i] == 0 && b[i + 1] == 0) {
                    item(out).append(Utf16.decode(b, start, i - start, where.scratch));
                    start = i + 2;
                }
            }
            if (start + 1 < end) {
                item(out).append(Utf16.decode(b, start, (end - start) & ~1, where.scratch));
            }
            return TextNode.valueOf(out.toString());
        }
        if (type == ANSI_STRING) {
            int start = off;
            for (int i = off; i < end; i++) {
                if (b[i] == 0) {
                    item(out).append(new String(b, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (start < end) {
                item(out).append(new String(b, start, end - start, StandardCharsets.UTF_8));
            }
            return TextNode.valueOf(out.toString());
        }
        if (type == SID) {
            int p = off;
            while (p + 8 <= end) {
                int len = 8 + 4 * (b[p + 1] & 0xff);
                if (p + len > end) {
                    throw where.error(p, "SID array element runs past its value");
                }
                item(out).append(sid(b, p, len, where));
                p += len;
            }
            return TextNode.valueOf(out.toString());
        }
        int width = type == BOOL ? 4 : width(type);
        if (width == 0) {
            throw where.error(off, "array of value type 0x" + Integer.toHexString(type) + " is not defined by the format");
        }
        for (int p = off; p + width <= end; p += width) {
            item(out).append(scalar(b, p, width, type, where).asText());
        }
        return TextNode.valueOf(out.toString());
    }

    private static StringBuilder item(StringBuilder out) {
        if (out.length() > 0) {
            out.append(',');
        }
        return out;
    }

    /**
     * A UTF-16LE string value up to its first NUL, without trailing spaces (the reference
     * rendering does both; Windows pads some command lines with a space).
     */
    static String utf16(byte[] b, int off, int size, byte[] scratch) {
        int len = size & ~1;
        for (int i = 0; i < len; i += 2) {
            if (b[off + i] == 0 && b[off + i + 1] == 0) {
                len = i;
                break;
            }
        }
        while (len >= 2 && b[off + len - 1] == 0 && b[off + len - 2] == ' ') {
            len -= 2;
        }
        return Utf16.decode(b, off, len, scratch);
    }

    private static String ansi(byte[] b, int off, int size) {
        int len = size;
        while (len > 0 && b[off + len - 1] == 0) {
            len--;
        }
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    static String hex(byte[] b, int off, int size) {
        char[] c = new char[size * 2];
        for (int i = 0; i < size; i++) {
            int v = b[off + i] & 0xff;
            c[2 * i] = HEX[v >>> 4];
            c[2 * i + 1] = HEX[v & 0xf];
        }
        return new String(c);
    }

    static String guid(byte[] b, int off) {
        char[] c = new char[36];
        int p = 0;
        p = hexLE(b, off, 4, c, p);
        c[p++] = '-';
        p = hexLE(b, off + 4, 2, c, p);
        c[p++] = '-';
        p = hexLE(b, off + 6, 2, c, p);
        c[p++] = '-';
        for (int i = 8; i < 16; i++) {
            if (i == 10) {
                c[p++] = '-';
            }
            int v = b[off + i] & 0xff;
            c[p++] = HEX[v >>> 4];
            c[p++] = HEX[v & 0xf];
        }
        return new String(c);
    }

    private static int hexLE(byte[] b, int off, int n, char[] c, int p) {
        for (int i = n - 1; i >= 0; i--) {
            int v = b[off + i] & 0xff;
            c[p++] = HEX[v >>> 4];
            c[p++] = HEX[v & 0xf];
        }
        return p;
    }

    static String sid(byte[] b, int off, int size, BinXmlParser where) {
        int revision = b[off] & 0xff;
        int count = b[off + 1] & 0xff;
        if (8 + 4 * count > size) {
            throw where.error(off, "SID with " + count + " sub-authorities needs " + (8 + 4 * count) + " bytes, value has " + size);
        }
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = authority << 8 | (b[off + i] & 0xff);
        }
        StringBuilder sb = new StringBuilder(48).append("S-").append(revision).append('-').append(authority);
        for (int i = 0; i < count; i++) {
            sb.append('-').append(LittleEndian.u32(b, off + 8 + 4 * i));
        }
        return sb.toString();
    }
}
