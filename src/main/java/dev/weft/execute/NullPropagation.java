package dev.weft.execute;

import dev.weft.catalog.Relationship;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import graphql.GraphQLError;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * graphql-java's null propagation, applied to a result {@link DirectExecutionStrategy} built: a field that failed is
 * null, and when its type is non-null the null moves up to the nearest nullable field or list element (to
 * {@code data} itself when there is none), as the specification's "Handling Field Errors" says. In Weft's naming
 * every field that can fail is nullable, so nothing moves, except relationships.yml's {@code required: true}
 * relationships ({@code T!}, {@code [T!]!}); in Hasura's naming lists are non-null ({@code [employees!]!}) too. A
 * failing or missing non-null field nulls its way up, as graphql-java's execution does; the error stays where the
 * null began.
 *
 * <pre>{@code
 * // error at [employees, 0, dept_emp] with dept_emp: [dept_emp!]!, employees: [employees!]!
 * NullPropagation.apply(data, errors, operation, schema)   // null: the response's data is null
 * }</pre>
 */
final class NullPropagation {
    private NullPropagation() {
    }

    /**
     * The failure of a required object relationship without a row for its parent. The same whether no row exists or
     * the caller's row filter hides it, so the answer tells nothing about rows the caller may not see.
     */
    static WeftException missing(Relationship r) {
        return new WeftException(ErrorCode.INTERNAL, "no row of " + r.to() + " for the non-null field '" + r.fieldName()
                + "' (none exists, or the role may not read it)");
    }

    /** {@code data} with every error's null propagated (changed in place), or null when a null reaches the root. */
    static Map<String, Object> apply(Map<String, Object> data, List<GraphQLError> errors, ExecutableNormalizedOperation operation,
                                     GraphQLSchema schema) {
        for (GraphQLError error : errors) {
            List<Object> path = error.getPath();
            if (path != null && !path.isEmpty() && !nullNearestNullable(data, path, operation, schema)) {
                return null;
            }
        }
        return data;
    }

    /** Nulls the deepest nullable position of {@code path}; false when every position up to the root is non-null. */
    private static boolean nullNearestNullable(Map<String, Object> data, List<Object> path, ExecutableNormalizedOperation operation,
                                               GraphQLSchema schema) {
        List<Object> containers = new ArrayList<>(path.size());
        List<GraphQLType> types = new ArrayList<>(path.size());
        List<ExecutableNormalizedField> fields = operation.getTopLevelFields();
        Object container = data;
        GraphQLType type = null;
        for (Object segment : path) {
            if (segment instanceof String key) {
                ExecutableNormalizedField field = fields.stream().filter(f -> f.getResultKey().equals(key)).findFirst().orElse(null);
                if (field == null) {
                    return true; // not a path of this operation's fields: nothing to propagate
                }
                type = field.getFieldDefinitions(schema).get(0).getType();
                fields = field.getChildren();
            } else if (GraphQLTypeUtil.unwrapNonNull(type) instanceof GraphQLList list) {
                type = list.getWrappedType();
            } else {
                return true;
            }
            containers.add(container);
            types.add(type);
            container = valueAt(container, segment);
        }
        for (int i = path.size() - 1; i >= 0; i--) {
            if (!(types.get(i) instanceof GraphQLNonNull)) {
                nullAt(containers.get(i), path.get(i));
                return true;
            }
        }
        return false;
    }

    private static Object valueAt(Object container, Object segment) {
        if (container instanceof Map<?, ?> map) {
            return map.get(segment);
        }
        if (container instanceof List<?> list && segment instanceof Integer i && i < list.size()) {
            return list.get(i);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static void nullAt(Object container, Object segment) {
        if (container instanceof Map<?, ?> map) {
            ((Map<Object, Object>) map).put(segment, null);
        } else if (container instanceof List<?> list && segment instanceof Integer i && i < list.size()) {
            ((List<Object>) list).set(i, null);
        }
    }
}
