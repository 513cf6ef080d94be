package tansa.console;

import io.javalin.Javalin;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import io.javalin.http.staticfiles.Location;
import io.javalin.security.RouteRole;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code tansa serve}: the web console and REST API over one or more cases. Configured in one
 * place ({@link #start}); every route is registered with one {@link Access} and checked before
 * its handler runs, in this order: the caller (401), the route's case (404), the CSRF token of a
 * session's write (403), the caller's role in the case (403). A route registered without an
 * access level fails the start.
 */
public final class ConsoleServer implements AutoCloseable {
    static final String SESSION_COOKIE = "tansa_session";
    static final String LANG_COOKIE = "tansa_lang";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_FIELD = "_csrf";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Set<HandlerType> WRITES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    /** How to serve: address, port (0: any free one), whether cookies are marked Secure (behind TLS). */
    public record Options(String bind, int port, boolean secureCookies, OidcConfig oidc) {
        public Options(String bind, int port, boolean secureCookies) {
            this(bind, port, secureCookies, null);
        }
    }

    /** One route as Javalin registered it. */
    public record Route(String method, String path, Access access) {
    }

    private final Javalin app;
    private final List<Route> routes;
    private final Map<String, ServedCase> cases;

    private ConsoleServer(Javalin app, List<Route> routes, Map<String, ServedCase> cases) {
        this.app = app;
        this.routes = routes;
        this.cases = cases;
    }

    /** Every route Javalin registered, with its access level (what the security tests walk). */
    public List<Route> routes() {
        return Collections.unmodifiableList(routes);
    }

    public int port() {
        return app.port();
    }

    /** Case ids in the order served. */
    public List<String> caseIds() {
        return List.copyOf(cases.keySet());
    }

    /**
     * Starts serving {@code dbs} (ids from their directory names); {@code log} takes one line per
     * server-side failure (the client sees a generic 500).
     */
    public static ConsoleServer start(List<CaseDatabase> dbs, Options options, AuditSink audit, Clock clock, Consumer<String> log) {
        Oidc oidc = options.oidc() == null ? null : Oidc.start(options.oidc(), clock);
        Map<String, ServedCase> cases = new LinkedHashMap<>();
        for (CaseDatabase db : dbs) {
            String id = uniqueId(db.slug(), cases);
            cases.put(id, ServedCase.of(id, db, audit, clock));
        }
        List<Route> routes = Collections.synchronizedList(new ArrayList<>());
        Sessions sessions = new Sessions(clock);
        LoginLimiter limiter = new LoginLimiter(clock);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.router.ignoreTrailingSlashes = true;
            config.http.maxRequestSize = 1_000_000L;
            // a path that climbs is refused before Javalin sees it (its static-file lookup runs first)
            config.jetty.modifyServletContextHandler(h -> h.addFilter(new org.eclipse.jetty.servlet.FilterHolder(
                    (jakarta.servlet.Filter) (req, res, chain) -> {
                        if (climbs(((jakarta.servlet.http.HttpServletRequest) req).getRequestURI())) {
                            ((jakarta.servlet.http.HttpServletResponse) res).sendError(400, "bad path");
                        } else {
                            chain.doFilter(req, res);
                        }
                    }), "/*", java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST)));
            config.staticFiles.add(sf -> {
                sf.hostedPath = "/static";
                sf.directory = "/tansa/console/static";
                sf.location = Location.CLASSPATH;
                sf.headers = Map.of("Cache-Control", "max-age=3600");
                sf.roles = Set.of(Access.PUBLIC);
            });
            config.events(e -> e.handlerAdded((HandlerMetaInfo h) -> {
                if (h.getHttpMethod().isHttpMethod()) {
                    routes.add(new Route(h.getHttpMethod().name(), h.getPath(), accessOf(h.getHttpMethod(), h.getPath(), h.getRoles())));
                }
            }));
        });
        Security security = new Security(cases, sessions, options.secureCookies());
        app.before(ctx -> {
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("Cross-Origin-Opener-Policy", "same-origin");
            if (!ctx.path().startsWith("/static/")) {
                ctx.header("Cache-Control", "no-store");
            }
            Messages.choose(ctx, options.secureCookies());
            security.identify(ctx);
        });
        app.beforeMatched(security::check);
        app.exception(Refused.class, (e, ctx) -> refuse(ctx, e.status, e.getMessage()));
        app.exception(DetectionFilter.BadRequest.class, (e, ctx) -> refuse(ctx, 400, e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            log.accept("console: " + ctx.method() + " " + ctx.path() + ": " + e);
            refuse(ctx, 500, "internal error; the server's log has the detail");
        });
        Pages pages = new Pages(cases, sessions, limiter, options.secureCookies(), oidc);
        Api api = new Api(cases);
        List<RouteDoc> docs = new ArrayList<>();
        new RouteTable(app, docs, pages, api, new IncidentViews(cases), new ContainmentViews(cases), new ExposureViews(cases)).register();
        if (oidc != null) {
            add(app, docs, new RouteDoc("GET", "/login/oidc", Access.PUBLIC, "Sign in through the OIDC provider (a redirect to it).",
                    List.of(), null, "text/html"), pages::oidcBegin);
            add(app, docs, new RouteDoc("GET", "/login/oidc/callback", Access.PUBLIC, "Where the OIDC provider sends the browser back "
                    + "(code, state).", List.of("code", "state"), null, "text/html"), pages::oidcCallback);
        }
        OpenApi[] openApi = new OpenApi[1];
        add(app, docs, new RouteDoc("GET", "/api/openapi.json", Access.PUBLIC, "This document: every route of the console and API.",
                List.of(), null, "application/json"), ctx -> ctx.contentType("application/json").result(openApi[0].json()));
        openApi[0] = new OpenApi(docs);
        app.start(options.bind(), options.port());
        return new ConsoleServer(app, routes, cases);
    }

    static void add(Javalin app, List<RouteDoc> docs, RouteDoc doc, Handler h) {
        docs.add(doc);
        app.addHttpHandler(HandlerType.valueOf(doc.method()), doc.path(), h, doc.access());
    }

    private static Access accessOf(HandlerType method, String path, Set<RouteRole> roles) {
        if (roles.size() != 1 || !(roles.iterator().next() instanceof Access a)) {
            throw new IllegalStateException("route " + method + " " + path + " has no single access level (" + roles + ")");
        }
        if (a.role() != null && !path.contains("{id}")) {
            throw new IllegalStateException("route " + method + " " + path + " needs a case role but names no case ({id})");
        }
        return a;
    }

    /** A refusal as JSON for the API, as a short page otherwise. */
    static void refuse(Context ctx, int status, String message) {
        ctx.status(status);
        if (ctx.path().startsWith("/api/")) {
            ctx.contentType("application/json").result(Json.object("error", message));
        } else if (status == 401 && ctx.method() == HandlerType.GET) {
            ctx.status(302);
            ctx.header("Location", "/login");
        } else {
            ctx.contentType("text/html; charset=utf-8").result(Layout.error(ctx, status, message));
        }
    }

    static void cookie(Context ctx, String name, String value, int maxAge, boolean secure) {
        Cookie c = new Cookie(name, value, "/", maxAge, secure, 0, true, null, null, SameSite.STRICT);
        ctx.cookie(c);
    }

    /** The console's id of an embedded case: its directory's name, lower-cased, as URLs carry it. */
    public static String slug(java.nio.file.Path dir) {
        java.nio.file.Path n = dir.toAbsolutePath().normalize().getFileName();
        String s = n == null ? "case" : n.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-");
        s = s.replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "case" : s.length() > 64 ? s.substring(0, 64) : s;
    }

    private static String uniqueId(String base, Map<String, ServedCase> taken) {
        String id = base;
        for (int i = 2; taken.containsKey(id); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    @Override
    public void close() {
        app.stop();
        for (ServedCase c : cases.values()) {
            c.db().close();
        }
    }

    /**
     * Whether a request path, percent-decoded once or twice, has a {@code ..} segment or a
     * backslash: no page or file of the console has one, and Jetty's file lookup answered such
     * paths with a logged stack trace per request (a client could fill the log).
     */
    static boolean climbs(String rawPath) {
        String p = rawPath == null ? "" : rawPath;
        for (int round = 0; round < 3; round++) {
            if (p.contains("\\") || p.equals("..") || p.startsWith("../") || p.endsWith("/..") || p.contains("/../")
                    || p.contains("/..;")) {
                return true;
            }
            if (p.indexOf('%') < 0) {
                return false;
            }
            try {
                p = java.net.URLDecoder.decode(p.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return true; // a broken escape: not a path the console made
            }
        }
        return p.contains("%");
    }

    /** Who calls (before every request) and whether they may (before every matched route). */
    static final class Security {
        private final Map<String, ServedCase> cases;
        private final Sessions sessions;
        private final boolean secure;

        Security(Map<String, ServedCase> cases, Sessions sessions, boolean secure) {
            this.cases = cases;
            this.sessions = sessions;
            this.secure = secure;
        }

        void identify(Context ctx) {
            String auth = ctx.header("Authorization");
            if (auth != null) {
                if (!auth.startsWith("Bearer ") || auth.length() > 200) {
                    throw new Refused(401, "Authorization must be 'Bearer TOKEN'");
                }
                String token = auth.substring(7).strip();
                Map<String, Role> roles = new HashMap<>();
                String user = null;
                for (ServedCase c : cases.values()) {
                    String u = c.members().tokenUser(token);
                    if (u != null) {
                        Role r = c.members().role(u);
                        if (r != null) {
                            roles.put(c.id(), r);
                            user = u;
                        }
                    }
                }
                if (user == null) {
                    throw new Refused(401, "unknown or revoked API token");
                }
                ctx.attribute("caller", new Caller(user, roles, null));
                return;
            }
            Sessions.Session s = sessions.get(ctx.cookie(SESSION_COOKIE));
            if (s != null) {
                ctx.attribute("session", s);
                if (s.user != null) {
                    ctx.attribute("caller", new Caller(s.user, s.roles, s));
                }
            }
        }

        void check(Context ctx) {
            Set<RouteRole> roles = ctx.routeRoles();
            Access access = roles.size() == 1 && roles.iterator().next() instanceof Access a ? a : null;
            if (access == null) {
                throw new Refused(500, "route without an access level");
            }
            boolean write = WRITES.contains(ctx.method());
            Caller caller = ctx.attribute("caller");
            if (access == Access.PUBLIC) {
                if (write) { // the login form: its anonymous session's token
                    Sessions.Session s = ctx.attribute("session");
                    if (s == null || !Tokens.same(s.csrf, csrfOf(ctx))) {
                        throw new Refused(403, "CSRF token missing or wrong; reload the page");
                    }
                }
                return;
            }
            if (caller == null) {
                throw new Refused(401, "sign in first (a session, or 'Authorization: Bearer TOKEN')");
            }
            ServedCase c = null;
            if (access.role() != null) {
                c = cases.get(ctx.pathParam("id"));
                if (c == null) {
                    throw new Refused(404, "no such case");
                }
            }
            if (write && caller.bySession() && !Tokens.same(caller.session().csrf, csrfOf(ctx))) {
                throw new Refused(403, "CSRF token missing or wrong; reload the page");
            }
            if (c != null) {
                Role r = caller.roleIn(c.id());
                if (r == null || !r.atLeast(access.role())) {
                    throw new Refused(403, "your role in this case does not allow this (needs " + access.role().id() + ")");
                }
            } else if (access == Access.SIGNED_IN && caller.roles().isEmpty()) {
                throw new Refused(403, "you are a member of no case");
            }
        }

        private static String csrfOf(Context ctx) {
            String h = ctx.header(CSRF_HEADER);
            if (h != null) {
                return h;
            }
            String ct = ctx.contentType();
            if (ct != null && ct.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                return ctx.formParam(CSRF_FIELD);
            }
            return null;
        }
    }
}
