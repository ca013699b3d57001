package dev.weftbench.jmh;

import dev.weft.catalog.Catalog;
import dev.weft.catalog.CatalogResolver;
import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Source;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import dev.weft.execute.DirectExecutionStrategy;
import dev.weft.execute.Fetchers;
import dev.weft.execute.Row;
import dev.weft.execute.SourceExecutor;
import dev.weft.plan.CrossSourcePlanner;
import dev.weft.query.QueryPlanner;
import dev.weft.schema.GeneratedSchema;
import dev.weft.schema.SchemaBindings;
import dev.weft.schema.SchemaGenerator;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.dataloader.DataLoaderRegistry;

/**
 * Weft's query engine over rows held in memory, for measuring what it does after the databases answer: the
 * generated schema of {@code run.sh}'s two databases ({@code crm.customers} in MariaDB, {@code shop.orders} in
 * PostgreSQL, the {@code orders} relationship of relationships.yml), {@link DirectExecutionStrategy} as
 * {@code WeftRuntime} configures it (validated documents cached), and a {@link SourceExecutor} per service that
 * returns prepared {@link Row}s (the Java types {@code ColumnReader} reads: Long, BigDecimal, LocalDateTime,
 * String) instead of running SQL. Without Weft's instrumentations (limits, error codes, observation).
 *
 * <p>With {@code sourceJson}, the sources also hand back the JSON PostgreSQL's {@code JSON_AGG} would build
 * ({@link InMemorySource#selectJson}) and {@code weft.source-json-threshold} is 0, so that every level that qualifies
 * (the orders of {@link #CROSS}, the list of {@link #flat}) is a {@link dev.weft.execute.sourcejson.SourceJsonList};
 * without it the threshold is -1 and every level is read as rows.
 *
 * <pre>{@code
 * InMemoryWeft weft = new InMemoryWeft(10_000, 10_000);   // customers, orders (customer_id = 1 + id * 7919 % customers)
 * ExecutionResult r = weft.execute(InMemoryWeft.CROSS);  // 100 customers, 1,000 orders
 * InMemoryWeft json = new InMemoryWeft(10_000, 10_000, true); // the same answers, levels from the sources' JSON
 * }</pre>
 */
public final class InMemoryWeft implements AutoCloseable {
    /** run.sh's cross-database query: the first 100 customers with all their orders. */
    public static final String CROSS = "{ crm_customers(order_by: [{id: asc}], limit: 100) { id name email "
            + "orders(order_by: [{id: asc}]) { id total created_at status } } }";

    /** run.sh's flat query with {@code limit}: the first orders with five columns. */
    public static String flat(int limit) {
        return "{ shop_orders(order_by: [{id: asc}], limit: " + limit + ") { id customer_id total created_at status } }";
    }

    private static final TableRef CUSTOMERS = new TableRef(new ServiceName("crm"), "weft_bench", "customers");
    private static final TableRef ORDERS = new TableRef(new ServiceName("shop"), "public", "orders");
    private static final List<String> CUSTOMER_COLUMNS = List.of("id", "name", "email");
    private static final List<String> ORDER_COLUMNS = List.of("id", "customer_id", "total", "created_at", "status");

    private final ExecutorService async = Executors.newVirtualThreadPerTaskExecutor();
    private final GraphQL graphQL;

    public InMemoryWeft(int customers, int orders) {
        this(customers, orders, false);
    }

