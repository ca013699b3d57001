package dev.weft.web;

import dev.weft.catalog.Catalog;
import dev.weft.catalog.CatalogResolver;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Source;
import dev.weft.config.ConfigProblem;
import dev.weft.config.RelationshipSpec;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import dev.weft.config.WeftConfigException;
import dev.weft.execute.Fetchers;
import dev.weft.execute.JdbcSourceExecutor;
import dev.weft.execute.SourceExecutor;
import dev.weft.introspect.ConnectFailure;
import dev.weft.introspect.JdbcIntrospector;
import dev.weft.query.QueryPlanner;
import dev.weft.schema.GeneratedSchema;
import dev.weft.schema.SchemaBindings;
import dev.weft.schema.SchemaGenerator;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.AsyncExecutionStrategy;
import dev.weft.execute.DirectExecutionStrategy;
import javax.sql.DataSource;
import dev.weft.execute.JdbcPools;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private final DocumentCache documents = new DocumentCache();

    private final Fetchers fetchers;

    private WeftRuntime(Catalog catalog, GeneratedSchema schema, Map<ServiceName, SourceExecutor> executors,
                        ExecutorService async, Fetchers fetchers) {
        this.catalog = catalog;
        this.schema = schema;
        this.executors = executors;
        this.async = async;
        this.fetchers = fetchers;
        this.graphQL = configure(GraphQL.newGraphQL(schema.schema())).build();
        this.fieldByField = configure(GraphQL.newGraphQL(schema.schema()), false).build();
    }

    public static WeftRuntime start(List<ServiceSettings> services) {
        return start(services, List.of(), WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS);
    }

    /** Starts with the relationships of relationships.yml (already read with {@link dev.weft.config.RelationshipsFile}). */
    public static WeftRuntime start(List<ServiceSettings> services, List<RelationshipSpec> relationships,
                                    int crossSourceMaxKeys) {
        Map<ServiceName, DataSource> pools = new LinkedHashMap<>();
        MongoSources mongo = new MongoSources(services);
        services.stream().filter(s -> !mongo.serves(s)).forEach(s -> pools.put(new ServiceName(s.name()), SourceFactory.pool(s)));
        try {
            List<Source> sources = introspectAll(services, pools, mongo);
            Catalog catalog = new CatalogResolver().resolve(sources, relationships);
            Map<ServiceName, SourceExecutor> executors = new LinkedHashMap<>();
            var tables = catalog.tables();
            for (ServiceSettings s : services) {
                ServiceName name = new ServiceName(s.name());
                if (mongo.serves(s)) {
                    executors.put(name, mongo.executor(s, tables::get));
                    continue;
                }
                executors.put(name, new JdbcSourceExecutor(s, pools.get(name), SourceFactory.serverEnforcesTimeout(s),
                        SourceFactory.probedDialect(s, pools.get(name)), tables::get));
            }
            SchemaBindings bindings = SchemaBindings.of(catalog);
            ExecutorService async = Executors.newVirtualThreadPerTaskExecutor();
            Fetchers fetchers = new Fetchers(new QueryPlanner(bindings), executors, async, crossSourceMaxKeys);
            GeneratedSchema schema = new SchemaGenerator().generate(catalog, bindings, fetchers);
            return new WeftRuntime(catalog, schema, executors, async, fetchers);
        } catch (RuntimeException e) {
            pools.values().forEach(JdbcPools::close);
            mongo.close();
            throw e;
        }
    }

    /** The services that cannot be read now, each with the reason; used to report them with other problems. */
    static List<ConfigProblem> unreachable(List<ServiceSettings> services) {
        Map<ServiceName, DataSource> pools = new LinkedHashMap<>();
        MongoSources mongo = new MongoSources(services);
        services.stream().filter(s -> !mongo.serves(s)).forEach(s -> pools.put(new ServiceName(s.name()), SourceFactory.pool(s)));
        try {
            introspectAll(services, pools, mongo);
            return List.of();
        } catch (WeftConfigException e) {
            return e.problems();
        } finally {
            pools.values().forEach(JdbcPools::close);
            mongo.close();
        }
    }

    private static List<Source> introspectAll(List<ServiceSettings> services, Map<ServiceName, DataSource> pools,
                                              MongoSources mongo) {
        List<Source> sources = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Source>> futures = services.stream()
                    .map(s -> parallel.submit(() -> mongo.serves(s) ? mongo.introspect(s) : introspect(s, pools.get(new ServiceName(s.name())))))
                    .toList();
            for (int i = 0; i < services.size(); i++) {
                try {
                    sources.add(futures.get(i).get());
                } catch (Exception e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    ServiceSettings s = services.get(i);
                    problems.add(new ConfigProblem(null, "weft.services." + s.name(),
                            "cannot read source '" + s.name() + "' at " + redact(s.url()) + ": " + ConnectFailure.describe(cause)));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new WeftConfigException(problems);
        }
        return sources;
    }

    private static Source introspect(ServiceSettings settings, DataSource pool) throws Exception {
        return new JdbcIntrospector(settings, SourceFactory.dialect(settings)).read(pool);
    }

    /** A JDBC or MongoDB URL without any password written into it. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1****").replaceAll("//([^/@:]+):[^/@]*@", "//$1:****@");
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
        WeftExceptionHandler exceptions = new WeftExceptionHandler();
        return builder.defaultDataFetcherExceptionHandler(exceptions)
                .queryExecutionStrategy(direct ? new DirectExecutionStrategy(fetchers, exceptions) : new AsyncExecutionStrategy(exceptions))
                .instrumentation(new ErrorCodeInstrumentation())
                .preparsedDocumentProvider(documents);
    }

    /** Runs one request outside Spring (tests, tools), with its own DataLoader registry. */
    public ExecutionResult execute(String query, Map<String, Object> variables) {
        return graphQL.execute(ExecutionInput.newExecutionInput(query).variables(variables)
                .dataLoaderRegistry(new DataLoaderRegistry()).build());
    }

    /** Runs one request field by field through the data fetchers and DataLoaders (no direct execution). */
    public ExecutionResult executeFieldByField(String query, Map<String, Object> variables) {
        return fieldByField.execute(ExecutionInput.newExecutionInput(query).variables(variables)
                .dataLoaderRegistry(new DataLoaderRegistry()).build());
    }

    public Catalog catalog() {
        return catalog;
    }

    public GeneratedSchema schema() {
        return schema;
    }

    public Map<ServiceName, SourceExecutor> executors() {
        return executors;
    }

    @Override
    public void close() {
        executors.values().forEach(SourceExecutor::close);
        async.close();
    }
}
