package dev.weft.limits;

import dev.weft.dialect.ErrorCode;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.Map;

/**
 * The GraphQL error of a request refused for one of its limits: {@code extensions.code} is
 * {@code BAD_USER_INPUT} (or {@code TIMEOUT} for the request timeout) and {@code extensions.limit}
 * names the limit, as the README documents it.
 *
 * <pre>{@code
 * {"message": "the query selects 2199023255552 fields; at most 1000 are allowed (max-fields)",
 *  "extensions": {"code": "BAD_USER_INPUT", "limit": "max-fields"}}
 * }</pre>
 */
final class LimitError {
    private LimitError() {
    }

    static GraphQLError of(ErrorCode code, String limit, String message) {
        return GraphqlErrorBuilder.newError().message(message).errorType(ErrorType.ExecutionAborted)
                .extensions(Map.of("code", code.name(), "limit", limit)).build();
    }
}
