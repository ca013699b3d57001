package dev.weft.execute;

import dev.weft.catalog.Column;
import dev.weft.catalog.Relationship;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.limits.RequestBudget;
import dev.weft.query.Access;
import dev.weft.query.Aggregates;
import dev.weft.query.Page;
import dev.weft.query.Predicate;
import dev.weft.query.QueryPlanner;
import dev.weft.query.Select;
import dev.weft.schema.FetcherFactory;
import dev.weft.schema.FieldBinding;
import dev.weft.schema.TableBinding;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.LightDataFetcher;
import graphql.schema.SelectedField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The data fetchers of the generated schema. Root fields run one statement each, on their own
 * virtual thread so that root fields of different sources run concurrently. Relationship fields
 * go through per-request DataLoaders ({@link RelationshipLoaders}): one batched statement per
 * relationship, arguments and nesting level, whatever the number of parent rows.
 */
public final class Fetchers implements FetcherFactory {
    private final QueryPlanner planner;
    private final Map<ServiceName, SourceExecutor> executors;
    private final Executor async;
    private final RelationshipLoaders loaders;
    private final CrossSourceSteps crossSource;
    private final int sourceJsonThreshold;
    private final boolean accessRequired;
    private final EntityFetcher entities;
    private final EntityLookup entityLookup;

    /**
     * @param accessRequired whether access control is on: then a request whose GraphQL context carries
     *     no {@link Access} fails (closed) instead of reading unfiltered rows
     * @param sourceJsonThreshold the size from which the sources that build JSON build it for a level (rows or parent
     *     keys; {@code weft.source-json-threshold}; 0: every level that qualifies, -1: none)
     */
    public Fetchers(QueryPlanner planner, Map<ServiceName, SourceExecutor> executors, Executor async,
                    java.util.function.Function<Map<ServiceName, SourceExecutor>, CrossSourceSteps> crossSourcePlanner,
                    boolean accessRequired, int sourceJsonThreshold) {
        this.sourceJsonThreshold = sourceJsonThreshold;
        this.accessRequired = accessRequired;
        this.planner = planner;
        this.executors = Map.copyOf(executors);
        this.async = async;
        this.crossSource = crossSourcePlanner.apply(this.executors);
        this.loaders = new RelationshipLoaders(planner, this.executors, async, crossSource, this::access);
        this.entityLookup = new EntityLookup(this);
        this.entities = new EntityFetcher(this, entityLookup);
    }

    QueryPlanner planner() {
        return planner;
    }

    /** The Access of a request; with access control on, a request without one fails rather than reading everything. */
    Access access(graphql.GraphQLContext context) {
        return Access.of(context, accessRequired);
    }

    /** The select with every condition that reaches another source replaced by the keys it matches (for writes). */
    public Select resolve(Select select) {
        return crossSource.resolve(select);
    }

    EntityLookup entityLookup() {
        return entityLookup;
    }

    /** {@code weft.source-json-threshold}: the size from which a level's JSON is built by its source; -1: never. */
    int sourceJsonThreshold() {
        return sourceJsonThreshold;
    }

    RelationshipLoaders loaders() {
        return loaders;
    }

    /** The fetcher of a {@code _by_pk} field, or of a lookup under another name: the direct executor reads its table. */
    record ByPkFetcher(TableRef table, DataFetcher<?> fetch) implements DataFetcher<Object> {
        @Override
        public Object get(DataFetchingEnvironment env) throws Exception {
            return fetch.get(env);
        }
    }

    Executor async() {
        return async;
    }

    @Override
    public DataFetcher<?> fetcher(FieldBinding binding) {
        return switch (binding) {
            case FieldBinding.ColumnField c -> c.table() == null ? new ColumnFetcher(c.column().name())
                    : new MaskingColumnFetcher(c.column().name(), c.table());
            case FieldBinding.RootList r -> env -> supply(env, () -> rootList(planner.forAccess(access(env.getGraphQlContext()))
                    .select(r.table(), env.getArguments(), env.getSelectionSet(), List.of()), RequestBudget.of(env.getGraphQlContext())));
            case FieldBinding.RootByPk r -> new ByPkFetcher(r.table(), env -> supply(env, () -> byPk(r.table(), env)));
            case FieldBinding.RootAggregate r -> env -> supply(env, () -> rootAggregate(r.table(), env));
            case FieldBinding.RelationshipField r -> env -> loaders.related(r.relationship(), env);
            case FieldBinding.RelationshipAggregate r -> env -> loaders.aggregate(r.relationship(), env);
            case FieldBinding.Entities e -> entities;
            case FieldBinding.Service s -> env -> serviceSdl(env);
        };
    }

