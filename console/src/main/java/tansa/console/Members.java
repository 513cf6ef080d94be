package tansa.console;

import tansa.casefile.CaseException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

/**
 * The users of one case and their API tokens ({@code console_user}, {@code console_token}).
 * Membership is per case: a user exists in the cases that list them, with a role in each.
 */
public final class Members {
    private final CaseDatabase db;

    public Members(CaseDatabase db) {
        this.db = db;
    }

    /** Adds a user, or replaces the role and password of an existing one (a password reset). */
    public void put(String name, Role role, String password, Instant now) {
        put(name, role, password, now, null, null);
    }

    /**
     * As {@link #put(String, Role, String, Instant)}, with an audit entry by {@code actor} in the
     * same transaction ({@code user.put}: the role before and after; never the password or its hash).
     */
    public void put(String name, Role role, String password, Instant now, String actor, AuditSink audit) {
        checkName(name);
        if (password.length() < 8) {
            throw new CaseException("the password must have at least 8 characters");
        }
        String hash = Passwords.hash(password);
        db.write(c -> {
            String before = null;
            if (audit != null) {
                try (PreparedStatement q = c.prepareStatement("SELECT role FROM console_user WHERE name = ?")) {
                    q.setString(1, name);
                    try (ResultSet r = q.executeQuery()) {
                        before = r.next() ? CaseWork.json("role", r.getString(1)) : null;
                    }
                }
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM console_user WHERE name = ?")) {
                d.setString(1, name);
                d.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO console_user VALUES (?, ?, ?, ?)")) {
                p.setString(1, name);
                p.setString(2, role.id());
                p.setString(3, hash);
                p.setString(4, now.toString());
                p.executeUpdate();
            }
            if (audit != null) {
                audit.record(c, new AuditSink.Entry(now, actor, "user.put", "user/" + name, before, CaseWork.json("role", role.id())));
            }
            return null;
        });
    }

    /** User names: 1-64 letters, digits, '.', '_', '-' or '@' (they appear in pages, logs and audit entries). */
    static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > 64) {
            throw new CaseException("a user name has 1 to 64 characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (!(Character.isLetterOrDigit(ch) || ch == '.' || ch == '_' || ch == '-' || ch == '@')) {
                throw new CaseException("a user name holds only letters, digits, '.', '_', '-' and '@'");
            }
        }
    }

    /** The user's role when the password matches, else null (an unknown user costs as long as a wrong password). */
    public Role login(String name, String password) {
        String[] row = db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT role, password_hash FROM console_user WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? new String[] {r.getString(1), r.getString(2)} : null;
                }
            }
        });
        boolean ok = Passwords.verify(password, row == null ? null : row[1]);
        return ok ? Role.parse(row[0]) : null;
    }

    /** The role of a user, or null when they are not a member. */
    public Role role(String name) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT role FROM console_user WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Role.parse(r.getString(1)) : null;
                }
            }
        });
    }

    /** A new API token for {@code user}; returned once, stored as its SHA-256. */
    public String createToken(String user, Instant now) {
        return createToken(user, now, null, null);
    }

    /**
     * As {@link #createToken(String, Instant)}, with an audit entry by {@code actor} in the same
     * transaction ({@code token.create}: the user and the first 12 hex digits of the token's
     * SHA-256, which identify it without giving it away).
     */
    public String createToken(String user, Instant now, String actor, AuditSink audit) {
        if (role(user) == null) {
            throw new CaseException("no user '" + user + "' in " + db.label() + "; add one with 'tansa user add'");
        }
        String token = Tokens.newApiToken();
        String hash = Tokens.sha256(token);
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO console_token VALUES (?, ?, ?)")) {
                p.setString(1, hash);
                p.setString(2, user);
                p.setString(3, now.toString());
                p.executeUpdate();
            }
            if (audit != null) {
                audit.record(c, new AuditSink.Entry(now, actor, "token.create", "user/" + user, null,
                        CaseWork.json("token_sha256", hash.substring(0, 12))));
            }
            return null;
        });
        return token;
    }

    /** The user a token belongs to, or null. */
    public String tokenUser(String token) {
        String hash = Tokens.sha256(token);
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT user_name FROM console_token WHERE token_sha256 = ?")) {
                p.setString(1, hash);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
    }
}
