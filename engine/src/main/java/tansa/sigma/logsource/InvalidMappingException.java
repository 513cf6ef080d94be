package tansa.sigma.logsource;

/** The log-source mapping file is unusable: the user fixes the file (the message names it and the entry). */
public final class InvalidMappingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidMappingException(String message) {
        super(message);
    }

    public InvalidMappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
