package tansa.casefile;

/**
 * A case cannot be used as asked: not a case, already a case, written by a newer tansa, a store
 * error. The message is one line for the user; the cause is chained.
 */
public class CaseException extends RuntimeException {
    public CaseException(String message) {
        super(message);
    }

    public CaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
