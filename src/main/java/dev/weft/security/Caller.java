package dev.weft.security;

import dev.weft.config.ClaimPath;
import java.util.Map;
import java.util.Optional;

/**
 * Who sends a request, as authentication established it: the role chosen for this request and the
 * claims that row filters may use ({@code "@claims.tenant_id"}). {@link #UNRESTRICTED} is the caller
 * when no access control is configured.
 *
 * <pre>{@code
 * new Caller("tenant", Map.of("x-hasura-tenant-id", "7")).claim("X-Hasura-Tenant-Id")   // Optional["7"]
 * }</pre>
 */
public record Caller(String role, Map<String, Object> claims) {
    public static final Caller UNRESTRICTED = new Caller(null, Map.of());
    /** The key of the request's caller in the GraphQL context (graphql-java's {@code GraphQLContext}). */
    public static final String CONTEXT_KEY = Caller.class.getName();

    public Caller {
        claims = Map.copyOf(claims);
    }

    /**
     * The claim of this name, by {@link ClaimPath#lookup}'s rule: exact, except that Hasura's session
     * variables ({@code x-hasura-*}) match ignoring case, as Hasura matches them.
     */
    public Optional<Object> claim(String name) {
        return Optional.ofNullable(ClaimPath.lookup(claims, name));
    }

    public boolean isUnrestricted() {
        return role == null;
    }
}
