package dev.weft.security;

import dev.weft.config.ClaimPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A verified token's claims as a caller's: its roles and the claims row filters read. Without a
 * namespace these are the token's top-level claims. With one ({@code weft.security.jwt.claims-namespace}
 * or {@code claims-namespace-path}, as Hasura's {@code claims_namespace} and {@code claims_namespace_path}),
 * they are the claims of the object under it, and the role claim is a path within it; the token's
 * registered claims ({@code sub}, {@code iss}, {@code aud}, {@code exp}, {@code nbf}, {@code iat},
 * {@code jti}) stay reachable by their names unless the namespace holds the same name. Other top-level
 * claims are not the caller's then: a filter cannot mistake one for a namespaced claim.
 *
 * <pre>{@code
 * token: {"sub": "u7", "tenant": "x", "https://hasura.io/jwt/claims": {"x-hasura-allowed-roles": ["user"], "x-hasura-tenant-id": "3"}}
 * new TokenClaims(ClaimPath.parse("x-hasura-allowed-roles"), ClaimPath.key("https://hasura.io/jwt/claims"))
 *   roles:  [user]
 *   claims: {x-hasura-allowed-roles: [user], x-hasura-tenant-id: "3", sub: "u7"}
 * }</pre>
 *
 * @param roleClaim where the roles are, within the caller's claims
 * @param namespace where the caller's claims are in the token, or null for the top level
 */
public record TokenClaims(ClaimPath roleClaim, ClaimPath namespace) {
    /** The registered claims of RFC 7519 §4.1, kept beside a namespace's claims. */
    public static final Set<String> REGISTERED = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti");

    /** The caller's claims (JSON values); empty of namespaced claims when the token lacks the namespace. */
    public Map<String, Object> claims(Map<String, Object> token) {
        if (namespace == null) {
            return token;
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        if (namespace.find(token) instanceof Map<?, ?> namespaced) {
            namespaced.forEach((name, value) -> {
                if (value != null) {
                    claims.put(String.valueOf(name), value);
                }
            });
        }
        REGISTERED.forEach(name -> {
            if (token.get(name) != null) {
                claims.putIfAbsent(name, token.get(name));
            }
        });
        return claims;
    }

    /** The roles at the role claim of the caller's claims that {@code defined} holds, in the token's order. */
    public List<String> roles(Map<String, Object> callerClaims, Set<String> defined) {
        return roleClaim.values(callerClaims).stream().filter(defined::contains).distinct().toList();
    }
}
