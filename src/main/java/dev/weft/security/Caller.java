package dev.weft.security;

import java.util.Map;

/**
 * Who sends a request, as authentication established it: the role chosen for this request and the
 * claims that row filters may use ({@code "@claims.tenant_id"}). {@link #UNRESTRICTED} is the caller
 * when no access control is configured.
 */
public record Caller(String role, Map<String, Object> claims) {
    public static final Caller UNRESTRICTED = new Caller(null, Map.of());
    /** The key of the request's caller in the GraphQL context (graphql-java's {@code GraphQLContext}). */
    public static final String CONTEXT_KEY = Caller.class.getName();

    public Caller {
        claims = Map.copyOf(claims);
    }

    public boolean isUnrestricted() {
        return role == null;
    }
}
