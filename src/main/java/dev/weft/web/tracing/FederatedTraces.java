package dev.weft.web.tracing;

import com.apollographql.federation.graphqljava.tracing.FederatedTracingInstrumentation;
import dev.weft.execute.DirectExecutionStrategy;
import graphql.execution.instrumentation.Instrumentation;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;

/**
 * Apollo's federated tracing for a subgraph: a request with the header {@code apollo-federation-include-trace: ftv1}
 * (a gateway sends it when it collects traces) gets {@code extensions.ftv1}, a base64 protobuf {@code Trace} with the
 * request's timing and each field's, built by {@link FederatedTracingInstrumentation} of Apollo's
 * federation-graphql-java-support. Such a request runs field by field through graphql-java (the direct executor has
 * no per-field fetches to time); every other request is untouched.
 *
 * <pre>{@code
 * curl -H 'apollo-federation-include-trace: ftv1' -d '{"query":"{ __typename }"}' ...
 * -> {"data":{"__typename":"Query"},"extensions":{"ftv1":"GgsI..."}}
 * }</pre>
 */
public final class FederatedTraces {
    private static final String TRACE = "weft.ftv1";

    private FederatedTraces() {
    }

    /** Marks a request that asks for a trace (when the server is a subgraph: {@code enabled}). */
    public static WebGraphQlInterceptor interceptor(boolean enabled) {
        return (request, chain) -> {
            if (enabled && FederatedTracingInstrumentation.FEDERATED_TRACING_HEADER_VALUE.equals(
                    request.getHeaders().getFirst(FederatedTracingInstrumentation.FEDERATED_TRACING_HEADER_NAME))) {
                request.configureExecutionInput((input, builder) -> builder.graphQLContext(
                        Map.of(TRACE, true, DirectExecutionStrategy.FIELD_BY_FIELD, true)).build());
            }
            return chain.next(request);
        };
    }

    /** The instrumentation that traces the marked requests. */
    public static Instrumentation instrumentation() {
        return new FederatedTracingInstrumentation(new FederatedTracingInstrumentation.Options(false,
                input -> Boolean.TRUE.equals(input.getGraphQLContext().get(TRACE))));
    }
}
