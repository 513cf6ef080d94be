package tansa.console;

import java.util.Map;

/**
 * Who makes a request: a user with a role in each case they are a member of, signed in through
 * a browser session (which then needs its CSRF token on every write) or an API token (which
 * needs none: a browser never sends it by itself).
 */
record Caller(String user, Map<String, Role> roles, Sessions.Session session) {
    Role roleIn(String caseId) {
        return roles.get(caseId);
    }

    boolean bySession() {
        return session != null;
    }
}
