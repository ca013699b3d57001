package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.LimitSettings;
import dev.weft.config.ServiceProperties;
import dev.weft.config.WeftProperties;
import dev.weft.execute.sourcejson.SourceJsonList;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limits hold for levels PostgreSQL writes as JSON ({@link SourceJsonList}) as for rows: a root list or a parent
 * with more rows than {@code max-rows}, or related rows past {@code max-response-bytes}, fail the request with the
 * limit's one error on both execution paths; within the limits the levels are source-built, in their order and page.
 */
class SourceJsonLimitsIT {
    private static TestDatabase shop;
    private static WeftRuntime weft;

    @BeforeAll
    static void start() {
        shop = TestDatabase.postgres();
        shop.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, name TEXT NOT NULL)",
                "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers (id),"
                        + " note TEXT NOT NULL)",
                "INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 3) g",
                // customer 1: 3 orders, customer 2: 8 orders with 1 KB notes, customer 3: none
                "INSERT INTO orders SELECT g, 1, 'small' FROM generate_series(1, 3) g",
                "INSERT INTO orders SELECT g, 2, repeat('x', 1000) FROM generate_series(4, 11) g");
        Map<String, ServiceProperties> services = new LinkedHashMap<>();
        services.put("shop", shop.propertiesFor("postgres"));
        weft = SourceJsonRuntime.start(TestDatabase.services(services), List.of(), null,
                new LimitSettings(25, 1_000, 6, 6_000, Duration.ofSeconds(30)), false);
    }

    @AfterAll
    static void stop() {
        if (weft != null) {
            weft.close();
        }
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void withinTheLimitsTheLevelIsSourceBuilt() {
        ExecutionResult result = weft.execute("{ shop_customers(where: {id: {_neq: 2}}, order_by: {id: asc}) { id orders(order_by: {id: desc}) { id note } } }",
                Map.of());
        assertThat(result.getErrors()).isEmpty();
        List<Map<String, Object>> customers = customers(result);
        assertThat(customers.get(0).get("orders")).isInstanceOf(SourceJsonList.class).asList().hasSize(3)
                .first().isEqualTo(Map.of("id", 3L, "note", "small"));
        assertThat(customers.get(1).get("orders")).asList().isEmpty();
    }

    @Test
    void aRootListIsSourceBuiltInItsOrderAndPage() {
        ExecutionResult result = weft.execute("{ shop_orders(order_by: {id: desc}, limit: 3, offset: 1) { id } none: shop_orders("
                + "where: {id: {_gt: 100}}) { id } }", Map.of());
        assertThat(result.getErrors()).isEmpty();
        Map<String, Object> data = result.getData();
        assertThat(data.get("shop_orders")).isInstanceOf(SourceJsonList.class)
                .isEqualTo(List.of(Map.of("id", 10L), Map.of("id", 9L), Map.of("id", 8L)));
        assertThat(data.get("none")).isInstanceOf(SourceJsonList.class).asList().isEmpty();
        assertThat(weft.execute("{ shop_orders(order_by: {id: asc}, limit: 4) { note } }", Map.of()).toSpecification())
                .isEqualTo(weft.executeFieldByField("{ shop_orders(order_by: {id: asc}, limit: 4) { note } }", Map.of()).toSpecification());
    }

    @Test
    void aRootListLongerThanMaxRowsFailsOnBothPaths() {
        assertOnlyLimitError(weft.execute("{ shop_orders { id } }", Map.of()), "max-rows");
        assertOnlyLimitError(weft.executeFieldByField("{ shop_orders { id } }", Map.of()), "max-rows");
    }

    @Test
    void aParentWithMoreRowsThanMaxRowsFailsOnBothPaths() {
        String query = "{ shop_customers(where: {id: {_eq: 2}}) { id orders(limit: 7) { id } } }";
        assertOnlyLimitError(weft.execute(query, Map.of()), "max-rows");
        assertOnlyLimitError(weft.executeFieldByField(query, Map.of()), "max-rows");
    }

    @Test
    void relatedRowsPastMaxResponseBytesFailOnBothPaths() {
        String query = "{ shop_customers { id orders(limit: 6) { note } } }";
        assertOnlyLimitError(weft.execute(query, Map.of()), "max-response-bytes");
        assertOnlyLimitError(weft.executeFieldByField(query, Map.of()), "max-response-bytes");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> customers(ExecutionResult result) {
        return (List<Map<String, Object>>) ((Map<String, Object>) result.getData()).get("shop_customers");
    }

    private static void assertOnlyLimitError(ExecutionResult result, String limit) {
        assertThat(result.getErrors()).as(result.getErrors().toString()).singleElement()
                .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "BAD_USER_INPUT").containsEntry("limit", limit));
        assertThat((Object) result.getData()).isNull();
    }
}
