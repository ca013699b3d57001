package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.AccessFile;
import dev.weft.config.LimitSettings;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.WeftProperties;
import dev.weft.security.Caller;
import dev.weft.testing.CompactJson;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * relationships.yml's {@code required: true} across the real servers of {@link CrossDatabaseFixture}: PostgreSQL's
 * {@code orders.customer} (a MariaDB customer; order 109's customer 99 does not exist) and MariaDB's
 * {@code customers.orders} (a list on PostgreSQL). A missing or hidden customer, or a customers table that fails,
 * nulls the order up to the nearest nullable field with one error at {@code customer}; both execution paths agree.
 */
class RequiredRelationshipsIT {
    private static final Caller NORTH = new Caller("north", Map.of());
    private static CrossDatabaseFixture fixture;
    private static WeftRuntime weft;
    private static WeftRuntime filtered;

    @BeforeAll
    static void start() {
        fixture = CrossDatabaseFixture.create();
        try {
            String yml = CrossDatabaseFixture.RELATIONSHIPS
                    .replace("    name: orders\n", "    name: orders\n    required: true\n")
                    .replace("    table: orders\n    name: customer\n", "    table: orders\n    name: customer\n    required: true\n");
            var relationships = RelationshipsFile.parse("relationships.yml", yml);
            assertThat(relationships.stream().filter(r -> r.required()).count()).isEqualTo(2);
            weft = WeftRuntime.start(fixture.services((name, p) -> p), relationships, WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS);
            filtered = WeftRuntime.start(fixture.services((name, p) -> p), relationships,
                    WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS, AccessFile.parse("access.yml", """
                            roles:
                              north:
                                crm.customers: { select: { filter: { region: { _eq: "north" } } } }
                                shop.orders: {}
                            """), LimitSettings.DEFAULTS);
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {weft, filtered, fixture}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aRequiredListIsNeverNullAndPresentRowsBubbleNothing() {
        ExecutionResult result = both(weft, null, "{ crm_customers(order_by: [{id: asc}]) { id orders(order_by: [{id: asc}]) { id "
                + "customer { name } } } shop_orders(where: {id: {_lt: 109}}) { id } }", 0);
        assertThat(CompactJson.write(((Map<?, ?>) result.getData()).get("crm_customers"))).isEqualTo(CompactJson.compact("""
                [{"id":1,"orders":[{"id":101,"customer":{"name":"Ada"}},{"id":102,"customer":{"name":"Ada"}},
                  {"id":103,"customer":{"name":"Ada"}},{"id":104,"customer":{"name":"Ada"}}]},
                 {"id":2,"orders":[{"id":105,"customer":{"name":"Bob"}},{"id":106,"customer":{"name":"Bob"}}]},
                 {"id":3,"orders":[{"id":107,"customer":{"name":"Cy"}}]},{"id":4,"orders":[{"id":108,"customer":{"name":"Dee"}}]},
                 {"id":5,"orders":[]},{"id":6,"orders":[]}]"""));
    }

    @Test
    void aMissingRequiredRowNullsItsParentUpToTheNearestNullableField() {
        ExecutionResult list = both(weft, null, "{ shop_orders(order_by: [{id: asc}]) { id customer { name } } }", 1);
        assertThat(((Map<?, ?>) list.getData()).get("shop_orders")).isNull();
        GraphQLError error = list.getErrors().get(0);
        assertThat(error.getPath()).isEqualTo(List.of("shop_orders", 8, "customer"));
        assertThat(error.getExtensions()).containsEntry("code", "INTERNAL");
        ExecutionResult shipments = both(weft, null, "{ ware_shipments(order_by: [{id: asc}]) { id order { id customer { name } } } }", 1);
        assertThat(CompactJson.write(shipments.getData())).isEqualTo(CompactJson.compact("""
                {"ware_shipments":[{"id":501,"order":{"id":101,"customer":{"name":"Ada"}}},
                  {"id":502,"order":{"id":102,"customer":{"name":"Ada"}}},{"id":503,"order":{"id":102,"customer":{"name":"Ada"}}},
                  {"id":504,"order":{"id":105,"customer":{"name":"Bob"}}},{"id":505,"order":{"id":107,"customer":{"name":"Cy"}}},
                  {"id":506,"order":null}]}"""));
        assertThat(shipments.getErrors().get(0).getPath()).isEqualTo(List.of("ware_shipments", 5, "order", "customer"));
    }

    @Test
    void aCustomerTheRowFilterHidesAnswersExactlyAsAMissingOne() {
        ExecutionResult result = both(filtered, NORTH, "{ hidden: shop_orders_by_pk(id: 105) { id customer { name } } "
                + "missing: shop_orders_by_pk(id: 109) { id customer { name } } "
                + "seen: shop_orders_by_pk(id: 101) { id customer { name } } }", 2);
        assertThat(CompactJson.write(result.getData())).isEqualTo(CompactJson.compact("""
                {"hidden":null,"missing":null,"seen":{"id":101,"customer":{"name":"Ada"}}}"""));
        assertThat(result.getErrors()).extracting(GraphQLError::getMessage).containsOnly(result.getErrors().get(0).getMessage());
        assertThat(result.getErrors()).extracting(e -> e.getExtensions().get("code")).containsOnly("INTERNAL");
    }

    @Test
    void aFailingCustomersTableNullsTheOrderWithItsOwnError() {
        fixture.crm.execute("RENAME TABLE customers TO customers_away");
        try {
            ExecutionResult result = both(weft, null, "{ o: shop_orders_by_pk(id: 101) { id customer { name } } "
                    + "p: shop_products(order_by: [{sku: asc}], limit: 1) { sku } }", 1);
            assertThat(CompactJson.write(result.getData())).isEqualTo(CompactJson.compact("{\"o\":null,\"p\":[{\"sku\":\"P1\"}]}"));
            assertThat(result.getErrors().get(0).getPath()).isEqualTo(List.of("o", "customer"));
            assertThat(result.getErrors().get(0).getMessage()).doesNotContain("non-null field");
        } finally {
            fixture.crm.execute("RENAME TABLE customers_away TO customers");
        }
    }

    /** Both execution paths, agreeing on data and (as a set) on errors, with {@code errors} errors at distinct paths. */
    private static ExecutionResult both(WeftRuntime runtime, Caller caller, String query, int errors) {
        ExecutionResult direct = caller == null ? runtime.execute(query, Map.of()) : runtime.execute(query, Map.of(), caller);
        ExecutionResult fieldByField = caller == null ? runtime.executeFieldByField(query, Map.of())
                : runtime.executeFieldByField(query, Map.of(), caller);
        assertThat(direct.toSpecification().get("data")).as(query).isEqualTo(fieldByField.toSpecification().get("data"));
        assertThat(direct.getErrors().stream().map(GraphQLError::toSpecification).toList()).as(query)
                .containsExactlyInAnyOrderElementsOf(fieldByField.getErrors().stream().map(GraphQLError::toSpecification).toList());
        assertThat(direct.getErrors()).as(query).hasSize(errors);
        assertThat(direct.getErrors().stream().map(GraphQLError::getPath).distinct()).as(query).hasSize(errors);
        return direct;
    }
}
