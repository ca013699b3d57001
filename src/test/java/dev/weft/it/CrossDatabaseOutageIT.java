package dev.weft.it;

import static dev.weft.it.CrossDatabaseFixture.both;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.BreakerSettings;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceProperties.PoolProperties;
import dev.weft.config.WeftProperties;
import dev.weft.ops.SourceBreakers;
import dev.weft.ops.SourceOperations;
import dev.weft.testing.CompactJson;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.testing.TcpProxy;
import dev.weft.testing.TestServers;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's "Errors" across databases: when the source on the other side of a relationship is down, only the
 * relationship fields are null, each with a SOURCE_UNAVAILABLE error at its path; the parents (and other
 * root fields) are served. Every service is reached through its own {@link TcpProxy}, stopped and started
 * by the test; the data is {@link CrossDatabaseFixture}'s. Each source's circuit breaker opens after three failed
 * statements (its fields then fail at once) and closes within seconds of the source's return.
 */
class CrossDatabaseOutageIT {

    @Test
    void aRelatedSourceThatIsDownFailsOnlyTheRelationshipFields() {
        try (CrossDatabaseFixture fixture = CrossDatabaseFixture.create();
             TcpProxy crm = TcpProxy.to(TestServers.mariadb());
             TcpProxy shop = TcpProxy.to(TestServers.postgres());
             TcpProxy ware = TcpProxy.to(TestServers.mariadb())) {
            Map<String, TcpProxy> proxies = Map.of("crm", crm, "shop", shop, "ware", ware);
            SourceBreakers breakers = new SourceBreakers(BreakerSettings.DEFAULT);
            try (WeftRuntime weft = WeftRuntime.start(fixture.services((name, p) -> proxied(p, proxies.get(name).port())),
                    CrossDatabaseFixture.relationships(), WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS, null, dev.weft.config.LimitSettings.DEFAULTS, new SourceOperations(breakers, null))) {
                String customers = """
                        { crm_customers(where: {id: {_in: [1, 2]}}, order_by: [{id: asc}]) {
                            name orders(order_by: [{id: asc}]) { id } loyalty { points } orders_aggregate { aggregate { count } } }
                          crm_carriers(order_by: [{id: asc}]) { name } }""";
                String served = """
                        {"crm_customers": [
                          {"name": "Ada", "orders": [{"id": 101}, {"id": 102}, {"id": 103}, {"id": 104}], "loyalty": {"points": 120},
                           "orders_aggregate": {"aggregate": {"count": 4}}},
                          {"name": "Bob", "orders": [{"id": 105}, {"id": 106}], "loyalty": null,
                           "orders_aggregate": {"aggregate": {"count": 2}}}],
                         "crm_carriers": [{"name": "Swift"}, {"name": "Slow"}]}""";
                CrossDatabaseFixture.assertData(weft, customers, served);

                // PostgreSQL (shop) down: MariaDB parents served, their shop fields null with an error each
                shop.stop();
                ExecutionResult down = both(weft, customers);
                assertThat(CompactJson.write(down.getData())).isEqualTo(CompactJson.compact("""
                        {"crm_customers": [
                          {"name": "Ada", "orders": null, "loyalty": null, "orders_aggregate": null},
                          {"name": "Bob", "orders": null, "loyalty": null, "orders_aggregate": null}],
                         "crm_carriers": [{"name": "Swift"}, {"name": "Slow"}]}"""));
                assertUnavailable(down, "shop", List.of(
                        List.of("crm_customers", 0, "orders"), List.of("crm_customers", 0, "loyalty"),
                        List.of("crm_customers", 0, "orders_aggregate"), List.of("crm_customers", 1, "orders"),
                        List.of("crm_customers", 1, "loyalty"), List.of("crm_customers", 1, "orders_aggregate")));

                // three failed statements opened the breaker of shop: its fields now fail at once
                assertThat(breakers.state("shop")).contains("OPEN");
                assertThat(breakers.state("crm")).contains("CLOSED");
                // a filter through the relationship needs the source: that root field fails, the other is served
                long start = System.nanoTime();
                ExecutionResult filtered = both(weft, """
                        { crm_customers(where: {orders: {total: {_gt: 500}}}) { name } crm_carriers(order_by: [{id: asc}]) { name } }""");
                long openMillis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("[CrossDatabaseOutageIT] shop's breaker open: 2 requests in %d ms%n", openMillis);
                assertThat(openMillis).as("two requests (both execution paths) while the breaker is open").isLessThan(2_000);
                assertThat(CompactJson.write(filtered.getData())).isEqualTo(CompactJson.compact("""
                        {"crm_customers": null, "crm_carriers": [{"name": "Swift"}, {"name": "Slow"}]}"""));
                assertUnavailable(filtered, "shop", List.of(List.of("crm_customers")));
                shop.start();
                awaitRecovery(weft, customers, "shop");
                assertThat(breakers.state("shop")).contains("CLOSED");
                CrossDatabaseFixture.assertData(weft, customers, served);

                // the second MariaDB database (ware) down, in the middle of a chain crm -> shop -> ware -> crm
                ware.stop();
                ExecutionResult chain = both(weft, """
                        { shop_orders(where: {id: {_in: [102, 105]}}, order_by: [{id: asc}]) {
                            id customer { name } shipments { id recipient { name } } } }""");
                assertThat(CompactJson.write(chain.getData())).isEqualTo(CompactJson.compact("""
                        {"shop_orders": [{"id": 102, "customer": {"name": "Ada"}, "shipments": null},
                                         {"id": 105, "customer": {"name": "Bob"}, "shipments": null}]}"""));
                assertUnavailable(chain, "ware", List.of(List.of("shop_orders", 0, "shipments"),
                        List.of("shop_orders", 1, "shipments")));
                ware.start();

                // MariaDB (crm) down: PostgreSQL parents served, their crm fields null
                crm.stop();
                ExecutionResult crmDown = both(weft, """
                        { shop_orders(where: {id: {_in: [101, 107]}}, order_by: [{id: asc}]) { id total customer { name } } }""");
                assertThat(CompactJson.write(crmDown.getData())).isEqualTo(CompactJson.compact("""
                        {"shop_orders": [{"id": 101, "total": 250.00, "customer": null},
                                         {"id": 107, "total": 300.00, "customer": null}]}"""));
                assertUnavailable(crmDown, "crm", List.of(List.of("shop_orders", 0, "customer"),
                        List.of("shop_orders", 1, "customer")));
                crm.start();
                awaitRecovery(weft, "{ crm_carriers { id } }", "crm");
                CrossDatabaseFixture.assertData(weft, """
                        { shop_orders(where: {id: {_in: [101, 107]}}, order_by: [{id: asc}]) { id customer { name } } }""", """
                        {"shop_orders": [{"id": 101, "customer": {"name": "Ada"}}, {"id": 107, "customer": {"name": "Cy"}}]}""");
            }
        }
    }

