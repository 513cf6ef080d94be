package tansa.evtx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses BinXml tokens of one chunk into {@link BinXmlNode}s. Caches names and template
 * definitions by their chunk offset, so a template is parsed once per chunk.
 *
 * <p>Every read is bounds-checked against the bytes the chunk really has; nesting, template
 * self-reference and value counts are limited so that hostile input ends in an
 * {@link EvtxFormatException}, never in a crash, a hang or an exhausted heap.
 *
 * <p>Not thread-safe: one parser per chunk, used by one thread.
 */
final class BinXmlParser {
    static final int MAX_DEPTH = 96;

    private static final int TOKEN_EOF = 0x00;
    private static final int TOKEN_OPEN_START = 0x01;
    private static final int TOKEN_CLOSE_START = 0x02;
    private static final int TOKEN_CLOSE_EMPTY = 0x03;
    private static final int TOKEN_END_ELEMENT = 0x04;
    private static final int TOKEN_VALUE = 0x05;
    private static final int TOKEN_ATTRIBUTE = 0x06;
    private static final int TOKEN_CDATA = 0x07;
    private static final int TOKEN_CHAR_REF = 0x08;
    private static final int TOKEN_ENTITY_REF = 0x09;
    private static final int TOKEN_PI_TARGET = 0x0a;
    private static final int TOKEN_PI_DATA = 0x0b;
    private static final int TOKEN_TEMPLATE_INSTANCE = 0x0c;
    private static final int TOKEN_NORMAL_SUBST = 0x0d;
    private static final int TOKEN_OPTIONAL_SUBST = 0x0e;
    private static final int TOKEN_FRAGMENT_HEADER = 0x0f;
    private static final int FLAG_MORE = 0x40;

    private static final BinXmlNode.Attribute[] NO_ATTRIBUTES = new BinXmlNode.Attribute[0];
    private static final BinXmlNode[] NO_NODES = new BinXmlNode[0];

    private final byte[] b;
    private final int avail;
    private final long fileOffset;
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Integer, Template> templates = new HashMap<>();
    private final Map<Integer, Boolean> templatesInProgress = new HashMap<>();
    /** Scratch for Latin-1 string decoding: no string in a chunk is longer than the chunk. */
    final byte[] scratch = new byte[ChunkDecoder.SIZE / 2];
    private int pos;

    /**
     * @param chunk      the chunk bytes
     * @param avail      how many of them the file really has (a truncated last chunk has fewer)
     * @param fileOffset the chunk's offset in the file, for messages
     */
    BinXmlParser(byte[] chunk, int avail, long fileOffset) {
        this.b = chunk;
        this.avail = avail;
        this.fileOffset = fileOffset;
    }

    /** Parses the fragment in {@code [start, end)}; stops at its end-of-stream token. */
    BinXmlNode[] parseFragment(int start, int end, boolean inSubstitution, int depth) {
        if (depth > MAX_DEPTH) {
            throw error(start, "BinXml nested deeper than " + MAX_DEPTH + " levels");
        }
        pos = start;
        List<BinXmlNode> out = new ArrayList<>(2);
        while (pos < end) {
            int token = u8();
            switch (token & ~FLAG_MORE) {
                case TOKEN_EOF:
                    return out.toArray(NO_NODES);
                case TOKEN_FRAGMENT_HEADER:
                    need(3);
                    pos += 3;
                    break;
                case TOKEN_TEMPLATE_INSTANCE:
                    out.add(templateInstance(depth));
                    break;
                case TOKEN_OPEN_START:
                    out.add(element(token, inSubstitution, depth + 1));
                    break;
                case TOKEN_PI_TARGET:
                    out.add(processingInstruction());
                    break;
                default:
                    throw error(pos - 1, "unexpected BinXml token 0x" + Integer.toHexString(token)
                            + " at fragment level (expected fragment header, template instance or element)");
            }
        }
        return out.toArray(NO_NODES);
    }

    int position() {
        return pos;
    }

