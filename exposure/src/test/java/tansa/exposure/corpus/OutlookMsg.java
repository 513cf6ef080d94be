package tansa.exposure.corpus;

import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal Outlook message ([MS-OXMSG]) written with POI's POIFS, since POI has no .msg writer:
 * an OLE2 compound file whose root storage holds the message's property streams, one storage per
 * recipient and per attachment, and the (empty) named-property mapping. Only what Outlook needs
 * to open a plain-text note with attachments by value, and what POI's {@code MAPIMessage} (and so
 * Tika's {@code OutlookExtractor}) reads:
 *
 * <pre>
 * __properties_version1.0               fixed-size properties and sizes of the others (§2.4)
 * __substg1.0_001A001F                  PidTagMessageClass "IPM.Note" (UTF-16LE, §2.1.3)
 * __substg1.0_0037001F                  PidTagSubject
 * __substg1.0_1000001F                  PidTagBody
 * __nameid_version1.0/                  named properties: GUID, entry and string streams (§2.2.3)
 * __recip_version1.0_#00000000/         PidTagRecipientType, PidTagDisplayName, PidTagEmailAddress
 * __attach_version1.0_#0000000N/        PidTagAttachMethod 1 (by value), PidTagAttachLongFilename,
 *                                       PidTagAttachFilename, PidTagAttachDataBinary (0x37010102)
 * </pre>
 */
final class OutlookMsg {
    /** The one recipient's address, which the extracted text carries. */
    static final String RECIPIENT = "ir@example.org";
    private static final int PT_LONG = 0x0003;
    private static final int PT_UNICODE = 0x001F;
    private static final int PT_BINARY = 0x0102;
    /** PROPATTR_READABLE | PROPATTR_WRITABLE (§2.4.2.1). */
    private static final int FLAGS = 0x2 | 0x4;

    private OutlookMsg() {
    }

    static byte[] write(String subject, String body, Map<String, byte[]> attachments) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            DirectoryEntry root = fs.getRoot();
            // Top-level header (§2.4.1.1): 8 reserved bytes, next recipient id, next attachment id,
            // recipient count, attachment count, 8 reserved bytes.
            Properties top = new Properties(32);
            top.header.putInt(8, 1).putInt(12, attachments.size()).putInt(16, 1).putInt(20, attachments.size());
            top.string(root, 0x001A, "IPM.Note");
            top.string(root, 0x0037, subject);
            top.string(root, 0x1000, body);
            top.writeTo(root);

            DirectoryEntry names = root.createDirectory("__nameid_version1.0");
            for (int id : new int[] {0x0002, 0x0003, 0x0004}) {
                names.createDocument(stream(id, PT_BINARY), new ByteArrayInputStream(new byte[0]));
            }

            DirectoryEntry recipient = root.createDirectory("__recip_version1.0_#00000000");
            Properties rp = new Properties(8);
            rp.fixed(0x0C15, PT_LONG, 1); // PidTagRecipientType: MAPI_TO
            rp.string(recipient, 0x3001, "Incident Response");
            rp.string(recipient, 0x3003, RECIPIENT);
            rp.writeTo(recipient);

            int n = 0;
            for (Map.Entry<String, byte[]> a : attachments.entrySet()) {
                DirectoryEntry d = root.createDirectory(String.format(Locale.ROOT, "__attach_version1.0_#%08X", n++));
                Properties ap = new Properties(8);
                ap.fixed(0x3705, PT_LONG, 1); // PidTagAttachMethod: afByValue
                ap.string(d, 0x3707, a.getKey());
                ap.string(d, 0x3704, a.getKey());
                ap.binary(d, 0x3701, a.getValue());
                ap.writeTo(d);
            }
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    private static String stream(int id, int type) {
        return String.format(Locale.ROOT, "__substg1.0_%04X%04X", id, type);
    }

    /** A property stream: a header, then 16 bytes a property (tag, flags, value or size). */
    private static final class Properties {
        final ByteBuffer header;
        private final ByteBuffer entries = ByteBuffer.allocate(16 * 16).order(ByteOrder.LITTLE_ENDIAN);

        Properties(int headerSize) {
            this.header = ByteBuffer.allocate(headerSize).order(ByteOrder.LITTLE_ENDIAN);
        }

        void fixed(int id, int type, int value) {
            entries.putInt(id << 16 | type).putInt(FLAGS).putInt(value).putInt(0);
        }

        /** PtypString: UTF-16LE in its own stream; the size counts the terminating NUL (§2.4.2.2). */
        void string(DirectoryEntry d, int id, String value) throws IOException {
            data(d, id, PT_UNICODE, (value + "\0").getBytes(StandardCharsets.UTF_16LE));
        }

        void binary(DirectoryEntry d, int id, byte[] value) throws IOException {
            data(d, id, PT_BINARY, value);
        }

        private void data(DirectoryEntry d, int id, int type, byte[] value) throws IOException {
            d.createDocument(stream(id, type), new ByteArrayInputStream(value));
            entries.putInt(id << 16 | type).putInt(FLAGS).putInt(value.length).putInt(0);
        }

        void writeTo(DirectoryEntry d) throws IOException {
            byte[] all = Arrays.copyOf(header.array(), header.capacity() + entries.position());
            System.arraycopy(entries.array(), 0, all, header.capacity(), entries.position());
            d.createDocument("__properties_version1.0", new ByteArrayInputStream(all));
        }
    }
}
