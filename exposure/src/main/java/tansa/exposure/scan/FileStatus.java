package tansa.exposure.scan;

import java.util.Locale;

/** What became of one file or archive member; {@link #id()} is the JSONL {@code status}. */
public enum FileStatus {
    PARSED, ENCRYPTED, PASSWORD_PROTECTED, CORRUPTED, NO_TEXT, EMPTY, TOO_LARGE, TIMEOUT,
    /** Could not be opened or read (permission denied, gone, an I/O error): the file itself may be fine. */
    UNREADABLE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the content could be examined (or there was nothing to examine). */
    public boolean checked() {
        return this == PARSED || this == NO_TEXT || this == EMPTY;
    }

    public static FileStatus byId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
