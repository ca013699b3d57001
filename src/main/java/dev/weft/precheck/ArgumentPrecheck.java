package dev.weft.precheck;

import dev.weft.catalog.Catalog;
import dev.weft.catalog.TableRef;
import dev.weft.dialect.WeftException;
import dev.weft.query.Access;
import dev.weft.query.DistinctOn;
import dev.weft.query.LikePatterns;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.ResultPath;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.normalized.ExecutableNormalizedField;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLTypeUtil;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a request whose arguments can be judged before execution, so that it fails as a whole (no
 * {@code data}, as Hasura answers a validation error) rather than field by field. Runs once the
 * variables are coerced and before the execution strategy starts, so the direct executor and
 * graphql-java's field-by-field execution answer alike, and no mutation field runs. Judged, on every
 * field of the operation (nested relationship fields and mutations included):
 * <ul>
 *   <li>a negative {@code limit} or {@code offset}, literal or variable: {@code BAD_USER_INPUT};</li>
 *   <li>a {@code _like}, {@code _nlike}, {@code _ilike} or {@code _nilike} pattern longer than
 *       {@link LikePatterns#MAX_LENGTH}, anywhere in a {@code where}: {@code BAD_USER_INPUT};</li>
 *   <li>a {@code distinct_on} whose columns are not the first terms of the field's {@code order_by}
 *       ({@link DistinctOn}, Hasura's rule and message): {@code BAD_USER_INPUT};</li>
 *   <li>a claim that the caller's row filter of a table the operation selects from needs and the caller
 *       lacks (or has in a form the column cannot take): {@code FORBIDDEN}.</li>
 * </ul>
 * Unknown enum values never reach here: graphql-java's validation and variable coercion refuse them
 * ({@code GRAPHQL_VALIDATION_FAILED}, {@code BAD_USER_INPUT}). A source failing during execution stays
 * a field error with the other fields' data.
 *
 * <pre>{@code
 * { hr_employees(limit: -1) { emp_no } }
 * -> {"errors": [{"message": "limit must not be negative, was -1", "path": ["hr_employees"],
 *                 "extensions": {"code": "BAD_USER_INPUT"}}]}            (no "data")
 * }</pre>
 */
public final class ArgumentPrecheck extends SimplePerformantInstrumentation {
    private static final Set<String> PAGE_ARGUMENTS = Set.of("limit", "offset");
    private static final Set<String> PATTERN_OPERATORS = Set.of("_like", "_nlike", "_ilike", "_nilike");

    private final Map<String, TableRef> tablesByType;
    private final boolean accessRequired;

    /**
     * @param tablesByType the table behind each GraphQL object type of the schema
     * @param accessRequired whether access control is on (a request without its Access is then refused)
     */
    public ArgumentPrecheck(Map<String, TableRef> tablesByType, boolean accessRequired) {
        this.tablesByType = Map.copyOf(tablesByType);
        this.accessRequired = accessRequired;
    }

    /** The check of a catalog's schema (every table by its GraphQL type name). */
    public static ArgumentPrecheck of(Catalog catalog, boolean accessRequired) {
        Map<String, TableRef> tables = new HashMap<>();
        catalog.tables().values().forEach(table -> tables.put(table.typeName(), table.ref()));
        return new ArgumentPrecheck(tables, accessRequired);
    }

    @Override
    public ExecutionContext instrumentExecutionContext(ExecutionContext context, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        Access access = Access.of(context.getGraphQLContext(), false);
        if (access == Access.UNRESTRICTED && accessRequired) {
            access = null; // the fetchers refuse it, as a wiring fault; claims are not judged here
        }
        for (ExecutableNormalizedField field : context.getNormalizedQueryTree().get().getTopLevelFields()) {
            judge(field, ResultPath.rootPath(), context, access);
        }
        return context;
    }

    private void judge(ExecutableNormalizedField field, ResultPath parent, ExecutionContext context, Access access) {
        ResultPath path = parent.segment(field.getResultKey());
        try {
            for (Map.Entry<String, Object> argument : field.getResolvedArguments().entrySet()) {
                if (PAGE_ARGUMENTS.contains(argument.getKey()) && argument.getValue() instanceof Number n && n.longValue() < 0) {
                    throw WeftException.badInput(argument.getKey() + " must not be negative, was " + n.longValue());
                }
                patterns(argument.getKey(), argument.getValue());
            }
            Map<String, Object> arguments = field.getResolvedArguments();
            DistinctOn.check(DistinctOn.names(arguments.get("distinct_on")), arguments.get("order_by"));
            if (access != null) {
                for (String typeName : typesOf(field, context)) {
                    TableRef table = tablesByType.get(typeName);
                    if (table != null) {
                        access.filter(table); // binds the caller's claims: a missing one is FORBIDDEN
                    }
                }
            }
        } catch (WeftException e) {
            throw new AbortExecutionException(List.of(error(e, path)));
        }
        for (ExecutableNormalizedField child : field.getChildren()) {
            judge(child, path, context, access);
        }
    }

    /** The object types the field is selected on, and the type it returns. */
    private static Set<String> typesOf(ExecutableNormalizedField field, ExecutionContext context) {
        Set<String> names = new HashSet<>(field.getObjectTypeNames());
        if (GraphQLTypeUtil.unwrapAll(field.getType(context.getGraphQLSchema())) instanceof GraphQLNamedType named) {
            names.add(named.getName());
        }
        return names;
    }

    /** Every pattern operator in {@code value}; {@code key} names what holds it (the column, for messages). */
    private static void patterns(String key, Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (PATTERN_OPERATORS.contains(entry.getKey()) && entry.getValue() instanceof String pattern) {
                    LikePatterns.normalize(key, pattern);
                } else {
                    patterns(String.valueOf(entry.getKey()), entry.getValue());
                }
            }
        } else if (value instanceof List<?> list) {
            list.forEach(element -> patterns(key, element));
        }
    }

    private static GraphQLError error(WeftException e, ResultPath path) {
        return GraphqlErrorBuilder.newError().message(e.getMessage()).path(path).errorType(ErrorType.ValidationError)
                .extensions(Map.of("code", e.code().name())).build();
    }
}
