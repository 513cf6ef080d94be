package tansa.zeek;

import java.nio.charset.StandardCharsets;

/**
 * The header of one Zeek TSV log ({@code #separator}, {@code #set_separator}, {@code #empty_field},
 * {@code #unset_field}, {@code #path}, {@code #fields}, {@code #types}): how its data lines are cut
 * and typed. A file may hold several logs one after another, each with its own header; a
 * {@code #separator} line starts a new one and {@code #close} ends it.
 *
 * <p>Mutable while the header lines are read; not thread-safe.
 */
final class ZeekHeader {
    byte[] separator = {'\t'};
    byte[] setSeparator = {','};
    byte[] emptyField = "(empty)".getBytes(StandardCharsets.US_ASCII);
    byte[] unsetField = {'-'};
    String path;
    String[] fields;
    ZeekType[] types;
    boolean[] containers;
    /** True after {@code #close} (or before any {@code #fields}): a data line here has no header. */
    boolean closed = true;

    void types(String[] names) {
        types = new ZeekType[names.length];
        containers = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
            types[i] = ZeekType.of(names[i]);
            containers[i] = ZeekType.container(names[i]);
        }
    }

    static boolean same(byte[] b, int from, int to, byte[] marker) {
        if (to - from != marker.length) {
            return false;
        }
        for (int i = 0; i < marker.length; i++) {
            if (b[from + i] != marker[i]) {
                return false;
            }
        }
        return true;
    }
}
