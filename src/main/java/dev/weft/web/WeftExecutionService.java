package dev.weft.web;

import dev.weft.security.Caller;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import java.util.concurrent.CompletableFuture;
import dev.weft.execute.activity.Activity;
import dev.weft.ops.AuditActivity;
import dev.weft.ops.AuditLog;
import dev.weft.ops.RequestMeters;
import dev.weft.reload.Snapshot;
import dev.weft.reload.Snapshots;
import org.springframework.graphql.ExecutionGraphQlRequest;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.execution.ContextPropagationHelper;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import dev.weft.web.sizelimit.IntrospectionDocuments;
import dev.weft.web.sizelimit.ResponseBound;
import reactor.core.publisher.Mono;

/**
 * Runs each GraphQL request through the {@link WeftRuntime} as its caller: the role's own schema,
 * limits and row filters. The caller was put into the request's GraphQL context by authentication;
 * without access control every request runs against the full schema, as before.
 */
final class WeftExecutionService implements ExecutionGraphQlService {
    private final Snapshots<Served> snapshots;
    private final RequestMeters meters;
    private final AuditLog audit;
    private final dev.weft.cache.ResponseCache cache;

    WeftExecutionService(Snapshots<Served> snapshots, RequestMeters meters, AuditLog audit, dev.weft.cache.ResponseCache cache) {
        this.snapshots = snapshots;
        this.cache = cache;
        this.meters = meters;
        this.audit = audit;
    }

    @Override
    public Mono<ExecutionGraphQlResponse> execute(ExecutionGraphQlRequest request) {
        ExecutionInput input = request.toExecutionInput();
        Caller caller = input.getGraphQLContext().get(Caller.CONTEXT_KEY);
        long start = System.nanoTime();
        String traceId = AuditLog.currentTraceId(); // on the request's thread, where tracing keeps it
        AuditActivity activity = audit.enabled() ? new AuditActivity() : null;
        // the bytes this response may write (max-response-bytes of the caller's role), counted as they are written
        ResponseBound bound = request instanceof WebGraphQlRequest web ? ResponseBound.in(web.getAttributes()) : null;
        // as Spring's own service does: what the web handler captured (the HTTP request's observation) reaches
        // the GraphQL context, where the request's observation finds its parent
        return Mono.deferContextual(context -> {
                    ContextPropagationHelper.getInstance(context).captureFrom(context).updateContext(input.getGraphQLContext());
                    // one version for the whole request: a reload meanwhile swaps in the next for later requests only
                    return Mono.using(snapshots::enter,
                            snapshot -> Mono.fromFuture(() -> run(snapshot.value(), input, caller, activity, bound)), Snapshot::close);
                })
                .doOnNext(result -> {
                    long nanos = System.nanoTime() - start;
                    meters.executed(result, nanos);
                    audit.executed(new AuditLog.Request(String.valueOf(input.getExecutionId()), traceId,
                            input.getGraphQLContext().get(AuditLog.CALLER_NAME), caller == null ? null : caller.role(),
                            input.getOperationName(), input.getQuery(), false), result, activity, nanos);
                })
                .map(result -> new DefaultExecutionGraphQlResponse(input, result));
    }

    /**
     * Runs the request through the response cache (its entries belong to this version of the configuration), its
     * statements heard by {@code activity} (the tables and rows of its audit record) if given.
     */
    private CompletableFuture<ExecutionResult> run(Served served, ExecutionInput input, Caller caller, AuditActivity activity,
            ResponseBound bound) {
        WeftRuntime runtime = served.runtime();
        if (bound != null && !IntrospectionDocuments.only(input.getQuery(), input.getOperationName())) {
            bound.arm(runtime.limitsFor(caller).maxResponseBytes());
        }
        var policy = runtime.securityModel() == null || caller == null || caller.role() == null ? null
                : runtime.securityModel().roles().get(caller.role());
        java.util.function.Supplier<CompletableFuture<ExecutionResult>> cached = () -> cache.execute(input, caller, policy,
                served.configuration(), () -> runtime.executeAsync(input, caller, true));
        return activity == null ? cached.get() : Activity.during(activity, cached);
    }
}