    private BinXmlNode.Element element(int token, boolean inSubstitution, int depth) {
        if (depth > MAX_DEPTH) {
            throw error(pos, "BinXml elements nested deeper than " + MAX_DEPTH + " levels");
        }
        int start = pos;
        String name;
        if (inSubstitution) {
            name = elementHeader(start, false, token);
        } else {
            // The dependency identifier is present outside substitution values; when its absence
            // is the only reading under which the name offset makes sense, accept that reading.
            // The usual reason to fall back is checked first, without an exception: files that
            // omit it do so in every element, and the EVTX corpus threw 37,000 exceptions (5% of
            // a hunt's allocation, each with its stack trace).
            int save = pos;
            if (!dependencyIdFits(start)) {
                name = elementHeader(start, false, token);
            } else {
                try {
                    name = elementHeader(start, true, token);
                } catch (EvtxFormatException e) {
                    pos = save;
                    name = elementHeader(start, false, token);
                }
            }
        }
        BinXmlNode.Attribute[] attributes = NO_ATTRIBUTES;
        if ((token & FLAG_MORE) != 0) {
            List<BinXmlNode.Attribute> list = new ArrayList<>(4);
            while (pos < avail && (b[pos] & ~FLAG_MORE) == TOKEN_ATTRIBUTE) {
                pos++;
                list.add(attribute());
            }
            attributes = list.toArray(NO_ATTRIBUTES);
        }
        int close = u8();
        if (close == TOKEN_CLOSE_EMPTY) {
            return new BinXmlNode.Element(name, attributes, NO_NODES);
        }
        if (close != TOKEN_CLOSE_START) {
            throw error(pos - 1, "element <" + name + "> start tag ends with token 0x" + Integer.toHexString(close)
                    + ", expected close-start (0x02) or close-empty (0x03)");
        }
        List<BinXmlNode> children = new ArrayList<>(4);
        while (true) {
            int t = u8();
            switch (t & ~FLAG_MORE) {
                case TOKEN_END_ELEMENT:
                    return new BinXmlNode.Element(name, attributes, children.toArray(NO_NODES));
                case TOKEN_OPEN_START:
                    children.add(element(t, inSubstitution, depth + 1));
                    break;
                case TOKEN_VALUE:
                    children.add(valueText());
                    break;
                case TOKEN_CDATA:
                    children.add(new BinXmlNode.Text(lengthPrefixedString()));
                    break;
                case TOKEN_CHAR_REF:
                    children.add(new BinXmlNode.Text(String.valueOf((char) u16())));
                    break;
                case TOKEN_ENTITY_REF:
                    children.add(new BinXmlNode.Text(entity(name())));
                    break;
                case TOKEN_NORMAL_SUBST:
                case TOKEN_OPTIONAL_SUBST:
                    children.add(substitution(t));
                    break;
                case TOKEN_TEMPLATE_INSTANCE:
                    children.add(templateInstance(depth));
                    break;
                case TOKEN_PI_TARGET:
                    children.add(processingInstruction());
                    break;
                case TOKEN_EOF:
                    throw error(pos - 1, "end of BinXml stream inside element <" + name + ">, expected end-element (0x04)");
                default:
                    throw error(pos - 1, "unexpected BinXml token 0x" + Integer.toHexString(t) + " inside element <" + name + ">");
            }
        }
    }

    /**
     * Whether {@code elementHeader(start, true, ...)} at {@code pos} passes its bounds checks and
     * its name-offset check (it may still fail on the name itself).
     */
    private boolean dependencyIdFits(int start) {
        if (pos + 10L > avail) {
            return false;
        }
        int nameOffset = LittleEndian.i32(b, pos + 6);
        return nameOffset == pos + 10 || (nameOffset >= ChunkDecoder.HEADER_SIZE && nameOffset < start);
    }

