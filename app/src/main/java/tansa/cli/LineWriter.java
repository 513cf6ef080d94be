package tansa.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Serialises JSON trees to newline-terminated UTF-8 lines with one reusable generator and
 * buffer. One per thread: not thread-safe.
 */
final class LineWriter {
    private final ObjectMapper mapper;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
    private final JsonGenerator gen;

    LineWriter(ObjectMapper mapper) {
        this.mapper = mapper;
        try {
            this.gen = mapper.getFactory().createGenerator(buffer);
            // The generator is reused for every line: without this, Jackson writes its root-value
            // separator (a space) before every tree after a thread's first, so lines of one event
            // differed with the thread that serialised them.
            gen.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tree as one line of JSON, newline included. */
    byte[] write(JsonNode tree) {
        buffer.reset();
        try {
            mapper.writeTree(gen, tree);
            gen.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buffer.write('\n');
        return buffer.toByteArray();
    }
}
