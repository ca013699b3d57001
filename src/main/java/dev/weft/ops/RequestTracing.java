package dev.weft.ops;

import dev.weft.execute.SourceExecutor;
import graphql.execution.instrumentation.Instrumentation;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.tracing.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * What the runtime adds to requests for observations and traces. {@code requestObservation} (Spring for GraphQL's
 * instrumentation, built where Spring is) times every request as {@code graphql.request}, on the direct executor
 * too. With a {@code tracer} (tracing configured), the request's span is current while the operation runs, the
 * threads that fetch for it (root fields, relationship batches, DataLoader batch loads) carry it along, and every
 * call of a source gets a child span ({@link TracedSourceExecutor}). Without one, nothing of that is installed.
 *
 * <pre>{@code
 * RequestTracing tracing = new RequestTracing(new GraphQlObservationInstrumentation(observations), tracer);
 * ExecutorService async = tracing.executor(Executors.newVirtualThreadPerTaskExecutor());
 * }</pre>
 */
public final class RequestTracing {
    /** No observation, no trace. */
    public static final RequestTracing NONE = new RequestTracing(null, null);

    private final Instrumentation requestObservation;
    private final Tracer tracer;

    /**
     * @param requestObservation the instrumentation that observes each request; null for none
     * @param tracer             where the spans go; null when tracing is off
     */
    public RequestTracing(Instrumentation requestObservation, Tracer tracer) {
        this.requestObservation = requestObservation;
        this.tracer = tracer;
    }

    /** Whether statements get spans. */
    public boolean tracing() {
        return tracer != null;
    }

    /** The instrumentations to add to every GraphQL instance, after Weft's own. */
    public List<Instrumentation> instrumentations() {
        List<Instrumentation> all = new ArrayList<>(2);
        if (requestObservation != null) {
            all.add(requestObservation);
            if (tracer != null) {
                all.add(new ObservationScopeInstrumentation());
            }
        }
        return all;
    }

    /** {@code executor} itself, or, when tracing, one whose tasks run in the context (span, observation) of their submitter. */
    public ExecutorService executor(ExecutorService executor) {
        return tracer == null ? executor : ContextExecutorService.wrap(executor, ContextSnapshotFactory.builder().build());
    }

    SourceExecutor wrap(SourceExecutor executor) {
        return tracer == null ? executor : new TracedSourceExecutor(executor, tracer);
    }
}
