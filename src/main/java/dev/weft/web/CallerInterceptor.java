package dev.weft.web;

import dev.weft.security.Caller;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Mono;

/**
 * Puts the request's {@link Caller} into the GraphQL context under {@link Caller#CONTEXT_KEY}: the one
 * {@link RoleAuthorization} admitted (a request attribute), or {@link Caller#UNRESTRICTED} when no
 * access control is configured. With access control, a request that reaches GraphQL without a caller
 * fails rather than run unrestricted.
 */
final class CallerInterceptor implements WebGraphQlInterceptor {
    private final boolean accessControlled;

    CallerInterceptor(boolean accessControlled) {
        this.accessControlled = accessControlled;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Caller caller = request.getAttributes().get(Caller.CONTEXT_KEY) instanceof Caller c ? c
                : accessControlled ? null : Caller.UNRESTRICTED;
        if (caller == null) {
            return Mono.error(new IllegalStateException("a GraphQL request without an authenticated caller"));
        }
        Object name = request.getAttributes().get(dev.weft.ops.AuditLog.CALLER_NAME);
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(name == null ? Map.of(Caller.CONTEXT_KEY, caller)
                : Map.of(Caller.CONTEXT_KEY, caller, dev.weft.ops.AuditLog.CALLER_NAME, name)).build());
        return chain.next(request);
    }
}
