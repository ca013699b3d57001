package dev.weft.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.execution.ExecutionContext;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.schema.GraphQLSchema;
import java.util.Map;

/**
 * graphql-java's normalized form of a request's operation (fragments merged, aliases, variables and
 * {@code @skip}/{@code @include} applied), kept per schema, parsed operation and variable values, so that a repeated
 * request does not normalize its operation again. graphql-java makes it anew for every request
 * ({@link ExecutionContext#getNormalizedQueryTree()}); the parsed operation is the same object for a repeated query
 * text (the parsed-document cache), so the key compares schema and operation by identity and the variables by value.
 * Requests whose variables hold anything but a few short scalars are normalized without the cache, so that it never
 * holds large inputs.
 *
 * <pre>{@code
 * NormalizedOperations operations = new NormalizedOperations(50_000); // fields of all kept operations
 * ExecutableNormalizedOperation operation = operations.of(executionContext); // the same object for the same request
 * }</pre>
 */
public final class NormalizedOperations {
    /** Variables cached with the operation: at most this many, each a scalar or a string of at most {@link #MAX_STRING}. */
    static final int MAX_VARIABLES = 16;
    static final int MAX_STRING = 256;

    private final Cache<Key, ExecutableNormalizedOperation> cache;

    private record Key(GraphQLSchema schema, OperationDefinition operation, Map<String, Object> variables) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.schema == schema && k.operation == operation && k.variables.equals(variables);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * System.identityHashCode(schema) + System.identityHashCode(operation)) + variables.hashCode();
        }
    }

    /**
     * @param maximumFields the fields of all kept operations together, at most: the bound of the cache's memory (a
     *                      kept operation also holds its parsed document)
     */
    public NormalizedOperations(int maximumFields) {
        this.cache = Caffeine.newBuilder().maximumWeight(maximumFields)
                .weigher((Key key, ExecutableNormalizedOperation operation) -> Math.max(1, operation.getOperationFieldCount()))
                .build();
    }

    /** The normalized operation of the request in {@code context}: cached, or made and kept if its variables are small. */
    public ExecutableNormalizedOperation of(ExecutionContext context) {
        Map<String, Object> variables = context.getCoercedVariables().toMap();
        if (!cacheable(variables)) {
            return context.getNormalizedQueryTree().get();
        }
        // Made here, not by the context: graphql-java's keeps the request's GraphQLContext (in each field's
        // QueryDirectives), and a cached operation would keep the first request's context and all it reaches.
        return cache.get(new Key(context.getGraphQLSchema(), context.getOperationDefinition(), variables),
                key -> ExecutableNormalizedOperationFactory.createExecutableNormalizedOperation(context.getGraphQLSchema(),
                        context.getOperationDefinition(), context.getFragmentsByName(), context.getCoercedVariables(),
                        ExecutableNormalizedOperationFactory.Options.defaultOptions().locale(context.getLocale())));
    }

    static boolean cacheable(Map<String, Object> variables) {
        if (variables.size() > MAX_VARIABLES) {
            return false;
        }
        for (Object value : variables.values()) {
            boolean small = value == null || value instanceof Number || value instanceof Boolean
                    || value instanceof String s && s.length() <= MAX_STRING;
            if (!small) {
                return false;
            }
        }
        return true;
    }

    /** How many operations are kept (for tests). */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