    /** Reads [dependency id] data size, name offset [inline name], [attribute list size]; returns the name. */
    private String elementHeader(int start, boolean dependencyId, int token) {
        if (dependencyId) {
            need(2);
            pos += 2;
        }
        need(8);
        pos += 4; // data size: the element's extent, not needed to parse it
        int nameOffset = LittleEndian.i32(b, pos);
        pos += 4;
        if (nameOffset != pos && (nameOffset < ChunkDecoder.HEADER_SIZE || nameOffset >= start)) {
            // Names are written after the chunk header, before their first use or inline right here.
            throw error(pos - 4, "element name offset " + (nameOffset & 0xffffffffL) + " points ahead of the element at " + start);
        }
        String name = nameAt(nameOffset);
        if ((token & FLAG_MORE) != 0) {
            need(4);
            pos += 4;
        }
        return name;
    }

    private BinXmlNode.Attribute attribute() {
        need(4);
        int nameOffset = LittleEndian.i32(b, pos);
        pos += 4;
        String name = nameAt(nameOffset);
        List<BinXmlNode> value = new ArrayList<>(1);
        while (pos < avail) {
            int t = b[pos] & 0xff;
            switch (t & ~FLAG_MORE) {
                case TOKEN_VALUE:
                    pos++;
                    value.add(valueText());
                    break;
                case TOKEN_NORMAL_SUBST:
                case TOKEN_OPTIONAL_SUBST:
                    pos++;
                    value.add(substitution(t));
                    break;
                case TOKEN_CHAR_REF:
                    pos++;
                    value.add(new BinXmlNode.Text(String.valueOf((char) u16())));
                    break;
                case TOKEN_ENTITY_REF:
                    pos++;
                    value.add(new BinXmlNode.Text(entity(name())));
                    break;
                default:
                    return new BinXmlNode.Attribute(name, value.toArray(NO_NODES));
            }
        }
        throw error(pos, "attribute " + name + " runs past the end of the chunk");
    }

    private BinXmlNode.Text valueText() {
        int type = u8();
        if (type != 0x01) {
            throw error(pos - 1, "value text of type 0x" + Integer.toHexString(type) + ", expected a string (0x01)");
        }
        return new BinXmlNode.Text(lengthPrefixedString());
    }

    private BinXmlNode.Substitution substitution(int token) {
        need(3);
        int index = LittleEndian.u16(b, pos);
        int type = b[pos + 2] & 0xff;
        pos += 3;
        return new BinXmlNode.Substitution(index, type, (token & ~FLAG_MORE) == TOKEN_OPTIONAL_SUBST);
    }

    private BinXmlNode.ProcessingInstruction processingInstruction() {
        String target = name();
        String data = "";
        if (pos < avail && (b[pos] & 0xff) == TOKEN_PI_DATA) {
            pos++;
            data = lengthPrefixedString();
        }
        return new BinXmlNode.ProcessingInstruction(target, data);
    }

    private BinXmlNode.TemplateInstance templateInstance(int depth) {
        need(9);
        pos += 1; // unknown
        long id = LittleEndian.u32(b, pos);
        int defOffset = LittleEndian.i32(b, pos + 4);
        pos += 8;
        Template template;
        if (defOffset == pos) {
            // Inline definition: next-template offset, GUID, data size, body.
            need(24);
            int size = LittleEndian.i32(b, pos + 20);
            int bodyStart = pos + 24;
            if (size < 0 || bodyStart + (long) size > avail) {
                throw error(pos + 20, "template definition size " + (size & 0xffffffffL) + " runs past the chunk end");
            }
            template = templates.get(defOffset);
            if (template == null) {
                template = parseTemplate(defOffset, id, bodyStart, bodyStart + size, depth);
            }
            pos = bodyStart + size;
        } else {
            template = templates.get(defOffset);
            if (template == null) {
                int save = pos;
                if (defOffset < 0 || defOffset + 24L > avail) {
                    throw error(pos - 4, "template definition offset " + (defOffset & 0xffffffffL) + " is outside the chunk");
                }
                int size = LittleEndian.i32(b, defOffset + 20);
                int bodyStart = defOffset + 24;
                if (size < 0 || bodyStart + (long) size > avail) {
                    throw error(defOffset + 20, "template definition size " + (size & 0xffffffffL) + " runs past the chunk end");
                }
                template = parseTemplate(defOffset, id, bodyStart, bodyStart + size, depth);
                pos = save;
            }
        }
        return new BinXmlNode.TemplateInstance(template, values());
    }

