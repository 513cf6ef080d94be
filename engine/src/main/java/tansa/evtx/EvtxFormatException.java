package tansa.evtx;

/**
 * Thrown when EVTX bytes are not what the format says they must be. The message names the
 * offset (relative to the file) and what was expected; the caller adds the file name, reports
 * once, skips the damaged record or chunk and goes on.
 */
public final class EvtxFormatException extends RuntimeException {
    private final long offset;

    public EvtxFormatException(long offset, String message) {
        super(message);
        this.offset = offset;
    }

    /** Byte offset in the file where the problem was found. */
    public long offset() {
        return offset;
    }
}
