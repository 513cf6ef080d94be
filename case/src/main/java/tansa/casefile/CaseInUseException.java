package tansa.casefile;

/** Another process holds the case's store (DuckDB allows one writing process per file): try again when it is done. */
public final class CaseInUseException extends CaseException {
    public CaseInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
