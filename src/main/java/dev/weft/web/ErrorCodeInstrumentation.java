package dev.weft.web;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Gives every error of a result an {@code extensions.code}: parse errors
 * {@code GRAPHQL_PARSE_FAILED}, validation errors {@code GRAPHQL_VALIDATION_FAILED} (Apollo's names),
 * bad variable values {@code BAD_USER_INPUT}, graphql-java's refusal of an introspection query "not in good
 * faith" (a cycle through the schema's types, see GoodFaithIntrospection) {@code BAD_USER_INPUT},
 * anything else without a code {@code INTERNAL}.
 */
final class ErrorCodeInstrumentation extends SimplePerformantInstrumentation {
    /** The classification of graphql-java's {@code GoodFaithIntrospection.BadFaithIntrospectionError}. */
    private static final String BAD_FAITH_INTROSPECTION = "BadFaithIntrospection";

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (result.getErrors().isEmpty() || result.getErrors().stream().allMatch(ErrorCodeInstrumentation::hasCode)) {
            return CompletableFuture.completedFuture(result);
        }
        List<GraphQLError> errors = result.getErrors().stream().map(ErrorCodeInstrumentation::withCode).toList();
        return CompletableFuture.completedFuture(result.transform(b -> b.errors(errors)));
    }

    private static boolean hasCode(GraphQLError error) {
        return error.getExtensions() != null && error.getExtensions().containsKey("code");
    }

    private static GraphQLError withCode(GraphQLError error) {
        if (hasCode(error)) {
            return error;
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (error.getExtensions() != null) {
            extensions.putAll(error.getExtensions());
        }
        extensions.put("code", codeOf(error));
        GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError().message(error.getMessage())
                .locations(error.getLocations()).errorType(error.getErrorType()).extensions(extensions);
        if (error.getPath() != null) {
            builder.path(error.getPath());
        }
        return builder.build();
    }

    static String codeOf(GraphQLError error) {
        ErrorClassification type = error.getErrorType();
        String message = error.getMessage() == null ? "" : error.getMessage();
        if (type == ErrorType.InvalidSyntax) {
            return "GRAPHQL_PARSE_FAILED";
        }
        if (type == ErrorType.ValidationError) {
            return message.startsWith("Variable '") || message.contains("CoercingParseValue") ? "BAD_USER_INPUT"
                    : "GRAPHQL_VALIDATION_FAILED";
        }
        if (type == ErrorType.OperationNotSupported) {
            return "GRAPHQL_VALIDATION_FAILED";
        }
        if (type == ErrorType.ExecutionAborted || type != null && BAD_FAITH_INTROSPECTION.equals(type.toSpecification(error))) {
            return "BAD_USER_INPUT";
        }
        return "INTERNAL";
    }
}
