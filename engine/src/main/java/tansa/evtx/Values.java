package tansa.evtx;

/**
 * The substitution values of one template instance, as positions in the chunk buffer: value
 * {@code i} has type {@code types[i]}, starts at {@code offsets[i]} and is {@code sizes[i]}
 * bytes long. Decoded only when rendered.
 */
record Values(byte[] chunk, int[] types, int[] offsets, int[] sizes) {
    int count() {
        return types.length;
    }
}
