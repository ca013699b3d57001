package dev.weft.web;

import dev.weft.catalog.Catalog;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Source;
import dev.weft.config.ConfigProblem;
import dev.weft.config.RelationshipSpec;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import dev.weft.config.WeftConfigException;
import dev.weft.execute.Fetchers;
import dev.weft.config.BreakerSettings;
import dev.weft.execute.JdbcSourceExecutor;
import dev.weft.ops.SourceBreakers;
import dev.weft.ops.SourceOperations;
import dev.weft.execute.SourceExecutor;
import dev.weft.plan.CrossSourcePlanner;
import dev.weft.query.QueryPlanner;
import dev.weft.reload.SourceSupply;
import dev.weft.schema.GeneratedSchema;
import dev.weft.schema.SchemaBindings;
import dev.weft.schema.SchemaGenerator;
import dev.weft.config.FederationSpec;
import dev.weft.schema.federation.Subgraph;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import dev.weft.config.AccessSpec;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import dev.weft.query.Access;
import dev.weft.query.RowFilterCompiler;
import dev.weft.schema.SchemaView;
import dev.weft.security.Caller;
import dev.weft.security.RolePolicy;
import dev.weft.security.SecurityModel;
import graphql.ExecutionResultImpl;
import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import dev.weft.config.LimitSettings;
import dev.weft.limits.LimitsInstrumentation;
import dev.weft.limits.RequestBudget;
import graphql.introspection.Introspection;
import graphql.schema.GraphQLSchema;
import java.util.concurrent.CompletableFuture;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.AsyncSerialExecutionStrategy;
import dev.weft.schema.MutationOptions;
import dev.weft.execute.DirectExecutionStrategy;
import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dataloader.DataLoaderRegistry;

/**
 * Weft without Spring: validated services in, an executable schema out. Start-up runs the stages
 * in order (pools, introspection of every source in parallel, catalog, bindings, schema) and fails
 * with one {@link WeftConfigException} listing every source it could not read and why.
 *
 * <pre>{@code
 * try (WeftRuntime weft = WeftRuntime.start(services)) {
 *     ExecutionResult r = weft.execute("{ hr_employees(limit: 2) { emp_no } }", Map.of());
 * }
 * }</pre>
 */
public final class WeftRuntime implements AutoCloseable {
    private final Catalog catalog;
    private final GeneratedSchema schema;
    private final Map<ServiceName, SourceExecutor> executors;
    private final ExecutorService async;
    private final GraphQL graphQL;
    private final GraphQL fieldByField;
    private final Fetchers fetchers;
    private final SecurityModel security;
    private final RowFilterCompiler filters;
    private final Instrumentation argumentPrecheck;
    // each operation normalized once per schema and variables, for the precheck and the direct executor alike
    private final dev.weft.query.NormalizedOperations normalized = new dev.weft.query.NormalizedOperations(50_000);
    private final Map<String, RoleEngine> roles = new LinkedHashMap<>();
    private final LimitSettings limits;
    private final MutationOptions mutations;
    private final List<Instrumentation> observations; // Spring for GraphQL's request observation, when there is a registry

    /** One role's schema and its GraphQL instances (its own limits, its own validated-document cache). */
    private record RoleEngine(RolePolicy policy, LimitSettings limits, GeneratedSchema schema, GraphQL graphQL,
                              GraphQL fieldByField) {
    }

    private WeftRuntime(Catalog catalog, GeneratedSchema schema, Map<ServiceName, SourceExecutor> executors,
                        ExecutorService async, Fetchers fetchers, SecurityModel security, LimitSettings limits,
                        MutationOptions mutations, Subgraph subgraph, List<Instrumentation> observations, boolean stringify) {
        this.observations = observations;
        this.limits = limits;
        this.mutations = mutations;
        this.catalog = catalog;
        this.schema = schema;
        this.executors = executors;
        this.async = async;
        this.fetchers = fetchers;
        this.security = security;
        this.filters = new RowFilterCompiler(schema.bindings());
        // one check for every GraphQL instance (full schema and each role's, both paths): built once per start
        this.argumentPrecheck = dev.weft.precheck.ArgumentPrecheck.of(catalog, schema.bindings(), security != null,
                normalized);
        this.graphQL = configure(GraphQL.newGraphQL(schema.schema())).build();
        this.fieldByField = configure(GraphQL.newGraphQL(schema.schema()), false).build();
        if (security != null) {
            Map<SchemaView.Shape, GeneratedSchema> byShape = new java.util.HashMap<>(); // roles that see the same share a schema
            security.roles().values().forEach(policy -> {
                SchemaView view = SchemaView.of(policy);
                GeneratedSchema own = byShape.computeIfAbsent(view.shape(),
                        shape -> new SchemaGenerator(subgraph).stringifyNumericTypes(stringify).generate(catalog, schema.bindings(), fetchers, view,
                                mutations));
                LimitSettings roleLimits = limits.with(policy.limits());
                DocumentCache documents = new DocumentCache();
                documentCaches.put(policy.name(), documents);
                roles.put(policy.name(), new RoleEngine(policy, roleLimits, own,
                        configure(GraphQL.newGraphQL(own.schema()), true, documents, roleLimits).build(),
                        configure(GraphQL.newGraphQL(own.schema()), false, new DocumentCache(), roleLimits).build()));
            });
        }
    }

