package tansa.console;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenID Connect sign-in (authorization-code flow with PKCE S256, state and nonce), done with
 * Nimbus' OAuth 2.0 / OIDC SDK: the issuer's metadata is read once at start-up; the ID token's
 * signature is checked against the issuer's JWKS (fetched and cached by the SDK's validator) with
 * its issuer, audience (our client id), expiry and nonce. The user is the value of one claim
 * ({@code preferred_username} unless configured), which must name a tansa user of at least one
 * served case: their roles are those of their memberships, as with a password.
 *
 * <p>A sign-in in flight is kept here (at most {@link #MAX_PENDING}, ten minutes each) under a
 * random id carried by its own {@code SameSite=Lax} cookie: the provider's redirect back is a
 * cross-site navigation, on which the browser withholds the {@code Strict} session cookie.
 * Thread-safe.
 */
final class Oidc {
    static final String COOKIE = "tansa_oidc";
    static final int MAX_PENDING = 10_000;
    static final Duration PENDING_FOR = Duration.ofMinutes(10);
    private static final int TIMEOUT_MS = 10_000;

    /** A sign-in that failed: one line for the user, with the HTTP status. */
    static final class Failed extends RuntimeException {
        final int status;

        Failed(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private record Pending(State state, Nonce nonce, CodeVerifier verifier, URI redirect, Instant created) {
    }

    private final OidcConfig config;
    private final OIDCProviderMetadata provider;
    private final IDTokenValidator validator;
    private final Clock clock;
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();

    private Oidc(OidcConfig config, OIDCProviderMetadata provider, IDTokenValidator validator, Clock clock) {
        this.config = config;
        this.provider = provider;
        this.validator = validator;
        this.clock = clock;
    }

    /** Reads the issuer's metadata ({@code /.well-known/openid-configuration}); an unreachable or wrong issuer is one line. */
    static Oidc start(OidcConfig config, Clock clock) {
        OIDCProviderMetadata md;
        try {
            md = OIDCProviderMetadata.resolve(new Issuer(config.issuer()), TIMEOUT_MS, TIMEOUT_MS);
        } catch (IOException | com.nimbusds.oauth2.sdk.GeneralException e) {
            throw new OidcUnavailableException("cannot read the OIDC issuer's metadata at " + config.issuer()
                    + "/.well-known/openid-configuration: " + e.getMessage(), e);
        }
        JWSAlgorithm alg = JWSAlgorithm.RS256;
        List<JWSAlgorithm> algs = md.getIDTokenJWSAlgs();
        if (algs != null && !algs.isEmpty() && !algs.contains(JWSAlgorithm.RS256)) {
            alg = algs.get(0);
        }
        if (md.getJWKSetURI() == null || md.getTokenEndpointURI() == null || md.getAuthorizationEndpointURI() == null) {
            throw new OidcUnavailableException("the OIDC issuer " + config.issuer() + " names no JWKS, token or authorization endpoint", null);
        }
        try {
            IDTokenValidator v = new IDTokenValidator(md.getIssuer(), new ClientID(config.clientId()), alg, md.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, 512 * 1024));
            return new Oidc(config, md, v, clock);
        } catch (java.net.MalformedURLException e) {
            throw new OidcUnavailableException("the OIDC issuer's JWKS address is not a URL: " + md.getJWKSetURI(), e);
        }
    }

    /** Starts a sign-in: remembers its state, nonce and PKCE verifier under a new id; returns {id, the provider's URL to go to}. */
    String[] begin(URI redirect) {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI to = config.redirectUri() != null ? config.redirectUri() : redirect;
        AuthenticationRequest request = new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new Scope("openid", "profile", "email"), new ClientID(config.clientId()), to)
                .endpointURI(provider.getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build();
        String id = Tokens.random();
        synchronized (pending) {
            expire();
            while (pending.size() >= MAX_PENDING) {
                Iterator<String> oldest = pending.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            pending.put(id, new Pending(state, nonce, verifier, to, clock.instant()));
        }
        return new String[] {id, request.toURI().toString()};
    }

    /**
     * Finishes the sign-in {@code id} with the provider's redirect parameters: checks the state,
     * trades the code (with the PKCE verifier and the client secret) for tokens, validates the ID
     * token and returns the user named by the configured claim. Each sign-in can finish once.
     */
    String finish(String id, Map<String, List<String>> params) {
        Pending p;
        synchronized (pending) {
            expire();
            p = id == null ? null : pending.remove(id);
        }
        if (p == null) {
            throw new Failed(400, "no sign-in in progress in this browser (expired after 10 minutes, or already used); start again");
        }
        AuthenticationResponse response;
        try {
            response = AuthenticationResponseParser.parse(p.redirect(), params);
        } catch (ParseException e) {
            throw new Failed(400, "the identity provider's answer cannot be read: " + cap(e.getMessage()));
        }
        if (!p.state().equals(response.getState())) {
            throw new Failed(400, "the sign-in's state does not match (a forged or stale redirect); start again");
        }
        if (response instanceof AuthenticationErrorResponse error) {
            throw new Failed(401, "the identity provider refused the sign-in: " + cap(String.valueOf(error.getErrorObject().getCode())));
        }
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
        if (code == null) {
            throw new Failed(400, "the identity provider sent no authorization code");
        }
        TokenResponse tokens;
        try {
            HTTPRequest http = new TokenRequest(provider.getTokenEndpointURI(),
                    new ClientSecretBasic(new ClientID(config.clientId()), new Secret(config.clientSecret())),
                    new AuthorizationCodeGrant(code, p.redirect(), p.verifier())).toHTTPRequest();
            http.setConnectTimeout(TIMEOUT_MS);
            http.setReadTimeout(TIMEOUT_MS);
            tokens = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException | ParseException e) {
            throw new Failed(502, "the identity provider's token endpoint failed: " + cap(e.getMessage()));
        }
        if (!tokens.indicatesSuccess()) {
            throw new Failed(401, "the identity provider refused the code: " + cap(String.valueOf(tokens.toErrorResponse().getErrorObject()
                    .getCode())));
        }
        JWT idToken = ((OIDCTokenResponse) tokens.toSuccessResponse()).getOIDCTokens().getIDToken();
        IDTokenClaimsSet claims;
        try {
            claims = validate(idToken, p.nonce());
        } catch (com.nimbusds.jose.JOSEException | com.nimbusds.jose.proc.BadJOSEException | RuntimeException e) {
            throw new Failed(401, "the ID token is not valid: " + cap(e.getMessage()));
        }
        Object user = claims.getClaim(config.userClaim());
        if (!(user instanceof String name) || name.isBlank() || name.length() > 64) {
            throw new Failed(403, "the ID token has no usable '" + cap(config.userClaim()) + "' claim to name a tansa user (its claims: "
                    + cap(String.join(", ", new java.util.TreeSet<>(claims.toJSONObject().keySet()))) + "); see --oidc-user-claim");
        }
        return name;
    }

    /** The ID token's claims when its signature (against the issuer's JWKS), issuer, audience, times and nonce are right. */
    IDTokenClaimsSet validate(JWT idToken, Nonce nonce) throws com.nimbusds.jose.JOSEException, com.nimbusds.jose.proc.BadJOSEException {
        return validator.validate(idToken, nonce);
    }

    private void expire() {
        Instant oldest = clock.instant().minus(PENDING_FOR);
        pending.values().removeIf(p -> p.created().isBefore(oldest));
    }

    private static String cap(String s) {
        String t = s == null ? "" : s.replaceAll("[\\p{Cntrl}]", " ");
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    static URI callback(String scheme, String host) {
        try {
            return new URI(scheme + "://" + host + "/login/oidc/callback");
        } catch (URISyntaxException e) {
            throw new Failed(400, "the request's Host header is not usable for the sign-in's redirect");
        }
    }
}
