package dev.weft.execute;

import dev.weft.catalog.GraphqlNames;
import dev.weft.catalog.TableRef;
import dev.weft.query.NormalizedOperations;
import dev.weft.schema.SchemaBindings;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedOperation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes queries over the generated schema without a data fetcher per field: graphql-java parses,
 * validates and normalizes the operation (fragments, aliases, variables, {@code @skip}/{@code @include}),
 * then each level of the normalized tree is fetched with one batched statement per relationship
 * (as the DataLoaders do) and the result is built directly, the way Hasura compiles a query
 * instead of resolving it field by field. Root fields and sibling relationships run concurrently
 * on virtual threads.
 *
 * <p>Anything else (introspection, mutations, deferred fields) goes to graphql-java's own
 * {@link AsyncExecutionStrategy} with the schema's data fetchers, which give the same results; tests
 * compare the two.
 *
 * <p>Errors follow graphql-java's rules: a failing field is null at its path with one error there
 * (code in {@code extensions.code}); a field that can fail is nullable unless relationships.yml makes it
 * {@code required} or Hasura's naming makes lists non-null; then {@link NullPropagation} moves the null up as
 * graphql-java does.
 *
 * <p>This class decides which path a request takes and orders the errors; {@link DirectRun} walks the
 * tree, {@link DirectRelationships} fetches each relationship level; each level's rows stay as read in a
 * {@link dev.weft.execute.json.ObjectLevel} that writes its own JSON when the response is written (no map per row;
 * a {@code Map}/{@code List} view for readers of the result), {@link ResultValues} serializes documents and aggregates.
 */
public final class DirectExecutionStrategy extends AsyncExecutionStrategy {
    private static final Logger log = LoggerFactory.getLogger(DirectExecutionStrategy.class);

    /** A GraphQL context key: true runs the request field by field (for per-field instrumentation, such as tracing). */
    public static final String FIELD_BY_FIELD = "weft.fieldByField";

    private final Fetchers fetchers;
    private final NormalizedOperations normalized;
    private final Map<String, Root> roots = new HashMap<>();

    enum RootKind { LIST, BY_PK, AGGREGATE, ENTITIES, SERVICE }

    /**
     * What a root field of the query type reads: a list, one row by primary key, or an aggregate of a table; or
     * federation's {@code _entities} and {@code _service} (no table: {@link DirectEntities}).
     */
    record Root(RootKind kind, TableRef table) {
    }

    public DirectExecutionStrategy(Fetchers fetchers, DataFetcherExceptionHandler exceptionHandler,
                                   NormalizedOperations normalized) {
        super(exceptionHandler);
        this.fetchers = fetchers;
        this.normalized = normalized;
        SchemaBindings bindings = fetchers.planner().bindings();
        bindings.tables().values().forEach(b -> {
            String root = b.table().rootField();
            roots.put(root, new Root(RootKind.LIST, b.table().ref()));
            roots.put(root + GraphqlNames.AGGREGATE_FIELD, new Root(RootKind.AGGREGATE, b.table().ref()));
            if (!b.table().primaryKey().isEmpty()) {
                roots.put(root + GraphqlNames.BY_PK, new Root(RootKind.BY_PK, b.table().ref()));
            }
        });
        roots.put("_entities", new Root(RootKind.ENTITIES, null)); // in the schema only when it is a federation subgraph
        roots.put("_service", new Root(RootKind.SERVICE, null));
    }

    @Override
    public CompletableFuture<ExecutionResult> execute(ExecutionContext context, ExecutionStrategyParameters parameters) {
        if (context.getOperationDefinition().getOperation() != OperationDefinition.Operation.QUERY
                || context.hasIncrementalSupport() || Boolean.TRUE.equals(context.getGraphQLContext().get(FIELD_BY_FIELD))) {
            return super.execute(context, parameters);
        }
        ExecutableNormalizedOperation operation;
        try {
            operation = normalized.of(context);
        } catch (RuntimeException e) {
            log.debug("normalizing failed, executing field by field", e);
            return super.execute(context, parameters);
        }
        Map<String, Root> requestRoots = new HashMap<>();
        for (var f : operation.getTopLevelFields()) {
            if (f.getName().equals("__typename")) {
                continue;
            }
            Root root = roots.get(f.getName());
            root = root != null ? root : lookup(context, f.getName());
            if (root == null) {
                return super.execute(context, parameters);
            }
            requestRoots.put(f.getName(), root);
        }
        DirectRun run = new DirectRun(context, operation, fetchers, requestRoots);
        Map<String, Object> data = run.rootFields(operation.getTopLevelFields());
        // sibling fields fail concurrently: order their errors by path, so a response is always the same
        run.errors.stream().sorted(BY_PATH).forEach(context::addError);
        if (!run.errors.isEmpty()) { // a failure in a non-null place (Hasura's naming) nulls its way up
            data = NullPropagation.apply(data, List.copyOf(run.errors), operation, context.getGraphQLSchema());
        }
        return CompletableFuture.completedFuture(new ExecutionResultImpl(data, context.getErrors()));
    }

    /** A root field that reads a row by primary key under a name of its own (federation.yml's lookup), else null. */
    private static Root lookup(ExecutionContext context, String name) {
        var definition = context.getGraphQLSchema().getQueryType().getFieldDefinition(name);
        return definition != null && context.getGraphQLSchema().getCodeRegistry().getDataFetcher(
                graphql.schema.FieldCoordinates.coordinates(context.getGraphQLSchema().getQueryType(), definition), definition) instanceof Fetchers.ByPkFetcher f
                ? new Root(RootKind.BY_PK, f.table()) : null;
    }

    private static final java.util.Comparator<GraphQLError> BY_PATH = (a, b) -> {
        List<Object> x = a.getPath() == null ? List.of() : a.getPath();
        List<Object> y = b.getPath() == null ? List.of() : b.getPath();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = x.get(i) instanceof Integer m && y.get(i) instanceof Integer n ? Integer.compare(m, n)
                    : String.valueOf(x.get(i)).compareTo(String.valueOf(y.get(i)));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    };
}
