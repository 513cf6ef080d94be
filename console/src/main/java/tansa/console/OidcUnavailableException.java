package tansa.console;

/** The OIDC provider cannot be used (its metadata is unreachable or incomplete): {@code tansa serve} stops with this one line. */
public final class OidcUnavailableException extends RuntimeException {
    OidcUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
