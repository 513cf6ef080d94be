package tansa.reader;

/**
 * One evidence file as read: its path, detected format, SHA-256 of its bytes as stored (before
 * any decompression; null unless the reader was asked to hash), size, and the number of events it gave.
 */
public record EvidenceFile(String path, Format format, String sha256, long size, long events) {
    /** Evidence formats recognised from content. */
    public enum Format { EVTX, JSON, ZEEK, SYSLOG, UNKNOWN }
}
