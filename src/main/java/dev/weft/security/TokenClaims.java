package dev.weft.security;

import dev.weft.config.ClaimPath;
import java.util.ArrayList;
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
 * claims are not the caller's then: a filter cannot mistake one for a namespaced claim. A default role
 * claim ({@code weft.security.jwt.default-role-claim}, e.g. Hasura's {@code x-hasura-default-role})
 * names the role a request acts as without {@code X-Weft-Role}.
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
 * @param defaultRoleClaim where the default role is, within the caller's claims, or null: the first role
 */
public record TokenClaims(ClaimPath roleClaim, ClaimPath namespace, ClaimPath defaultRoleClaim) {
    /** The registered claims of RFC 7519 §4.1, kept beside a namespace's claims. */
    public static final Set<String> REGISTERED = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti");

    /** Without a default role claim: the first role is the default. */
    public TokenClaims(ClaimPath roleClaim, ClaimPath namespace) {
        this(roleClaim, namespace, null);
    }

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

    /**
     * The roles at the role claim of the caller's claims that {@code defined} holds, in the token's
     * order; with a default role claim, its role first. A token whose default role is missing or not
     * among its roles grants none, as Hasura refuses such a token.
     */
    public List<String> roles(Map<String, Object> callerClaims, Set<String> defined) {
        List<String> roles = roleClaim.values(callerClaims).stream().filter(defined::contains).distinct().toList();
        if (defaultRoleClaim == null) {
            return roles;
        }
        List<String> named = defaultRoleClaim.values(callerClaims);
        if (named.size() != 1 || !roles.contains(named.get(0))) {
            return List.of();
        }
        List<String> ordered = new ArrayList<>(roles.size());
        ordered.add(named.get(0));
        roles.stream().filter(r -> !r.equals(named.get(0))).forEach(ordered::add);
        return List.copyOf(ordered);
    }
}
