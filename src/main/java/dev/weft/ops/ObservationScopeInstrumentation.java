package dev.weft.ops;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;

/**
 * Makes the request's observation (the one Spring for GraphQL's instrumentation started and put into the
 * GraphQL context) current on the thread that executes the operation, from the start of the operation until
 * it has been dispatched. The direct executor runs the whole query in that time; what it hands to other
 * threads carries the observation along (the executor of {@link RequestTracing#executor}), so every
 * statement's span is a child of the request's.
 */
final class ObservationScopeInstrumentation extends SimplePerformantInstrumentation {

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                         InstrumentationState state) {
        Observation request = parameters.getExecutionContext().getGraphQLContext().get(ObservationThreadLocalAccessor.KEY);
        if (request == null || request.isNoop()) {
            return SimpleInstrumentationContext.noOp();
        }
        Observation.Scope scope = request.openScope();
        Thread owner = Thread.currentThread();
        return new InstrumentationContext<>() {
            private boolean closed;

            @Override
            public void onDispatched() {
                close();
            }

            @Override
            public void onCompleted(ExecutionResult result, Throwable t) {
                close();
            }

            // graphql-java calls onDispatched on the thread that began the operation, before onCompleted
            private void close() {
                if (!closed && Thread.currentThread() == owner) {
                    closed = true;
                    scope.close();
                }
            }
        };
    }
}
