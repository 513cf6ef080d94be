package tansa.console;

import java.net.URI;

/**
 * OIDC sign-in as {@code tansa serve --oidc-*} configures it: the issuer (its
 * {@code /.well-known/openid-configuration} is read at start-up), this console's client id and
 * secret at the provider, the ID-token claim that names the tansa user, and the redirect URI
 * registered at the provider (null: this server's {@code /login/oidc/callback} as the browser
 * reached it).
 */
public record OidcConfig(URI issuer, String clientId, String clientSecret, String userClaim, URI redirectUri) {
    @Override
    public String toString() { // never the secret
        return "OidcConfig[issuer=" + issuer + ", clientId=" + clientId + ", userClaim=" + userClaim + ", redirectUri=" + redirectUri + "]";
    }
}
