package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.security.Caller;
import dev.weft.testing.CompactJson;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A request keeps the pool connection of its statements on one source for its next statement there
 * ({@code dev.weft.execute.RequestConnections}). With a pool of one connection, that must never make a request
 * wait for itself: sibling relationships of one source run on threads of their own, and each needs the
 * connection the request's thread used for their parents.
 */
class SameSourceConnectionsIT {

    @Test
    void siblingRelationshipsOnTheParentsSourceRunWithAPoolOfOneConnection() {
        try (TestDatabase pg = TestDatabase.postgres()) {
            pg.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)",
                    "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL REFERENCES customers (id))",
                    "CREATE TABLE notes (id INT PRIMARY KEY, customer_id INT NOT NULL REFERENCES customers (id))",
                    "CREATE TABLE lines (id INT PRIMARY KEY, order_id INT NOT NULL REFERENCES orders (id))",
                    "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Bob')",
                    "INSERT INTO orders VALUES (10, 1), (11, 1), (20, 2)",
                    "INSERT INTO notes VALUES (100, 2)",
                    "INSERT INTO lines VALUES (1000, 10), (1001, 20)");
            ServiceProperties p = pg.propertiesFor("postgres");
            // a connection-timeout short enough that a request waiting for its own connection fails the test quickly
            ServiceProperties poolOfOne = new ServiceProperties(p.kind(), p.url(), p.username(), p.password(), p.schema(),
                    p.include(), p.exclude(), p.prefix(), p.typePrefix(),
                    new ServiceProperties.PoolProperties(1, Duration.ofMillis(500)), null, null, null, null);
            List<ServiceSettings> services = TestDatabase.services(Map.of("shop", poolOfOne));
            try (WeftRuntime weft = WeftRuntime.start(services)) {
                String siblings = "{ shop_customers(order_by: [{id: asc}]) { id orders(order_by: [{id: asc}]) { id }"
                        + " notes { id } } }";
                for (int i = 0; i < 3; i++) {
                    assertThat(json(weft.execute(siblings, Map.of(), Caller.UNRESTRICTED))).isEqualTo("""
                            {"data":{"shop_customers":[{"id":1,"orders":[{"id":10},{"id":11}],"notes":[]},\
                            {"id":2,"orders":[{"id":20}],"notes":[{"id":100}]}]}}""");
                }
                String levels = "{ shop_customers(order_by: [{id: asc}]) { name orders(order_by: [{id: asc}]) { lines { id } } } }";
                assertThat(json(weft.execute(levels, Map.of(), Caller.UNRESTRICTED))).isEqualTo("""
                        {"data":{"shop_customers":[{"name":"Ada","orders":[{"lines":[{"id":1000}]},{"lines":[]}]},\
                        {"name":"Bob","orders":[{"lines":[{"id":1001}]}]}]}}""");
            }
        }
    }

    private static String json(ExecutionResult result) {
        return CompactJson.write(result.toSpecification());
    }
}
