package tansa.exposure.scan;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tansa.exposure.detect.Detectors;
import tansa.exposure.detect.TextScanner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The reader on its own thread and inline (a scan on one thread): the same text and digest as the
 * JDK gives, and failures leave it reusable.
 */
class Utf8ReaderTest {
    private static final String TEXT = "社外秘 mail: a.b@example.com\n".repeat(20_000) + "é";

    @ParameterizedTest(name = "beside = {0}")
    @ValueSource(booleans = {true, false})
    void decodesAndHashesLikeTheJdk(boolean beside) throws Exception {
        try (Utf8Reader reader = new Utf8Reader(beside)) {
            for (int round = 0; round < 3; round++) {
                byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
                List<String> values = new ArrayList<>();
                TextScanner ts = Detectors.standard().newScanner(h -> values.add(h.value()));
                MessageDigest md = Members.sha256();
                PlainText.readUtf8(new ByteArrayInputStream(bytes), ts, reader, md);
                assertEquals(TEXT.length(), ts.charsSeen());
                assertEquals(40_000, values.size());
                assertEquals(HexFormat.of().formatHex(Members.sha256().digest(bytes)), HexFormat.of().formatHex(md.digest()));
            }
        }
    }

    @ParameterizedTest(name = "beside = {0}")
    @ValueSource(booleans = {true, false})
    void aByteOrderMarkIsHashedButNotScanned(boolean beside) throws Exception {
        try (Utf8Reader reader = new Utf8Reader(beside)) {
            byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
            byte[] bytes = new byte[3 + text.length];
            bytes[0] = (byte) 0xEF;
            bytes[1] = (byte) 0xBB;
            bytes[2] = (byte) 0xBF;
            System.arraycopy(text, 0, bytes, 3, text.length);
            List<Long> offsets = new ArrayList<>();
            TextScanner ts = Detectors.standard().newScanner(h -> offsets.add(h.offset()));
            MessageDigest md = Members.sha256();
            PlainText.readUtf8(new ByteArrayInputStream(bytes), ts, reader, md);
            assertEquals(TEXT.length(), ts.charsSeen());
            assertEquals(0L, offsets.get(0)); // 社外秘 at the first character after the mark
            assertEquals(HexFormat.of().formatHex(Members.sha256().digest(bytes)), HexFormat.of().formatHex(md.digest()));
        }
    }

    @ParameterizedTest(name = "beside = {0}")
    @ValueSource(booleans = {true, false})
    void failuresOfReadingAndScanningLeaveTheReaderUsable(boolean beside) throws Exception {
        try (Utf8Reader reader = new Utf8Reader(beside)) {
            IOException broken = new IOException("disk on fire");
            InputStream failing = new InputStream() {
                private int left = 1 << 20;

                @Override
                public int read() throws IOException {
                    if (left-- == 0) {
                        throw broken;
                    }
                    return 'a';
                }
            };
            TextScanner quiet = Detectors.standard().newScanner(h -> { });
            assertSame(broken, assertThrows(IOException.class, () -> PlainText.readUtf8(failing, quiet, reader, null)));
            for (int k = 0; k < 6; k++) {
                TextScanner throwing = Detectors.standard().newScanner(h -> {
                    throw new IllegalStateException("sink failed");
                });
                byte[] big = TEXT.repeat(4).getBytes(StandardCharsets.UTF_8);
                assertThrows(IllegalStateException.class, () -> PlainText.readUtf8(new ByteArrayInputStream(big), throwing, reader, null));
            }
            quiet.reset();
            PlainText.readUtf8(new ByteArrayInputStream(TEXT.getBytes(StandardCharsets.UTF_8)), quiet, reader, null);
            assertEquals(TEXT.length(), quiet.charsSeen());
        }
    }
}