    /**
     * Reads one column of a {@link Row}, or one field of a nested document (a map by field name, MongoDB);
     * "light" so graphql-java skips building an environment per value.
     */
    private record ColumnFetcher(String column) implements LightDataFetcher<Object> {
        @Override
        public Object get(graphql.schema.GraphQLFieldDefinition definition, Object source,
                          Supplier<DataFetchingEnvironment> env) {
            return source instanceof Row row ? row.get(column) : ((Map<?, ?>) source).get(column);
        }

        @Override
        public Object get(DataFetchingEnvironment env) {
            return get(null, env.getSource(), null);
        }
    }

    /**
     * A column read by a top-level field: masked when the request's role sees it masked. The
     * environment is only built when the table has masks for some role.
     */
    private final class MaskingColumnFetcher implements LightDataFetcher<Object> {
        private final String column;
        private final TableRef table;

        MaskingColumnFetcher(String column, TableRef table) {
            this.column = column;
            this.table = table;
        }

        @Override
        public Object get(graphql.schema.GraphQLFieldDefinition definition, Object source,
                          Supplier<DataFetchingEnvironment> env) {
            Object value = ((Row) source).get(column);
            if (accessRequired) {
                var strategy = access(env.get().getGraphQlContext()).mask(table, column);
                value = strategy == null ? value : dev.weft.security.Mask.apply(strategy, value);
            }
            boolean path = definition != null && !definition.getArguments().isEmpty(); // a json field's path
            return path ? dev.weft.query.JsonPath.at(value, env.get().getArgument("path")) : value;
        }

        @Override
        public Object get(DataFetchingEnvironment env) {
            return get(env.getFieldDefinition(), env.getSource(), () -> env);
        }
    }

    private Row byPk(TableRef ref, DataFetchingEnvironment env) {
        TableBinding binding = planner.bindings().table(ref);
        return byPk(planner.forAccess(access(env.getGraphQlContext())), ref, env.getArguments(),
                columns(binding, env.getSelectionSet()));
    }