    public static WeftRuntime start(List<ServiceSettings> services) {
        return start(services, List.of(), WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS);
    }

    /** Starts with the relationships of relationships.yml (already read with {@link dev.weft.config.RelationshipsFile}). */
    public static WeftRuntime start(List<ServiceSettings> services, List<RelationshipSpec> relationships,
                                    int maxKeysInMemory) {
        return start(services, relationships, maxKeysInMemory, null);
    }

    /**
     * Starts with access control when {@code access} (access.yml) is given: every request then needs a
     * {@link Caller}, sees its role's schema, and reads only the rows and columns its role may.
     */
    public static WeftRuntime start(List<ServiceSettings> services, List<RelationshipSpec> relationships,
                                    int maxKeysInMemory, AccessSpec access) {
        return start(services, relationships, maxKeysInMemory, access, LimitSettings.DEFAULTS);
    }

    /** As {@link #start(List, List, int, AccessSpec)}, with the limits of {@code weft.limits} (roles may override them). */
    public static WeftRuntime start(List<ServiceSettings> services, List<RelationshipSpec> relationships,
                                    int maxKeysInMemory, AccessSpec access, LimitSettings limits) {
        return start(services, relationships, maxKeysInMemory, access, limits,
                new SourceOperations(new SourceBreakers(BreakerSettings.DEFAULT), null));
    }

    /** Starts with every source's statements behind its circuit breaker and metered, and its pool's meters bound. */
    public static WeftRuntime start(List<ServiceSettings> services, List<RelationshipSpec> relationships,
                                    int maxKeysInMemory, AccessSpec access, LimitSettings limits, SourceOperations operations) {
        return start(services, relationships, maxKeysInMemory, access, limits, operations, true, FederationSpec.NONE,
                SourceSupply.fresh());
    }

    /**
     * As above, a federation subgraph (with federation.yml's directives and type names) unless {@code federation} is
     * false, with the pools and introspected tables from {@code supply} (a reload reuses those of unchanged services).
     */
    public static WeftRuntime start(List<ServiceSettings> services, List<RelationshipSpec> relationships, int maxKeysInMemory,
                                    AccessSpec access, LimitSettings limits, SourceOperations operations, boolean federation,
                                    FederationSpec federationSpec, SourceSupply supply) {
        return start(services, relationships, maxKeysInMemory, access, limits, operations, federation, federationSpec, supply, false,
                WeftProperties.DEFAULT_SOURCE_JSON_THRESHOLD);
    }

