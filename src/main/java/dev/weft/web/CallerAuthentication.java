package dev.weft.web;

import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated caller, by API key or bearer token: a name for logs (never the key), the roles it
 * may act as in order (the first is the default), and its claims for row filters. No credentials.
 */
final class CallerAuthentication extends AbstractAuthenticationToken {
    private final String name;
    private final List<String> roles;
    private final transient Map<String, Object> claims;

    CallerAuthentication(String name, List<String> roles, Map<String, Object> claims) {
        super(roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList());
        this.name = name;
        this.roles = List.copyOf(roles);
        this.claims = Map.copyOf(claims);
        setAuthenticated(true);
    }

    List<String> roles() {
        return roles;
    }

    Map<String, Object> claims() {
        return claims;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return name;
    }

    @Override
    public String getName() {
        return name;
    }
}