    /** As above; with {@code sourceJson} the levels that qualify are built from the sources' JSON (threshold 0). */
    public InMemoryWeft(int customers, int orders, boolean sourceJson) {
        // rows of one table share their column index and the class of each column's values, as a JDBC result's do
        var customerRow = Row.factory(CUSTOMER_COLUMNS, List.of(Long.class, String.class, String.class));
        var orderRow = Row.factory(ORDER_COLUMNS,
                List.of(Long.class, Long.class, BigDecimal.class, LocalDateTime.class, String.class));
        List<Row> customerRows = new ArrayList<>(customers);
        for (long id = 1; id <= customers; id++) {
            customerRows.add(customerRow.apply(List.of(id, "Customer " + id, "c" + id + "@example.com")));
        }
        List<Row> orderRows = new ArrayList<>(orders);
        LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0);
        for (long id = 1; id <= orders; id++) {
            orderRows.add(orderRow.apply(List.of(id, 1 + (id * 7919) % customers,
                    BigDecimal.valueOf((id * 7919 * 31) % 100_000, 2), start.plusMinutes(id), STATUS[(int) (id % 3)])));
        }
        List<ServiceSettings> services = new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, services()));
        Map<String, ServiceSettings> byName = new LinkedHashMap<>();
        services.forEach(s -> byName.put(s.name(), s));
        Catalog catalog = new CatalogResolver().resolve(List.of(
                new Source(byName.get("crm"), List.of(customersTable()), false),
                new Source(byName.get("shop"), List.of(ordersTable()), false)), RelationshipsFile.parse("relationships.yml", """
                relationships:
                  - { service: crm, table: customers, name: orders, type: has_many, field: id,
                      ref_service: shop, ref_table: orders, ref_field: customer_id }
                """));
        SchemaBindings bindings = SchemaBindings.of(catalog);
        Map<ServiceName, SourceExecutor> executors = Map.of(
                CUSTOMERS.service(), new InMemorySource("crm", Map.of(CUSTOMERS, customerRows), sourceJson),
                ORDERS.service(), new InMemorySource("shop", Map.of(ORDERS, orderRows), sourceJson));
        Function<Map<ServiceName, SourceExecutor>, dev.weft.execute.CrossSourceSteps> planner =
                readers -> new CrossSourcePlanner(bindings, readers, WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS);
        Fetchers fetchers = new Fetchers(new QueryPlanner(bindings), executors, async, planner, false, sourceJson ? 0 : -1);
        GeneratedSchema schema = new SchemaGenerator().generate(catalog, bindings, fetchers);
        SimpleDataFetcherExceptionHandler exceptions = new SimpleDataFetcherExceptionHandler();
        this.graphQL = GraphQL.newGraphQL(schema.schema()).defaultDataFetcherExceptionHandler(exceptions)
                .queryExecutionStrategy(new DirectExecutionStrategy(fetchers, exceptions, new dev.weft.query.NormalizedOperations(50_000)))
                .preparsedDocumentProvider(new Documents()).build();
    }

    private static final String[] STATUS = {"new", "paid", "shipped"};

    /** Runs {@code query} as Weft does for a POST (a fresh DataLoader registry per request); fails on errors. */
    public ExecutionResult execute(String query) {
        ExecutionResult result = graphQL.execute(ExecutionInput.newExecutionInput(query)
                .dataLoaderRegistry(new DataLoaderRegistry()).build());
        if (!result.getErrors().isEmpty()) {
            throw new IllegalStateException("the query failed: " + result.getErrors());
        }
        return result;
    }

    private static Map<String, ServiceProperties> services() {
        Map<String, ServiceProperties> services = new LinkedHashMap<>();
        services.put("crm", new ServiceProperties("mariadb", "jdbc:mariadb://127.0.0.1:3306/weft_bench", "root", null,
                null, null, null, null, null, null, null, null, null, null));
        services.put("shop", new ServiceProperties("postgres", "jdbc:postgresql://127.0.0.1:5432/weft_bench", "postgres",
                null, null, null, null, null, null, null, null, null, null, null));
        return services;
    }

    private static Table customersTable() {
        return new Table(CUSTOMERS, false, List.of(
                new Column("id", "id", ColumnType.BIGINT, false, "BIGINT"),
                new Column("name", "name", ColumnType.STRING, false, "VARCHAR"),
                new Column("email", "email", ColumnType.STRING, false, "VARCHAR")), List.of("id"), List.of(),
                "CrmCustomers", "crm_customers");
    }

    private static Table ordersTable() {
        return new Table(ORDERS, false, List.of(
                new Column("id", "id", ColumnType.BIGINT, false, "int8"),
                new Column("customer_id", "customer_id", ColumnType.BIGINT, false, "int8"),
                Column.sized("total", "total", ColumnType.DECIMAL, false, "numeric", 10, 2),
                new Column("created_at", "created_at", ColumnType.TIMESTAMP, false, "timestamp"),
                new Column("status", "status", ColumnType.STRING, false, "varchar")), List.of("id"), List.of(),
                "ShopOrders", "shop_orders");
    }

    /** Validated documents by query text, as Weft's document cache keeps them. */
    private static final class Documents implements PreparsedDocumentProvider {
        private final Map<String, PreparsedDocumentEntry> cache = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
            return CompletableFuture.completedFuture(cache.computeIfAbsent(input.getQuery(), q -> parseAndValidate.apply(input)));
        }
    }

    @Override
    public void close() {
        async.close();
    }
}
