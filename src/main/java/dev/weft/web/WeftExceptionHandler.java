package dev.weft.web;

import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an exception of a data fetcher into a GraphQL error with a code (CONTRACT §5) and a message
 * safe for clients. The full exception, SQL and driver text included, goes to the log with the
 * request's id; the client sees only that id for internal errors.
 */
final class WeftExceptionHandler implements DataFetcherExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(WeftExceptionHandler.class);

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters parameters) {
        GraphQLError error = toError(parameters.getException(), parameters.getDataFetchingEnvironment());
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
    }

    static GraphQLError toError(Throwable thrown, DataFetchingEnvironment env) {
        Throwable e = unwrap(thrown);
        String requestId = env.getExecutionId() == null ? "-" : env.getExecutionId().toString();
        String path = env.getExecutionStepInfo().getPath().toString();
        ErrorCode code;
        String message;
        if (e instanceof WeftException weft) {
            code = weft.code();
            message = weft.getMessage();
            if (code == ErrorCode.BAD_USER_INPUT && weft.getCause() == null) {
                log.debug("request {} at {}: {}", requestId, path, message);
            } else {
                log.warn("request {} at {}: {}", requestId, path, message, weft.getCause() == null ? weft : weft.getCause());
            }
        } else {
            code = ErrorCode.INTERNAL;
            message = "internal error; the server log has the details under request id " + requestId;
            log.error("request {} at {}: unexpected failure", requestId, path, e);
        }
        return GraphqlErrorBuilder.newError(env).message(message).extensions(Map.of("code", code.name())).build();
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
