package tansa.console;

/** A request refused before its handler ran: 401 (who are you), 403 (not allowed, CSRF), 404, 429. */
final class Refused extends RuntimeException {
    final int status;

    Refused(int status, String message) {
        super(message);
        this.status = status;
    }
}
