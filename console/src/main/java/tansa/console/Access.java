package tansa.console;

import io.javalin.security.RouteRole;

/**
 * What a route asks of its caller; every route is registered with exactly one (a route without
 * one fails the server's start). {@link #PUBLIC}: anyone; {@link #SIGNED_IN}: a session or token
 * in at least one case; the others: that role or a stronger one in the case named by the route's
 * {@code {id}}.
 */
public enum Access implements RouteRole {
    PUBLIC(null), SIGNED_IN(null), VIEWER(Role.VIEWER), ANALYST(Role.ANALYST), LEAD(Role.LEAD), ADMIN(Role.ADMIN);

    private final Role role;

    Access(Role role) {
        this.role = role;
    }

    /** The role needed in the route's case, or null when the route names no case. */
    public Role role() {
        return role;
    }
}