    private Template parseTemplate(int defOffset, long id, int bodyStart, int bodyEnd, int depth) {
        if (templatesInProgress.putIfAbsent(defOffset, Boolean.TRUE) != null) {
            throw error(defOffset, "template definition at chunk offset " + defOffset + " refers to itself");
        }
        try {
            int save = pos;
            BinXmlNode[] body = parseFragment(bodyStart, bodyEnd, false, depth + 1);
            pos = save;
            Template t = new Template(defOffset, id, body);
            templates.put(defOffset, t);
            return t;
        } finally {
            templatesInProgress.remove(defOffset);
        }
    }

    private Values values() {
        need(4);
        long count = LittleEndian.u32(b, pos);
        pos += 4;
        if (count * 4 > avail - pos) {
            throw error(pos - 4, "template instance declares " + count + " values, more than the chunk can hold");
        }
        int n = (int) count;
        int[] types = new int[n];
        int[] offsets = new int[n];
        int[] sizes = new int[n];
        for (int i = 0; i < n; i++) {
            sizes[i] = LittleEndian.u16(b, pos);
            types[i] = b[pos + 2] & 0xff;
            pos += 4;
        }
        for (int i = 0; i < n; i++) {
            offsets[i] = pos;
            if (pos + (long) sizes[i] > avail) {
                throw error(pos, "value " + i + " of " + sizes[i] + " bytes runs past the chunk end");
            }
            pos += sizes[i];
        }
        return new Values(b, types, offsets, sizes);
    }

    /** Reads a name offset at the cursor; an inline name (offset == here) is skipped over. */
    private String name() {
        need(4);
        int offset = LittleEndian.i32(b, pos);
        pos += 4;
        return nameAt(offset);
    }

    private String nameAt(int offset) {
        if (offset == pos) {
            String name = readName(offset);
            pos += 8 + 2 * LittleEndian.u16(b, offset + 6) + 2;
            return name;
        }
        if (offset < 0 || offset >= avail) {
            throw error(pos - 4, "name offset " + (offset & 0xffffffffL) + " is outside the chunk");
        }
        return readName(offset);
    }

    private String readName(int offset) {
        String name = names.get(offset);
        if (name != null) {
            return name;
        }
        if (offset < 0 || offset + 8L > avail) {
            throw error(offset, "name structure at chunk offset " + offset + " runs past the chunk end");
        }
        int chars = LittleEndian.u16(b, offset + 6);
        if (offset + 8L + 2L * chars + 2 > avail) {
            throw error(offset, "name of " + chars + " characters runs past the chunk end");
        }
        name = Utf16.decode(b, offset + 8, 2 * chars, scratch);
        names.put(offset, name);
        return name;
    }

    private String lengthPrefixedString() {
        int chars = u16();
        need(2 * chars);
        String s = Utf16.decode(b, pos, 2 * chars, scratch);
        pos += 2 * chars;
        return s;
    }

    private static String entity(String name) {
        switch (name) {
            case "amp":
                return "&";
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "quot":
                return "\"";
            case "apos":
                return "'";
            default:
                return "&" + name + ";";
        }
    }

    private int u8() {
        need(1);
        return b[pos++] & 0xff;
    }

    private int u16() {
        need(2);
        int v = LittleEndian.u16(b, pos);
        pos += 2;
        return v;
    }

    private void need(int n) {
        if (n < 0 || pos + (long) n > avail) {
            throw error(pos, "BinXml needs " + n + " more bytes at chunk offset " + pos + " but the chunk has " + avail);
        }
    }

    EvtxFormatException error(int chunkOffset, String message) {
        return new EvtxFormatException(fileOffset + chunkOffset, message);
    }
}
