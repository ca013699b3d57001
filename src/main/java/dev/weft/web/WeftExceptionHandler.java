package dev.weft.web;

import dev.weft.execute.FieldFailure;
import dev.weft.limits.RequestBudget;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Turns an exception of a data fetcher into a GraphQL error with a code (README, "Errors") and a message
 * safe for clients. The full exception, SQL and driver text included, goes to the log with the
 * request's id; the client sees only that id for internal errors.
 */
final class WeftExceptionHandler implements DataFetcherExceptionHandler {
    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters parameters) {
        RequestBudget budget = parameters.getDataFetchingEnvironment().getGraphQlContext().get(RequestBudget.CONTEXT_KEY);
        if (budget != null && budget.failure() != null) {
            // the request fails as a whole with the limit's one error (LimitsInstrumentation), not one per field
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult().build());
        }
        GraphQLError error = toError(parameters.getException(), parameters.getDataFetchingEnvironment());
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
    }

    static GraphQLError toError(Throwable thrown, DataFetchingEnvironment env) {
        String requestId = env.getExecutionId() == null ? "-" : env.getExecutionId().toString();
        FieldFailure failure = FieldFailure.of(thrown, requestId, env.getExecutionStepInfo().getPath());
        return GraphqlErrorBuilder.newError(env).message(failure.message())
                .extensions(Map.of("code", failure.code().name())).build();
    }
}
