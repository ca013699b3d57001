package dev.weft.web;

import dev.weft.execute.FieldFailure;
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
