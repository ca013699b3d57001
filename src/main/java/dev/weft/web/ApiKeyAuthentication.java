package dev.weft.web;

import dev.weft.security.ApiKey;
import dev.weft.security.SecurityModel;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * API keys in the {@code X-API-Key} header, through Spring Security's {@code AuthenticationFilter}:
 * the {@link Converter} takes the presented key from the request, the {@link Provider} finds the
 * configured key whose SHA-256 matches ({@link SecurityModel#apiKey}, constant time) and turns it
 * into a {@link CallerAuthentication} with the key's roles and claims.
 */
final class ApiKeyAuthentication {
    static final String HEADER = "X-API-Key";

    private ApiKeyAuthentication() {
    }

    /** A key as presented, not yet checked. Its only credential is the key; it never reaches a log. */
    static final class Presented extends AbstractAuthenticationToken {
        private final transient String key;

        Presented(String key) {
            super(List.of());
            this.key = key;
        }

        @Override
        public Object getCredentials() {
            return key;
        }

        @Override
        public Object getPrincipal() {
            return "api-key";
        }

        @Override
        public String toString() {
            return "PresentedApiKey";
        }
    }

    /**
     * Reads {@code X-API-Key}; none means "no API key" (null). Refuses ambiguous or uncheckable
     * credentials: an API key together with an {@code Authorization} header, or an
     * {@code Authorization} header when no bearer tokens are accepted (it would otherwise be ignored).
     */
    static final class Converter implements AuthenticationConverter {
        private final boolean bearerAccepted;

        Converter(boolean bearerAccepted) {
            this.bearerAccepted = bearerAccepted;
        }

        @Override
        public Authentication convert(HttpServletRequest request) {
            String key = request.getHeader(HEADER);
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (key == null) {
                if (authorization != null && !bearerAccepted) {
                    throw new BadCredentialsException("this server accepts API keys (X-API-Key) only, no Authorization header");
                }
                return null;
            }
            if (authorization != null) {
                throw new BadCredentialsException("send either an API key (X-API-Key) or an Authorization header, not both");
            }
            return new Presented(key);
        }
    }

    /** Checks a presented key against access.yml's hashes. */
    static final class Provider implements AuthenticationProvider {
        private final java.util.function.Supplier<SecurityModel> model;

        /** @param model the serving version's keys (a reload of access.yml changes them) */
        Provider(java.util.function.Supplier<SecurityModel> model) {
            this.model = model;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            String presented = (String) authentication.getCredentials();
            ApiKey key = model.get().apiKey(presented)
                    .orElseThrow(() -> new BadCredentialsException("the API key is not valid"));
            return new CallerAuthentication("api-key " + key.name(), key.roles(), key.claims());
        }

        @Override
        public boolean supports(Class<?> type) {
            return Presented.class.isAssignableFrom(type);
        }
    }
}
