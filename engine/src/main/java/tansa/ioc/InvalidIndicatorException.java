package tansa.ioc;

/**
 * An indicator that cannot be used: a pattern that does not parse, a construct tansa does not
 * match, a value that is not its type. The loader reports it (one line naming the file and the
 * indicator) and loads the rest.
 */
public final class InvalidIndicatorException extends RuntimeException {
    public InvalidIndicatorException(String message) {
        super(message);
    }
}
