package tansa.casefile;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A PostgreSQL address as users write it ({@code postgresql://user[:password]@host[:port]/db[?param=value]},
 * libpq's form, or PgJDBC's {@code jdbc:postgresql://...}), split into what PgJDBC takes: the URL
 * without credentials and the user and password as properties. Without a password in the URL,
 * {@code PGPASSWORD} is used when set. {@link #shown()} is the address without the password, for
 * messages.
 */
public record PostgresUrl(String jdbcUrl, Properties properties, String shown) {
    /** Whether {@code s} is meant as a PostgreSQL address. */
    public static boolean looksLike(String s) {
        return s.startsWith("postgresql://") || s.startsWith("postgres://") || s.startsWith("jdbc:postgresql://");
    }

    public static PostgresUrl parse(String text) {
        String s = text.startsWith("jdbc:") ? text.substring(5) : text;
        if (!looksLike(s)) {
            throw new CaseException("--db must be a PostgreSQL address (postgresql://user@host:port/database), not '"
                    + cap(text) + "'");
        }
        URI u;
        try {
            u = new URI(s.startsWith("postgres://") ? "postgresql://" + s.substring("postgres://".length()) : s);
        } catch (URISyntaxException e) {
            throw new CaseException("--db: not a valid address: " + cap(e.getMessage()), e);
        }
        if (u.getHost() == null || u.getPath() == null || u.getPath().length() <= 1) {
            throw new CaseException("--db must name a host and a database (postgresql://user@host:port/database), not '"
                    + cap(strip(text)) + "'");
        }
        Properties p = new Properties();
        String user = null;
        String password = null;
        if (u.getRawUserInfo() != null) {
            String info = u.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        if (user != null && !user.isEmpty()) {
            p.setProperty("user", user);
        }
        if (password == null) {
            password = System.getenv("PGPASSWORD");
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        String hostPort = u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
        String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
        String jdbc = "jdbc:postgresql://" + hostPort + u.getRawPath() + query;
        String shown = "postgresql://" + (user == null ? "" : user + "@") + hostPort + u.getRawPath();
        return new PostgresUrl(jdbc, p, shown);
    }

    private static String strip(String text) {
        return text.replaceAll(":[^:@/]*@", "@"); // never echo a password
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String cap(String s) {
        String t = String.valueOf(s);
        return t.length() > 256 ? t.substring(0, 256) + "..." : t;
    }
}
