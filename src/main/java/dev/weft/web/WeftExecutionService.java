package dev.weft.web;

import dev.weft.security.Caller;
import graphql.ExecutionInput;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.springframework.graphql.ExecutionGraphQlRequest;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import reactor.core.publisher.Mono;

/**
 * Runs each GraphQL request through the {@link WeftRuntime} as its caller: the role's own schema,
 * limits and row filters. The caller was put into the request's GraphQL context by authentication;
 * without access control every request runs against the full schema, as before.
 */
final class WeftExecutionService implements ExecutionGraphQlService {
    private final WeftRuntime runtime;
    private final MeterRegistry meters;

    /** @param meters where the timer {@code weft.requests} (tag {@code outcome}: success or errors) goes; null for none */
    WeftExecutionService(WeftRuntime runtime, MeterRegistry meters) {
        this.runtime = runtime;
        this.meters = meters;
    }

    @Override
    public Mono<ExecutionGraphQlResponse> execute(ExecutionGraphQlRequest request) {
        ExecutionInput input = request.toExecutionInput();
        Caller caller = input.getGraphQLContext().get(Caller.CONTEXT_KEY);
        long start = System.nanoTime();
        return Mono.fromFuture(() -> runtime.executeAsync(input, caller, true))
                .doOnNext(result -> {
                    if (meters != null) {
                        Timer.builder("weft.requests").description("GraphQL requests run by Weft, by outcome")
                                .tag("outcome", result.getErrors().isEmpty() ? "success" : "errors").register(meters)
                                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    }
                })
                .map(result -> new DefaultExecutionGraphQlResponse(input, result));
    }
}