    /** The row with the primary key given as arguments (by GraphQL field name), if the caller may see it; else null. */
    Row byPk(QueryPlanner requestPlanner, TableRef ref, Map<String, Object> arguments, List<String> columns) {
        Map<String, Object> keys = EntityKeys.arguments(requestPlanner.bindings().table(ref).table(), arguments);
        if (keys == null) {
            return null; // an ID no row of an integer key can have ("abc")
        }
        List<Row> rows = executor(ref).select(crossSource.resolve(requestPlanner.byPk(ref, keys, columns)));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** {@link #rootList}'s rows as JSON the source builds, at most {@code max-rows + 1} of them; empty: read them as rows. */
    java.util.Optional<SourceExecutor.JsonRows> rootListJson(Select planned, List<String> valueColumns, RequestBudget budget) {
        budget.checkOpen();
        return crossSource.rootListJson(ResponseRows.capped(planned, budget), valueColumns);
    }

    /**
     * The rows of a root list field, filtered and ordered across sources where asked, read with at most
     * one row more than the request's budget lets a list hold, and charged to it.
     */
    List<Row> rootList(Select planned, RequestBudget budget) {
        budget.checkOpen();
        return ResponseRows.list(budget, crossSource.rootList(ResponseRows.capped(planned, budget)));
    }

    private Map<String, Object> rootAggregate(TableRef ref, DataFetchingEnvironment env) {
        TableBinding binding = planner.bindings().table(ref);
        DataFetchingFieldSelectionSet selection = env.getSelectionSet();
        Aggregates aggregates = planner.aggregates(binding, selection);
        QueryPlanner requestPlanner = planner.forAccess(access(env.getGraphQlContext()));
        Select select = requestPlanner.aggregateSelect(ref, env.getArguments(), nodeColumns(binding, selection),
                selection.contains("nodes"));
        AggregateResult result = aggregate(requestPlanner, select, aggregates, selection.contains("nodes"),
                selection.contains("aggregate"), RequestBudget.of(env.getGraphQlContext()));
        Map<String, Object> shaped = new LinkedHashMap<>();
        if (result.values() != null) {
            shaped.put("aggregate", AggregateShape.of(binding, result.values()));
        }
        shaped.put("nodes", result.nodes());
        return shaped;
    }

    /** Aggregate values ({@code count}, {@code sum.salary}; null when not asked) and rows (empty when not asked). */
    record AggregateResult(Map<String, Object> values, List<Row> nodes) {
    }

    /**
     * A root aggregate: one statement for the values, over the page {@code planned} has (the caller's
     * own), and one for the nodes when asked, cut to the request planner's nodes page (the role's max-limit);
     * when the filter or the order reaches another source, as the cross-source planner runs it (the values stay exact).
     */
    AggregateResult aggregate(QueryPlanner requestPlanner, Select planned, Aggregates aggregates, boolean wantsNodes,
                              boolean wantsAggregate, RequestBudget budget) {
        budget.checkOpen();
        Page nodesPage = requestPlanner.nodesPage(planned.page());
        TableRef ref = planned.table();
        Select select = PerKeyPage.reading(planned, aggregates);
        boolean remote = crossSource.ordersRemotely(select) || crossSource.filtersRemotely(select);
        boolean pagedInMemory = remote && (!select.page().isAll() || select.isDistinct());
        // the caller's own page bounds what the aggregate covers: never cut to the budget (only the nodes are)
        List<Row> paged = pagedInMemory ? crossSource.rootList(select) : null;
        List<Row> nodes = !wantsNodes ? List.of() : paged != null ? ResponseRows.list(budget, PerKeyPage.nodes(paged, nodesPage))
                : rootList(select.withPage(nodesPage), budget);
        Map<String, Object> values = null;
        if (wantsAggregate) {
            Select unordered = select.withOrderBy(List.of());
            values = pagedInMemory ? PerKeyPage.aggregate(paged, aggregates, planner.bindings().table(ref).table())
                    : remote ? crossSource.aggregate(unordered, aggregates)
                    : executor(ref).aggregate(select, aggregates);
        }
        return new AggregateResult(values, nodes);
    }

    /** Columns read by the {@code nodes { ... }} selections of an aggregate field (all aliases). */
    List<String> nodeColumns(TableBinding binding, DataFetchingFieldSelectionSet selection) {
        Set<String> columns = new LinkedHashSet<>();
        for (SelectedField nodes : selection.getFields("nodes")) {
            columns.addAll(planner.columnsOf(binding, nodes.getSelectionSet()));
        }
        return new ArrayList<>(columns);
    }

    private List<String> columns(TableBinding binding, DataFetchingFieldSelectionSet selection) {
        Set<String> columns = planner.columnsOf(binding, selection);
        if (columns.isEmpty()) {
            columns.add(binding.table().columns().get(0).name());
        }
        return new ArrayList<>(columns);
    }

    SourceExecutor executor(TableRef ref) {
        return executors.get(ref.service());
    }

    /**
     * Runs a root field: on its own virtual thread when the operation has several root fields (so
     * that sources are queried concurrently), else right here, sparing a thread hop.
     */
    private <T> Object supply(DataFetchingEnvironment env, Supplier<T> work) {
        if (env.getOperationDefinition().getSelectionSet().getSelections().size() == 1) {
            return work.get();
        }
        return CompletableFuture.supplyAsync(work, async);
    }

    /** {@code _service { sdl }}: the schema, so only for a caller who may introspect it. */
    private static Map<String, Object> serviceSdl(DataFetchingEnvironment env) {
        return Map.of("sdl", serviceSdl(env.getGraphQlContext(), env.getGraphQLSchema()));
    }

    /** The subgraph SDL of {@code schema}, FORBIDDEN when the request may not introspect (both execution paths). */
    static String serviceSdl(graphql.GraphQLContext context, graphql.schema.GraphQLSchema schema) {
        if (Boolean.TRUE.equals(context.get(graphql.introspection.Introspection.INTROSPECTION_DISABLED))) {
            throw new dev.weft.dialect.WeftException(dev.weft.dialect.ErrorCode.FORBIDDEN,
                    "this role may not introspect the schema, and _service shows it");
        }
        return dev.weft.schema.federation.SubgraphSdl.print(schema);
    }

    /** Relationship lookups per parent row, for {@link RelationshipLoaders}. */
    static List<Object> keyOf(Row parent, Relationship r) {
        List<Object> values = new ArrayList<>(r.fromColumns().size());
        r.fromColumns().forEach(c -> values.add(parent.get(c)));
        return values;
    }
}
