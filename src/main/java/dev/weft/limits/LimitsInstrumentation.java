package dev.weft.limits;

import dev.weft.config.LimitSettings;
import dev.weft.dialect.ErrorCode;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.validation.QueryComplexityLimits;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Holds each request of one GraphQL instance (one role, or everyone without access control) to its
 * limits. Right after parsing, before validation and before graphql-java normalizes or traverses
 * anything, the document's {@link DocumentShape} is compared with {@code max-depth} and
 * {@code max-fields}: a query over them is refused within milliseconds, whatever its fragments would
 * expand to. At the end, a request whose {@link RequestBudget} failed answers with that one error and
 * no data, rather than a partial response.
 *
 * <pre>{@code
 * GraphQL.newGraphQL(schema).instrumentation(new LimitsInstrumentation(LimitSettings.DEFAULTS)).build();
 * }</pre>
 */
public final class LimitsInstrumentation extends SimplePerformantInstrumentation {
    private final LimitSettings limits;

    public LimitsInstrumentation(LimitSettings limits) {
        this.limits = limits;
    }

    @Override
    public DocumentAndVariables instrumentDocumentAndVariables(DocumentAndVariables documentAndVariables,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        // every operation of the document, not only the one asked for: validated documents are cached by
        // their text alone, so a later request may run another operation of the same document
        DocumentShape shape = DocumentShape.of(documentAndVariables.getDocument());
        if (shape.depth() > limits.maxDepth()) {
            throw refused("max-depth", "the query nests " + shape.depth() + " fields deep; at most " + limits.maxDepth()
                    + " are allowed (max-depth)");
        }
        if (shape.fields() > limits.maxFields()) {
            throw refused("max-fields", "the query selects " + shape.fields() + " fields (fragments counted each time they"
                    + " are used); at most " + limits.maxFields() + " are allowed (max-fields)");
        }
        // measured here, per role: graphql-java's own fixed limits (depth 100) would refuse what a role may ask
        if (parameters.getGraphQLContext() != null) {
            parameters.getGraphQLContext().put(QueryComplexityLimits.KEY, QueryComplexityLimits.NONE);
        }
        return documentAndVariables;
    }

    private static AbortExecutionException refused(String limit, String message) {
        return new AbortExecutionException(List.of(LimitError.of(ErrorCode.BAD_USER_INPUT, limit, message)));
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        RequestBudget budget = parameters.getGraphQLContext() == null ? null
                : parameters.getGraphQLContext().get(RequestBudget.CONTEXT_KEY);
        GraphQLError failure = budget == null ? null : budget.failure();
        if (failure == null) {
            return CompletableFuture.completedFuture(result);
        }
        return CompletableFuture.completedFuture(ExecutionResult.newExecutionResult().addError(failure).build());
    }
}
