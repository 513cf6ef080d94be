package tansa.stream;

import tansa.sigma.correlation.Correlator;
import tansa.sigma.correlation.Hit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hits and correlation groups as bytes, for Flink state and the wire between stages: a fixed
 * field order with a version byte, no Java serialization (the rule objects never travel; a
 * group is rebuilt against the rule set every worker loads).
 */
final class HitCodec {
    private static final int VERSION = 1;

    private HitCodec() {
    }

    static byte[] hit(Hit h) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeByte(VERSION);
            write(out, h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    static Hit hit(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            version(in);
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A group's state: the hits it holds, the chain lengths (temporal_ordered) and the last dropped time. */
    static byte[] group(Correlator.Group g) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeByte(VERSION);
            out.writeLong(g.lastRemoved());
            int[] lengths = g.chainLengths();
            out.writeInt(lengths.length);
            for (int n : lengths) {
                out.writeInt(n);
            }
            List<Hit> hits = g.hits();
            out.writeInt(hits.size());
            for (Hit h : hits) {
                write(out, h);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    static Correlator.Group group(Correlator c, byte[] bytes) {
        if (bytes == null) {
            return c.newGroup();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            version(in);
            long lastRemoved = in.readLong();
            int[] lengths = new int[in.readInt()];
            for (int i = 0; i < lengths.length; i++) {
                lengths[i] = in.readInt();
            }
            int n = in.readInt();
            List<Hit> hits = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                hits.add(read(in));
            }
            return c.restore(hits, lengths, lastRemoved);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void version(DataInputStream in) throws IOException {
        int v = in.readUnsignedByte();
        if (v != VERSION) {
            throw new IOException("correlation state of format " + v + ", expected " + VERSION
                    + " (state written by another tansa version: restart the job without its savepoint)");
        }
    }

    private static void write(DataOutputStream out, Hit h) throws IOException {
        out.writeLong(h.time().getEpochSecond());
        out.writeInt(h.time().getNano());
        out.writeLong(h.event());
        out.writeInt(h.input());
        string(out, h.group());
        out.writeInt(h.groupValues().size());
        for (String s : h.groupValues()) {
            string(out, s);
        }
        string(out, h.value());
        out.writeLong(h.recordId());
        string(out, h.source());
        string(out, h.computer());
        string(out, h.channel());
        string(out, h.eventId());
        out.writeInt(h.recordIds().size());
        for (Long id : h.recordIds()) {
            out.writeLong(id);
        }
    }

    private static Hit read(DataInputStream in) throws IOException {
        Instant time = Instant.ofEpochSecond(in.readLong(), in.readInt());
        long event = in.readLong();
        int input = in.readInt();
        String group = string(in);
        int n = in.readInt();
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(string(in));
        }
        String value = string(in);
        long recordId = in.readLong();
        String source = string(in);
        String computer = string(in);
        String channel = string(in);
        String eventId = string(in);
        int k = in.readInt();
        List<Long> ids = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            ids.add(in.readLong());
        }
        return new Hit(time, event, input, group, values, value, recordId, source, computer, channel, eventId, ids);
    }

    /**
     * A string that may be null, as UTF-16 units: evidence strings may hold unpaired surrogates,
     * which UTF-8 would replace, and a group value must come back exactly as the event had it.
     */
    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(s.length());
        out.writeChars(s);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = in.readChar();
        }
        return new String(c);
    }
}