    /**
     * As above, writing 64-bit integers and decimals as JSON strings when {@code stringifyNumericTypes}
     * ({@code weft.stringify-numeric-types}), with PostgreSQL building the JSON of levels from {@code sourceJsonThreshold}
     * rows or parent keys ({@code weft.source-json-threshold}; 0: every level that qualifies, -1: none).
     */
    public static WeftRuntime start(List<ServiceSettings> services, List<RelationshipSpec> relationships, int maxKeysInMemory,
                                    AccessSpec access, LimitSettings limits, SourceOperations operations, boolean federation,
                                    FederationSpec federationSpec, SourceSupply supply, boolean stringifyNumericTypes,
                                    int sourceJsonThreshold) {
        Map<ServiceName, DataSource> pools = new LinkedHashMap<>();
        MongoSources mongo = new MongoSources(services);
        services.stream().filter(s -> !mongo.serves(s))
                .forEach(s -> pools.put(new ServiceName(s.name()), supply.pool(s, SourceFactory::pool)));
        int tableCount = -1;
        try {
            List<Source> sources = SourceIntrospection.introspectAll(services, pools, mongo, supply);
            tableCount = sources.stream().mapToInt(s -> s.tables().size()).sum();
            Subgraph subgraph = Subgraph.resolve(federation, federationSpec,
                    SourceIntrospection.resolve(sources, relationships));
            Catalog catalog = subgraph.catalog();
            Map<ServiceName, SourceExecutor> executors = new LinkedHashMap<>();
            var tables = catalog.tables();
            for (ServiceSettings s : services) {
                ServiceName name = new ServiceName(s.name());
                if (!mongo.serves(s)) {
                    operations.pool(pools.get(name));
                }
                executors.put(name, operations.wrap(mongo.serves(s) ? mongo.executor(s, tables::get)
                        : new JdbcSourceExecutor(s, pools.get(name), SourceFactory.serverEnforcesTimeout(s),
                                SourceFactory.probedDialect(s, pools.get(name)), tables::get)));
            }
            SchemaBindings bindings = SchemaBindings.of(catalog);
            ExecutorService async = operations.tracing().executor(Executors.newVirtualThreadPerTaskExecutor());
            SecurityModel security = access == null ? null : SecurityModel.resolve(access, catalog);
            AccessPolicyChecks.check(security, bindings);
            Fetchers fetchers = new Fetchers(new QueryPlanner(bindings), executors,
                    dev.weft.execute.activity.Activity.propagating(async), // explain and audit hear the request's threads
                    readers -> new CrossSourcePlanner(bindings, readers, maxKeysInMemory), security != null, sourceJsonThreshold);
            MutationOptions mutations = MutationSetup.options(services, pools, mongo.clients(), catalog, bindings, fetchers, security);
            GeneratedSchema schema = new SchemaGenerator(subgraph).stringifyNumericTypes(stringifyNumericTypes).generate(catalog, bindings, fetchers,
                    security == null ? SchemaView.ALL : SchemaView.all(security), mutations);
            return new WeftRuntime(catalog, schema, executors, async, fetchers, security, limits, mutations, subgraph,
                    operations.tracing().instrumentations(), stringifyNumericTypes);
        } catch (RuntimeException e) {
            supply.abandon();
            mongo.close();
            throw e;
        } catch (OutOfMemoryError e) {
            supply.abandon();
            mongo.close();
            throw StartupMemory.exhausted(tableCount);
        }
    }

    /** The services that cannot be read now, each with the reason; used to report them with other problems. */
    static List<ConfigProblem> unreachable(List<ServiceSettings> services) {
        return SourceIntrospection.unreachable(services);
    }

    /** Applies what every GraphQL instance of Weft needs: error codes, safe messages, direct execution of queries. */
    GraphQL.Builder configure(GraphQL.Builder builder) {
        return configure(builder, true);
    }

    /**
     * @param direct whether queries run through {@link DirectExecutionStrategy} (the default) or field by
     *               field through the schema's data fetchers (kept for the tests that compare the two)
     */
    GraphQL.Builder configure(GraphQL.Builder builder, boolean direct) {
        return configure(builder, direct, fullSchemaDocuments, limits);
    }

    private final DocumentCache fullSchemaDocuments = new DocumentCache();
    private final Map<String, DocumentCache> documentCaches = new LinkedHashMap<>(Map.of("unrestricted", fullSchemaDocuments));

    /** The document cache of each role's schema (by role name) and of the full schema ({@code unrestricted}). */
    Map<String, DocumentCache> documentCaches() {
        return documentCaches;
    }

    private GraphQL.Builder configure(GraphQL.Builder builder, boolean direct, DocumentCache documents,
                                      LimitSettings limits) {
        WeftExceptionHandler exceptions = new WeftExceptionHandler();
        // limits first: the document is measured before the other instrumentations see it
        List<Instrumentation> instrumentations = new ArrayList<>(List.of(new LimitsInstrumentation(limits),
                new ErrorCodeInstrumentation(), dev.weft.web.tracing.FederatedTraces.instrumentation(),
                argumentPrecheck));
        instrumentations.addAll(observations);
        return builder.defaultDataFetcherExceptionHandler(exceptions)
                .queryExecutionStrategy(direct ? new DirectExecutionStrategy(fetchers, exceptions, normalized) : new AsyncExecutionStrategy(exceptions))
                .mutationExecutionStrategy(new AsyncSerialExecutionStrategy(exceptions)) // fields in document order
                .instrumentation(new ChainedInstrumentation(instrumentations))
                .preparsedDocumentProvider(documents);
    }

