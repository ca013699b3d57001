package dev.weft.web;

import dev.weft.ops.AuditLog;
import dev.weft.ops.RequestMeters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as GraphQL-shaped JSON, so clients handle them like any other GraphQL error:
 * {@code {"errors":[{"message":"...","extensions":{"code":"UNAUTHENTICATED"}}]}} (or {@code FORBIDDEN}),
 * with content type {@code application/json}. A 401 carries {@code WWW-Authenticate}: Spring's
 * {@code Bearer} challenge (with the token's error) when bearer tokens are accepted, and an
 * {@code ApiKey} challenge naming the header.
 */
final class SecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {
    private static final Logger log = LoggerFactory.getLogger(SecurityErrors.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String API_KEY_CHALLENGE = "ApiKey header=\"" + ApiKeyAuthentication.HEADER + "\"";

    private final BearerTokenAuthenticationEntryPoint bearer;

    private final RequestMeters meters;
    private final AuditLog audit;

    SecurityErrors(boolean bearerAccepted, RequestMeters meters, AuditLog audit) {
        this.bearer = bearerAccepted ? new BearerTokenAuthenticationEntryPoint() : null;
        this.meters = meters;
        this.audit = audit;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (bearer != null) {
            bearer.commence(request, response, failure);
        }
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, API_KEY_CHALLENGE);
        String message = message(failure);
        log.debug("401 for {} {}: {}", request.getMethod(), request.getRequestURI(), message);
        meters.refused("auth");
        audit.refused(null, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHENTICATED", request.getRequestURI());
        write(response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHENTICATED", message);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        String message = reason(denied);
        log.debug("403 for {} {}: {}", request.getMethod(), request.getRequestURI(), message);
        meters.refused("auth");
        org.springframework.security.core.Authentication caller =
                org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        audit.refused(caller == null ? null : caller.getName(), HttpServletResponse.SC_FORBIDDEN, "FORBIDDEN", request.getRequestURI());
        write(response, HttpServletResponse.SC_FORBIDDEN, "FORBIDDEN", message == null ? "access denied" : message);
    }

    private String message(AuthenticationException failure) {
        return switch (failure) {
            case OAuth2AuthenticationException e -> "the bearer token is not valid: "
                    + (e.getError().getDescription() == null ? e.getError().getErrorCode() : e.getError().getDescription());
            case BadCredentialsException e -> e.getMessage();
            case InsufficientAuthenticationException e when e.getCause() instanceof AccessDeniedException d && reason(d) != null ->
                    reason(d) + "; send credentials that grant it";
            case AuthenticationCredentialsNotFoundException e -> authenticationRequired();
            case InsufficientAuthenticationException e -> authenticationRequired();
            default -> "authentication failed";
        };
    }

    private String authenticationRequired() {
        return "authentication required: send an API key in the " + ApiKeyAuthentication.HEADER + " header"
                + (bearer == null ? "" : " or a bearer token in the Authorization header");
    }

    private static String reason(AccessDeniedException denied) {
        return denied instanceof AuthorizationDeniedException d && d.getAuthorizationResult() instanceof RoleAuthorization.Denied r
                ? r.reason() : null;
    }

    private static void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Map<String, Object> error = Map.of("message", message, "extensions", Map.of("code", code));
        response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("errors", List.of(error))));
    }
}
