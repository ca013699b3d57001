package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.testing.MongoTestServer;
import dev.weft.testing.TcpProxy;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A MongoDB that goes down fails only its own fields, with {@code SOURCE_UNAVAILABLE} and no driver text,
 * while PostgreSQL's are served; health reports it down; it is used again as soon as it answers.
 */
class MongoOutageIT {

    @Test
    void aMongodbThatIsDownFailsOnlyItsOwnFieldsAndIsUsedAgainWhenBack() throws InterruptedException {
        try (MongoTestServer mongo = MongoTestServer.start(); TcpProxy proxy = TcpProxy.to("127.0.0.1", mongo.port());
             TestDatabase pg = TestDatabase.postgres()) {
            pg.execute("CREATE TABLE customers (id INT PRIMARY KEY, name TEXT)", "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Bo')");
            String db = MongoTestServer.uniqueName();
            mongo.database(db).getCollection("clicks").insertMany(List.of(new Document("customer_id", 1).append("page", "/a"),
                    new Document("customer_id", 2).append("page", "/b")));
            Map<String, ServiceProperties> services = new LinkedHashMap<>();
            services.put("shop", pg.propertiesFor("postgres"));
            services.put("web", new ServiceProperties("mongodb", "mongodb://127.0.0.1:" + proxy.port() + "/" + db, null, null, null,
                    null, null, null, null, new ServiceProperties.PoolProperties(2, Duration.ofSeconds(1)), Duration.ofSeconds(2), null, null, null));
            List<ServiceSettings> settings = new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, services));
            String query = "{ shop_customers(order_by: [{id: asc}]) { id clicks { page } } web_clicks_aggregate { aggregate { count } } }";
            try (WeftRuntime weft = WeftRuntime.start(settings, RelationshipsFile.parse("r.yml", """
                    relationships:
                      - {service: shop, table: customers, name: clicks, type: has_many, field: id, ref_service: web, ref_table: clicks, ref_field: customer_id}
                    """), WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS)) {
                assertThat(weft.execute(query, Map.of()).getErrors()).isEmpty();
                proxy.stop();
                ExecutionResult down = weft.execute(query, Map.of());
                assertThat(GraphqlAssertions.codes(down)).containsOnly("SOURCE_UNAVAILABLE").hasSize(3);
                assertThat(down.getErrors()).allSatisfy(e -> assertThat(e.getMessage()).isEqualTo("source 'web' is unavailable"));
                Map<String, Object> data = down.getData();
                assertThat(data.get("web_clicks_aggregate")).isNull();
                assertThat(data.get("shop_customers")).isEqualTo(List.of(mapOf("id", 1, "clicks", null), mapOf("id", 2, "clicks", null)));
                assertThat(weft.executors().get(new dev.weft.catalog.ServiceName("web")).isHealthy()).isFalse();
                proxy.start();
                // the source's circuit breaker may have opened: a probe after its open-duration (2 s) closes it
                long backSince = System.nanoTime();
                ExecutionResult back = weft.execute(query, Map.of());
                while (!back.getErrors().isEmpty() && System.nanoTime() - backSince < 15_000_000_000L) {
                    assertThat(GraphqlAssertions.codes(back)).containsOnly("SOURCE_UNAVAILABLE");
                    Thread.sleep(100);
                    back = weft.execute(query, Map.of());
                }
                assertThat(back.getErrors()).isEmpty();
                assertThat((System.nanoTime() - backSince) / 1_000_000).as("recovery after the source returned").isLessThan(5_000);
                assertThat(back.toSpecification().get("data")).isEqualTo(Map.of(
                        "shop_customers", List.of(Map.of("id", 1, "clicks", List.of(Map.of("page", "/a"))),
                                Map.of("id", 2, "clicks", List.of(Map.of("page", "/b")))),
                        "web_clicks_aggregate", Map.of("aggregate", Map.of("count", 2))));
                assertThat(weft.executors().get(new dev.weft.catalog.ServiceName("web")).isHealthy()).isTrue();
            }
        }
    }

    private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