    /** The access rules (access.yml resolved against the catalog), or null without access control. */
    public SecurityModel securityModel() {
        return security;
    }

    /** The limits a caller's requests run under: its role's, or {@code weft.limits} without access control or role. */
    public LimitSettings limitsFor(Caller caller) {
        RoleEngine engine = security == null || caller == null ? null : roles.get(caller.role());
        return engine == null ? limits : engine.limits();
    }

    /** The schema a caller sees: its role's, or the full one without access control. */
    public GraphQLSchema schemaFor(Caller caller) {
        if (security == null) {
            return schema.schema();
        }
        RoleEngine engine = caller == null ? null : roles.get(caller.role());
        if (engine == null) {
            throw new WeftException(ErrorCode.FORBIDDEN, "no role to show a schema for");
        }
        return engine.schema().schema();
    }

    /**
     * Runs a request as {@code caller}: with access control, through its role's schema, with its Access
     * (row filters with its claims, masks, max-limit) in the request's GraphQL context; a caller without
     * a known role gets FORBIDDEN and reads nothing.
     */
    public CompletableFuture<ExecutionResult> executeAsync(ExecutionInput input, Caller caller, boolean direct) {
        if (security == null) {
            return (direct ? graphQL : fieldByField).executeAsync(withBudget(input));
        }
        RoleEngine engine = caller == null || caller.isUnrestricted() ? null : roles.get(caller.role());
        if (engine == null) {
            return CompletableFuture.completedFuture(ExecutionResultImpl.newExecutionResult().addError(
                    GraphqlErrorBuilder.newError().message("the request has no role that may read anything")
                            .extensions(Map.of("code", ErrorCode.FORBIDDEN.name())).build()).build());
        }
        input.getGraphQLContext().put(Access.CONTEXT_KEY, Access.of(engine.policy(), caller, filters::compile));
        input.getGraphQLContext().put(RequestBudget.CONTEXT_KEY, new RequestBudget(engine.limits()));
        if (!engine.policy().introspection()) {
            input.getGraphQLContext().put(Introspection.INTROSPECTION_DISABLED, true);
        }
        return (direct ? engine.graphQL() : engine.fieldByField()).executeAsync(input);
    }

    /** Runs one request as {@code caller} outside Spring (tests, tools). */
    public ExecutionResult execute(String query, Map<String, Object> variables, Caller caller) {
        return executeAsync(input(query, variables), caller, true).join();
    }

    /** As {@link #execute(String, Map, Caller)}, field by field through the data fetchers and DataLoaders. */
    public ExecutionResult executeFieldByField(String query, Map<String, Object> variables, Caller caller) {
        return executeAsync(input(query, variables), caller, false).join();
    }

    private static ExecutionInput input(String query, Map<String, Object> variables) {
        return ExecutionInput.newExecutionInput(query).variables(variables).dataLoaderRegistry(new DataLoaderRegistry()).build();
    }

    /** Runs one request outside Spring (tests, tools), with its own DataLoader registry. */
    public ExecutionResult execute(String query, Map<String, Object> variables) {
        return graphQL.execute(withBudget(input(query, variables)));
    }

    /** Runs one request field by field through the data fetchers and DataLoaders (no direct execution). */
    public ExecutionResult executeFieldByField(String query, Map<String, Object> variables) {
        return fieldByField.execute(withBudget(input(query, variables)));
    }

    private ExecutionInput withBudget(ExecutionInput input) {
        input.getGraphQLContext().put(RequestBudget.CONTEXT_KEY, new RequestBudget(limits));
        return input;
    }

    public Catalog catalog() {
        return catalog;
    }

    public GeneratedSchema schema() {
        return schema;
    }

    /** What the schema generator needs for the {@code Mutation} type (writers, unique constraints, fetchers). */
    public MutationOptions mutations() {
        return mutations;
    }

    public Map<ServiceName, SourceExecutor> executors() {
        return executors;
    }

    @Override
    public void close() {
        executors.values().forEach(SourceExecutor::close);
        async.close();
    }

    /** Closes what this version alone holds once a newer one serves: all but the pools of {@code sharedPools}. */
    public void retire(java.util.Set<String> sharedPools) {
        executors.forEach((name, executor) -> {
            if (!sharedPools.contains(name.value())) {
                executor.close();
            }
        });
        async.close();
    }
}
