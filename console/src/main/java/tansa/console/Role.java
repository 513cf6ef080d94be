package tansa.console;

import java.util.Locale;

/**
 * A user's role in one case, weakest first: a viewer reads (an oversight body), an analyst also
 * writes notes and tasks, a lead also sets the case's status and severity, an admin may do all.
 */
public enum Role {
    VIEWER, ANALYST, LEAD, ADMIN;

    /** True when this role may do what {@code needed} may. */
    public boolean atLeast(Role needed) {
        return ordinal() >= needed.ordinal();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code s} (admin, lead, analyst, viewer), or null. */
    public static Role parse(String s) {
        if (s == null) {
            return null;
        }
        for (Role r : values()) {
            if (r.id().equals(s.strip().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        return null;
    }
}