    /**
     * Runs {@code query} until it has no error and returns how long that took: the source's breaker may still be
     * open when the source returns, and a half-open probe closes it within seconds.
     */
    private static void awaitRecovery(WeftRuntime weft, String query, String service) {
        long start = System.nanoTime();
        ExecutionResult result = weft.execute(query, Map.of());
        while (!result.getErrors().isEmpty() && System.nanoTime() - start < 15_000_000_000L) {
            assertUnavailable(result, service, result.getErrors().stream().map(GraphQLError::getPath).toList());
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            result = weft.execute(query, Map.of());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("[CrossDatabaseOutageIT] %s served again %d ms after it returned%n", service, millis);
        assertThat(result.getErrors()).as("errors after %s returned", service).isEmpty();
        assertThat(millis).as("recovery of %s after it returned", service)
                .isLessThan(BreakerSettings.DEFAULT.openDuration().toMillis() + 3_000);
    }

    /** One SOURCE_UNAVAILABLE error per path, each naming the source, and no other error. */
    private static void assertUnavailable(ExecutionResult result, String service, List<List<Object>> paths) {
        List<List<Object>> actual = new ArrayList<>();
        for (GraphQLError error : result.getErrors()) {
            assertThat(GraphqlAssertions.code(error)).as("code of %s", error).isEqualTo("SOURCE_UNAVAILABLE");
            assertThat(error.getMessage()).isEqualTo("source '" + service + "' is unavailable");
            actual.add(error.getPath());
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(paths);
    }

    private static ServiceProperties proxied(ServiceProperties p, int port) {
        String url = p.url().replace(":" + TestServers.mariadb().port() + "/", ":" + port + "/")
                .replace(":" + TestServers.postgres().port() + "/", ":" + port + "/");
        return new ServiceProperties(p.kind(), url, p.username(), p.password(), p.schema(), p.include(), p.exclude(),
                p.prefix(), p.typePrefix(), new PoolProperties(2, Duration.ofMillis(500)), Duration.ofSeconds(5),
                p.batchSize(), null, null);
    }
}
