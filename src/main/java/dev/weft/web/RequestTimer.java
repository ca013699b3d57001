package dev.weft.web;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.graphql.execution.ErrorType;

/**
 * Spring for GraphQL's request and data-fetcher observations ({@link TracingConfiguration.RequestObservation}), with
 * the request's {@code graphql.request} timer recorded straight on the meter registry instead of through an
 * observation: what Micrometer's {@code DefaultMeterObservationHandler} records for it, the same name, tags
 * ({@code error}, {@code graphql.operation.type}, {@code graphql.outcome}, their values worked out as Spring's
 * {@code DefaultExecutionRequestObservationConvention} does: {@code operation} for a document that never reached an
 * operation) and duration, without the observation's context, key
 * values and handlers on every request. Used while tracing is off, when the observation would make no span; its
 * data-fetcher observations (mutations' fields) stay as they are.
 *
 * <pre>{@code
 * graphql_request_seconds_count{error="none",graphql_operation_type="query",graphql_outcome="SUCCESS"} 1.0
 * }</pre>
 */
final class RequestTimer extends TracingConfiguration.RequestObservation {
    static final String NAME = "graphql.request";
    private static final String OPERATION = RequestTimer.class.getName() + ".operation";

    private final MeterRegistry meters;
    private final Map<Tags, Timer> timers = new ConcurrentHashMap<>();

    RequestTimer(ObservationRegistry observations, MeterRegistry meters) {
        super(observations);
        this.meters = meters;
    }

    private record Tags(String error, String operationType, String outcome) {
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
                                                                  InstrumentationState state) {
        long start = meters.config().clock().monotonicTime();
        GraphQLContext context = parameters.getGraphQLContext();
        return new SimpleInstrumentationContext<>() {
            @Override
            public void onCompleted(ExecutionResult result, Throwable failure) {
                Object operation = context.get(OPERATION);
                Tags tags = new Tags(failure == null ? "none" : failure.getClass().getSimpleName(),
                        operation == null ? "operation" : (String) operation, outcome(result, failure));
                timers.computeIfAbsent(tags, t -> Timer.builder(NAME).tag("error", t.error())
                                .tag("graphql.operation.type", t.operationType()).tag("graphql.outcome", t.outcome()).register(meters))
                        .record(meters.config().clock().monotonicTime() - start, TimeUnit.NANOSECONDS);
            }
        };
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                         InstrumentationState state) {
        parameters.getExecutionContext().getGraphQLContext().put(OPERATION, parameters.getExecutionContext()
                .getOperationDefinition().getOperation().name().toLowerCase(Locale.ROOT));
        return SimpleInstrumentationContext.noOp();
    }

    /** As {@code DefaultExecutionRequestObservationConvention#outcome}. */
    static String outcome(ExecutionResult result, Throwable failure) {
        if (failure != null || result == null) {
            return "INTERNAL_ERROR";
        }
        if (result.getErrors().isEmpty()) {
            return "SUCCESS";
        }
        for (GraphQLError error : result.getErrors()) {
            if (ErrorType.INTERNAL_ERROR.equals(error.getErrorType())) {
                return "INTERNAL_ERROR";
            }
        }
        return "REQUEST_ERROR";
    }
}
