package dev.weft.web;

import dev.weft.config.SecuritySettings;
import dev.weft.security.SecurityModel;

/**
 * Access control as resolved at start-up: the settings of {@code weft.security.*} and access.yml,
 * and the {@link SecurityModel} they resolve to against the catalog. {@link #OPEN} (both null) when
 * no access control is configured: every request is then {@link dev.weft.security.Caller#UNRESTRICTED}.
 */
public record WeftSecurity(SecuritySettings settings, SecurityModel model) {
    /** No access control. */
    public static final WeftSecurity OPEN = new WeftSecurity(null, null);

    /** The headers GraphiQL opens with in the embedded demo: the demo manager's API key. */
    static final String DEMO_GRAPHIQL_HEADERS = "{\"X-API-Key\": \"demo-manager-key\"}";

    public boolean enabled() {
        return settings != null;
    }

    /** Whether bearer tokens are accepted. */
    boolean acceptsJwt() {
        return settings != null && settings.jwt() != null;
    }

    /** GraphiQL's default headers unless {@code weft.graphiql.default-headers} is set: the demo's key, else none. */
    String graphiqlDefaultHeaders() {
        return settings != null && settings.demo() ? DEMO_GRAPHIQL_HEADERS : "";
    }
}
