package dev.weft.web;

import dev.weft.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Chooses the role a request acts as and admits it: the {@code X-Weft-Role} header (else Hasura's
 * {@code X-Hasura-Role}) names one of the caller's own roles (otherwise the first is taken); a role the caller does not hold is denied (403,
 * or 401 for a request without credentials). An admitted request carries its {@link Caller} in the
 * request attribute {@link Caller#CONTEXT_KEY}, from which {@link CallerInterceptor} hands it to
 * GraphQL. Without credentials the caller is the anonymous role, if one is configured; otherwise
 * Spring Security answers 401 before a decision is needed.
 */
final class RoleAuthorization implements AuthorizationManager<RequestAuthorizationContext> {
    static final String ROLE_HEADER = "X-Weft-Role";
    /** Hasura's header for the same choice, read when {@link #ROLE_HEADER} is absent, so Hasura's clients pick their role unchanged. */
    static final String HASURA_ROLE_HEADER = "X-Hasura-Role";

    private final String anonymousRole;

    RoleAuthorization(String anonymousRole) {
        this.anonymousRole = anonymousRole;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication current = authentication.get(); // none at all: Spring Security answers 401
        List<String> roles;
        Map<String, Object> claims;
        if (current instanceof CallerAuthentication caller) {
            roles = caller.roles();
            claims = caller.claims();
        } else if (current instanceof AnonymousAuthenticationToken && anonymousRole != null) {
            roles = List.of(anonymousRole);
            claims = Map.of();
        } else {
            return new Denied("no role for these credentials");
        }
        HttpServletRequest request = context.getRequest();
        String header = ROLE_HEADER;
        String requested = request.getHeader(ROLE_HEADER);
        if (requested == null || requested.isBlank()) {
            header = HASURA_ROLE_HEADER;
            requested = request.getHeader(HASURA_ROLE_HEADER);
        }
        if (requested == null || requested.isBlank()) {
            if (roles.isEmpty()) {
                return new Denied("the credentials grant no role that access.yml defines");
            }
            return admit(request, new Caller(roles.get(0), claims), current.getName());
        }
        String role = requested.strip();
        if (!roles.contains(role)) {
            return new Denied("the role '" + role + "' of the " + header + " header is not one of the caller's roles " + roles);
        }
        return admit(request, new Caller(role, claims), current.getName());
    }

    private static AuthorizationResult admit(HttpServletRequest request, Caller caller, String name) {
        request.setAttribute(Caller.CONTEXT_KEY, caller);
        request.setAttribute(dev.weft.ops.AuditLog.CALLER_NAME, name);
        return new AuthorizationDecision(true);
    }

    /** A refusal with its reason, for the response's message. */
    static final class Denied extends AuthorizationDecision {
        private final String reason;

        Denied(String reason) {
            super(false);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }

        @Override
        public String toString() {
            return "Denied[" + reason + "]";
        }
    }
}
