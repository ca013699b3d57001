package dev.weft.precheck;

import dev.weft.catalog.Catalog;
import dev.weft.catalog.TableRef;
import dev.weft.dialect.WeftException;
import dev.weft.query.Access;
import dev.weft.query.DistinctOn;
import dev.weft.query.JsonPath;
import dev.weft.query.LikePatterns;
import dev.weft.query.NormalizedOperations;
import dev.weft.schema.SchemaBindings;
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
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.HashMap;
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
 *   <li>a negative {@code limit} or {@code offset}, literal, variable or a variable's default: {@code BAD_USER_INPUT};</li>
 *   <li>a malformed {@code path} of a json column ({@link JsonPath}): {@code BAD_USER_INPUT};</li>
 *   <li>an explicit null compared with ({@code _eq: null}, an error in Hasura v2, never "no condition"): {@code BAD_USER_INPUT};</li>
 *   <li>a {@code _like}, {@code _nlike}, {@code _ilike} or {@code _nilike} pattern longer than
 *       {@link LikePatterns#MAX_LENGTH}, or ending in an escape where its source refuses that (PostgreSQL), and a
 *       {@code _regex}/{@code _similar} family pattern that is surely malformed, in any condition (a {@code where},
 *       {@code update_many}'s, an {@code on_conflict}'s), by its own source's rules ({@link PatternPrecheck}):
 *       {@code BAD_USER_INPUT};</li>
 *   <li>a {@code distinct_on} whose columns are not the first terms of the field's {@code order_by}
 *       ({@link DistinctOn}, Hasura's rule and message): {@code BAD_USER_INPUT};</li>
 *   <li>a claim that the caller's row filter of a table the operation selects from (rows, aggregates, a mutation's
 *       response) needs and the caller lacks (or has in a form the column cannot take), or that a mutation's write
 *       permission needs, an upsert's update permission and nested inserts' permissions included ({@link WriteClaims}):
 *       {@code FORBIDDEN}.</li>
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

    private final Map<String, TableRef> tablesByType;
    private final SchemaBindings bindings;
    private final PatternPrecheck patterns;
    private final WriteClaims writeClaims;
    private final boolean accessRequired;
    private final NormalizedOperations normalized;

    /**
     * @param tablesByType the table behind each GraphQL object type of the schema
     * @param bindings what each table's fields mean, and what its source offers
     * @param accessRequired whether access control is on (a request without its Access is then refused)
     * @param normalized the normalized operations, shared with the executor
     */
    public ArgumentPrecheck(Map<String, TableRef> tablesByType, SchemaBindings bindings, boolean accessRequired,
                            NormalizedOperations normalized) {
        this.normalized = normalized;
        this.tablesByType = Map.copyOf(tablesByType);
        this.bindings = bindings;
        this.patterns = new PatternPrecheck(bindings);
        this.writeClaims = new WriteClaims(bindings);
        this.accessRequired = accessRequired;
    }

    /** The check of a catalog's schema (every table by its GraphQL type name), over the bindings made of it. */
    public static ArgumentPrecheck of(Catalog catalog, SchemaBindings bindings, boolean accessRequired,
                                      NormalizedOperations normalized) {
        Map<String, TableRef> tables = new HashMap<>();
        catalog.tables().values().forEach(table -> tables.put(table.typeName(), table.ref()));
        return new ArgumentPrecheck(tables, bindings, accessRequired, normalized);
    }

    @Override
    public ExecutionContext instrumentExecutionContext(ExecutionContext context, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        Access access = Access.of(context.getGraphQLContext(), false);
        if (access == Access.UNRESTRICTED && accessRequired) {
            access = null; // the fetchers refuse it, as a wiring fault; claims are not judged here
        }
        boolean mutation = context.getOperationDefinition().getOperation() == graphql.language.OperationDefinition.Operation.MUTATION;
        for (ExecutableNormalizedField field : normalized.of(context).getTopLevelFields()) {
            judge(field, ResultPath.rootPath(), context, access, mutation);
        }
        return context;
    }

    private void judge(ExecutableNormalizedField field, ResultPath parent, ExecutionContext context, Access access, boolean mutation) {
        ResultPath path = parent.segment(field.getResultKey());
        try {
            // a leaf returns no table (and its type costs a schema walk per field and request)
            TableRef returned = field.getChildren().isEmpty() ? null : tableOf(field.getType(context.getGraphQLSchema()));
            for (Map.Entry<String, Object> argument : field.getResolvedArguments().entrySet()) {
                if (PAGE_ARGUMENTS.contains(argument.getKey()) && argument.getValue() instanceof Number n && n.longValue() < 0) {
                    throw WeftException.badInput(argument.getKey() + " must not be negative, was " + n.longValue());
                }
                if ("path".equals(argument.getKey()) && argument.getValue() instanceof String jsonPath && isColumn(field)) {
                    JsonPath.parse(jsonPath); // a malformed path of a json column: Hasura's parse error, before execution
                }
                patterns.argument(returned == null ? null : bindings.table(returned), argument.getKey(), argument.getValue());
            }
            Map<String, Object> arguments = field.getResolvedArguments();
            DistinctOn.check(DistinctOn.names(arguments.get("distinct_on")), arguments.get("order_by"));
            if (access != null) {
                for (String typeName : field.getObjectTypeNames()) {
                    TableRef table = tablesByType.get(typeName);
                    if (table != null) {
                        access.filter(table); // binds the caller's claims: a missing one is FORBIDDEN
                    }
                }
                if (returned != null) {
                    access.filter(returned);
                }
                if (mutation && returned != null) {
                    writeClaims.check(access, returned, field.getName(), field.getResolvedArguments());
                }
            }
        } catch (WeftException e) {
            throw new AbortExecutionException(List.of(error(e, path)));
        }
        for (ExecutableNormalizedField child : field.getChildren()) {
            judge(child, path, context, access, false);
        }
    }

    /** Whether {@code field} is a column of a table's type (its arguments are then the column's, as a json field's path). */
    private boolean isColumn(ExecutableNormalizedField field) {
        return field.getObjectTypeNames().stream().map(tablesByType::get)
                .anyMatch(table -> table != null && bindings.table(table).columns().containsKey(field.getName()));
    }

    /**
     * The table whose rows a field of type {@code type} returns: a table's type, or a type that holds its rows
     * ({@code nodes} of an aggregate, {@code returning} of a mutation response, whatever the naming calls them).
     */
    private TableRef tableOf(GraphQLType type) {
        if (!(GraphQLTypeUtil.unwrapAll(type) instanceof GraphQLNamedType named)) {
            return null;
        }
        TableRef direct = tablesByType.get(named.getName());
        if (direct != null || !(named instanceof GraphQLObjectType object)) {
            return direct;
        }
        for (String rows : List.of("nodes", "returning")) {
            GraphQLFieldDefinition holder = object.getFieldDefinition(rows);
            if (holder != null && GraphQLTypeUtil.unwrapAll(holder.getType()) instanceof GraphQLNamedType row
                    && tablesByType.containsKey(row.getName())) {
                return tablesByType.get(row.getName());
            }
        }
        return null;
    }

    private static GraphQLError error(WeftException e, ResultPath path) {
        return GraphqlErrorBuilder.newError().message(e.getMessage()).path(path).errorType(ErrorType.ValidationError)
                .extensions(Map.of("code", e.code().name())).build();
    }
}
