package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.AccessFile;
import dev.weft.config.WeftProperties;
import dev.weft.security.Caller;
import dev.weft.testing.CompactJson;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code distinct_on} and {@code order_by} an array relationship's aggregate across databases, over the data of
 * {@link CrossDatabaseFixture} (customers in MariaDB, orders in PostgreSQL, shipments in a second MariaDB): the
 * per-parent aggregate is fetched from the other source batched by key and sorted in Weft, the page cut after
 * the sort; distinct rows are kept per parent. Every query runs on both execution paths, which must agree.
 * A runtime with access control ({@code shopper}: paid orders only) checks that the aggregate covers only the
 * related rows the caller may see.
 */
class CrossDatabaseDistinctOrderIT {
    private static CrossDatabaseFixture fixture;
    private static WeftRuntime weft;
    private static WeftRuntime guarded;

    @BeforeAll
    static void start() {
        fixture = CrossDatabaseFixture.create();
        try {
            weft = fixture.start(WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS);
            guarded = WeftRuntime.start(fixture.services((name, p) -> p), CrossDatabaseFixture.relationships(),
                    WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS, AccessFile.parse("access.yml", """
                            roles:
                              shopper:
                                crm.customers:
                                shop.orders: { select: { filter: { status: { _eq: "paid" } } } }
                            """));
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        try {
            for (WeftRuntime w : new WeftRuntime[] {weft, guarded}) {
                if (w != null) {
                    w.close();
                }
            }
        } finally {
            if (fixture != null) {
                fixture.close();
            }
        }
    }

    /** Both executions give no errors and exactly this data, written with unquoted keys ({@code {id: 1}}). */
    private static void assertData(WeftRuntime runtime, String query, String expected) {
        CrossDatabaseFixture.assertData(runtime, query, quoted(expected));
    }

    private static String quoted(String json) {
        return json.replaceAll("([A-Za-z_]+):", "\"$1\":");
    }

    @Test
    void rootListOrderedByTheCountOfRelatedRowsInAnotherDatabase() {
        // orders per customer: 1: 4, 2: 2, 3: 1, 4: 1, 5 and 6: none (order 109's customer 99 does not exist)
        assertData(weft, "{ crm_customers(order_by: [{orders_aggregate: {count: desc}}, {id: asc}]) { id } }",
                "{crm_customers: [{id: 1}, {id: 2}, {id: 3}, {id: 4}, {id: 5}, {id: 6}]}");
        assertData(weft, "{ crm_customers(order_by: [{orders_aggregate: {count: asc}}, {id: desc}]) { id } }",
                "{crm_customers: [{id: 6}, {id: 5}, {id: 4}, {id: 3}, {id: 2}, {id: 1}]}");
    }

    @Test
    void maxAndSumWithNullsForCustomersWithoutOrdersAndThePageCutAfterTheSort() {
        // max(total): 1: 999.99, 2: 510.00, 3: 300.00, 4: 45.00, 5 and 6: null (first when descending)
        assertData(weft, "{ crm_customers(order_by: [{orders_aggregate: {max: {total: desc}}}, {id: asc}]) { id } }",
                "{crm_customers: [{id: 5}, {id: 6}, {id: 1}, {id: 2}, {id: 3}, {id: 4}]}");
        assertData(weft, "{ crm_customers(order_by: [{orders_aggregate: {max: {total: desc}}}, {id: asc}], limit: 2, offset: 1)"
                + " { id } }", "{crm_customers: [{id: 6}, {id: 1}]}");
        // sum(total): 1: 1950.49, 2: 530.00, 3: 300.00, 4: 45.00, 5 and 6: null (last when ascending)
        assertData(weft, "{ crm_customers(order_by: [{orders_aggregate: {sum: {total: asc}}}, {id: asc}], limit: 5) { id } }",
                "{crm_customers: [{id: 4}, {id: 3}, {id: 2}, {id: 1}, {id: 5}]}");
    }

    @Test
    void theAggregateCoversOnlyTheRelatedRowsTheRoleMaySee() {
        // paid orders only: max(total) 1: 999.99, 2: 20.00 (its 510.00 is open), 3: 300.00, 4: 45.00
        String query = "{ crm_customers(order_by: [{orders_aggregate: {max: {total: desc}}}, {id: asc}]) { id } }";
        Caller shopper = new Caller("shopper", Map.of());
        ExecutionResult direct = guarded.execute(query, Map.of(), shopper);
        assertThat(direct.getErrors()).isEmpty();
        assertThat(guarded.executeFieldByField(query, Map.of(), shopper).toSpecification()).isEqualTo(direct.toSpecification());
        assertThat(CompactJson.write(direct.getData()))
                .isEqualTo(CompactJson.compact(quoted("{crm_customers: [{id: 5}, {id: 6}, {id: 1}, {id: 3}, {id: 4}, {id: 2}]}")));
    }

    @Test
    void relationshipListOrderedByAnAggregateInAThirdDatabase() {
        // shipments (ware) per order: 101: 1, 102: 2, 105: 1, 107: 1, 109: 1, others none
        assertData(weft, "{ crm_customers(where: {id: {_in: [1, 2]}}, order_by: {id: asc}) { id orders(order_by:"
                + " [{shipments_aggregate: {count: desc}}, {id: asc}]) { id } } }",
                "{crm_customers: [{id: 1, orders: [{id: 102}, {id: 101}, {id: 103}, {id: 104}]},"
                        + " {id: 2, orders: [{id: 105}, {id: 106}]}]}");
        assertData(weft, "{ shop_orders(order_by: [{shipments_aggregate: {count: desc}}, {id: asc}], limit: 2, offset: 2) { id } }",
                "{shop_orders: [{id: 105}, {id: 107}]}");
    }

    @Test
    void distinctRowsPerParentAcrossDatabases() {
        assertData(weft, "{ crm_customers(order_by: {id: asc}) { id orders(distinct_on: [status], order_by: [{status: asc},"
                + " {total: desc}]) { id } } }",
                "{crm_customers: [{id: 1, orders: [{id: 103}, {id: 104}]}, {id: 2, orders: [{id: 105}, {id: 106}]},"
                        + " {id: 3, orders: [{id: 107}]}, {id: 4, orders: [{id: 108}]}, {id: 5, orders: []}, {id: 6, orders: []}]}");
    }

    @Test
    void distinctRowsChosenByAnOrderThroughAnotherDatabase() {
        // open: 103 (Ada), 105 (Eve); paid: 109 has no customer (a NULL name, first when descending)
        assertData(weft, "{ shop_orders(distinct_on: [status], order_by: [{status: asc}, {customer: {name: desc}}, {id: asc}])"
                + " { id } }", "{shop_orders: [{id: 105}, {id: 109}]}");
        assertData(weft, "{ shop_orders(distinct_on: [status], order_by: [{status: desc}, {customer: {name: asc}}, {id: asc}],"
                + " limit: 1) { id } }", "{shop_orders: [{id: 101}]}");
    }

    @Test
    void aggregatesOverDistinctRowsChosenAcrossDatabases() {
        // the distinct rows above: 105 and 109; then paged (offset 1): 109 alone
        String order = "distinct_on: [status], order_by: [{status: asc}, {customer: {name: desc}}, {id: asc}]";
        assertData(weft, "{ shop_orders_aggregate(" + order + ") { aggregate { count max { id } } nodes { id } } }",
                "{shop_orders_aggregate: {aggregate: {count: 2, max: {id: 109}}, nodes: [{id: 105}, {id: 109}]}}");
        assertData(weft, "{ shop_orders_aggregate(" + order + ", offset: 1) { aggregate { count } nodes { id } } }",
                "{shop_orders_aggregate: {aggregate: {count: 1}, nodes: [{id: 109}]}}");
        assertData(weft, "{ crm_customers(where: {id: {_in: [1, 5]}}, order_by: {id: asc}) { id orders_aggregate(distinct_on: [status],"
                + " order_by: [{status: asc}, {total: desc}]) { aggregate { count } nodes { id } } } }",
                "{crm_customers: [{id: 1, orders_aggregate: {aggregate: {count: 2}, nodes: [{id: 103}, {id: 104}]}},"
                        + " {id: 5, orders_aggregate: {aggregate: {count: 0}, nodes: []}}]}");
    }

    @Test
    void perParentAggregateOfDistinctRowsOrderedThroughAThirdDatabaseMatchesTheList() {
        String arguments = "(distinct_on: [status], order_by: [{status: asc}, {shipments_aggregate: {count: desc}}, {id: asc}])";
        String query = "{ crm_customers(order_by: {id: asc}) { id orders" + arguments + " { id } orders_aggregate" + arguments
                + " { aggregate { count max { id } } nodes { id } } } }";
        ExecutionResult direct = weft.execute(query, Map.of());
        assertThat(direct.getErrors()).isEmpty();
        assertThat(weft.executeFieldByField(query, Map.of()).toSpecification()).isEqualTo(direct.toSpecification());
        java.util.List<Map<String, Object>> customers = dev.weft.testing.GraphqlAssertions.at(direct.getData(), "crm_customers");
        assertThat(customers).hasSize(6);
        for (Map<String, Object> c : customers) {
            java.util.List<?> orders = (java.util.List<?>) c.get("orders");
            Map<?, ?> aggregate = (Map<?, ?>) c.get("orders_aggregate");
            assertThat(aggregate.get("nodes")).as("%s", c).isEqualTo(orders);
            Map<?, ?> values = (Map<?, ?>) aggregate.get("aggregate");
            assertThat(values.get("count")).as("%s", c).isEqualTo(orders.size());
            Object max = orders.stream().map(o -> (Integer) ((Map<?, ?>) o).get("id")).max(Integer::compare).orElse(null);
            assertThat(((Map<?, ?>) values.get("max")).get("id")).as("the max of the distinct rows' ids, %s", c).isEqualTo(max);
        }
        assertThat(CompactJson.write(customers.get(0).get("orders"))).isNotEqualTo("[]");
    }
}
