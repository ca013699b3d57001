package dev.weft.gateway;

import static dev.weft.gateway.GatewayFixture.assertNoErrors;
import static dev.weft.gateway.GatewayFixture.names;
import static dev.weft.gateway.ShopFixture.CRM;
import static dev.weft.gateway.ShopFixture.MANAGER_KEY;
import static dev.weft.gateway.ShopFixture.PARTNER_KEY;
import static dev.weft.gateway.ShopFixture.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.gateway.ShopFixture.Counted;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Weft as an Apollo Federation v2 subgraph under {@code @apollo/gateway} (README, "Federation and gateways"):
 * {@code src/test/js/federation-gateway.mjs} composes Weft (PostgreSQL {@code shop}, MariaDB {@code crm}) with a
 * reviews subgraph (Apollo Server with {@code @apollo/subgraph}) through {@code IntrospectAndCompose}. The reviews
 * subgraph extends Weft's entities {@code ShopProducts} and {@code CrmCustomers} and points to them and to
 * {@code ShopStock} (a composite key) by key, which the gateway resolves through Weft's {@code _entities}. Queries go
 * both ways under a role whose row filters hide some entities (they come back null); each request reads each table
 * with one statement, counted at the servers. Hive Gateway's runtime serves the same supergraph with the README's
 * header propagation, and is checked the same way.
 */
class FederationGatewayIT {
    private static final List<String> MODULES = List.of("@apollo/gateway", "@apollo/server", "@apollo/subgraph",
            "@graphql-hive/gateway-runtime", "@graphql-mesh/transport-http", "graphql");

    @TempDir
    static Path dir;
    private static GatewayFixture gateway;
    private static String hiveUrl;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayFixture.start(dir, "federation-gateway.mjs", MODULES, ready -> ready.get(2));
        hiveUrl = gateway.gateway.ready().get(3);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void fromWeftIntoTheOtherSubgraph() throws Exception {
        Counted partner = gateway.query(PARTNER_KEY, "{ shop_products(order_by: [{id: asc}]) { id name reviews { id } } }");
        assertNoErrors(partner);
        assertThat(values(partner.response(), "/data/shop_products", "name")).containsExactly("Hammer", "Rake", "Drill");
        assertThat(partner.response().at("/data/shop_products/0/reviews").toString()).isEqualTo("[{\"id\":\"r1\"},{\"id\":\"r5\"}]");
        assertThat(partner.response().at("/data/shop_products/2/reviews").toString()).isEqualTo("[]");
        assertThat(partner.selects()).isEqualTo(Map.of("products", 1));
        assertThat(gateway.calls()).isEqualTo(Map.of("weft", 1, "reviews", 1));

        Counted manager = gateway.query(MANAGER_KEY, "{ crm_customers(order_by: [{id: asc}]) { name reviews { body } } }");
        assertNoErrors(manager);
        assertThat(values(manager.response(), "/data/crm_customers", "name")).containsExactly("Ada", "Bob", "Cem", "Dee");
        assertThat(manager.response().at("/data/crm_customers/0/reviews").size()).isEqualTo(2);
        assertThat(manager.selects()).isEqualTo(Map.of(CRM, 1));
        assertThat(gateway.calls()).isEqualTo(Map.of("weft", 1, "reviews", 1));
    }

    @Test
    void fromTheOtherSubgraphIntoWeftWithOneStatementPerEntityType() throws Exception {
        String query = "{ reviews { id product { id name category { name } } author { name } } }";
        Counted partner = gateway.query(PARTNER_KEY, query);
        assertThat(values(partner.response(), "/data/reviews", "id")).containsExactly("r1", "r2", "r3", "r4", "r5", "r6");
        // products 2 and 4 and customers 2 and 4 are not in the partner's region; product and customer 99 do not exist
        assertThat(names(partner.response(), "product")).containsExactly("Hammer", "null", "Rake", "null", "Hammer", "null");
        assertThat(names(partner.response(), "author")).containsExactly("Ada", "null", "Cem", "Ada", "null", "null");
        assertThat(partner.response().at("/data/reviews/2/product/category/name").asString()).isEqualTo("Garden");
        assertThat(partner.selects()).isEqualTo(Map.of("products", 1, "categories", 1, CRM, 1));
        // the query plan fetches each path (reviews.product, reviews.author) with an _entities operation of its own,
        // in parallel; each carries all representations of its type
        assertThat(gateway.calls()).isEqualTo(Map.of("weft", 2, "reviews", 1));

        Counted manager = gateway.query(MANAGER_KEY, query);
        assertThat(names(manager.response(), "product")).containsExactly("Hammer", "Saw", "Rake", "Hose", "Hammer", "null");
        assertThat(names(manager.response(), "author")).containsExactly("Ada", "Bob", "Cem", "Ada", "Dee", "null");
        assertThat(manager.selects()).isEqualTo(Map.of("products", 1, "categories", 1, CRM, 1));
        assertThat(gateway.calls()).isEqualTo(Map.of("weft", 2, "reviews", 1));
    }

    @Test
    void aCompositeKeyResolvesThroughEntities() throws Exception {
        Counted partner = gateway.query(PARTNER_KEY, "{ restocks { id stock { warehouse product_id qty } } }");
        assertThat(values(partner.response(), "/data/restocks", "id")).containsExactly("s1", "s2", "s3", "s4");
        assertThat(partner.response().at("/data/restocks/0/stock").toString())
                .isEqualTo("{\"warehouse\":\"north\",\"product_id\":1,\"qty\":7}");
        assertThat(partner.response().at("/data/restocks/1/stock").isNull()).isTrue(); // south: hidden
        assertThat(partner.response().at("/data/restocks/2/stock/qty").asInt()).isZero();
        assertThat(partner.response().at("/data/restocks/3/stock").isNull()).isTrue(); // no such row
        assertThat(partner.selects()).isEqualTo(Map.of("stock", 1));
        assertThat(gateway.calls()).isEqualTo(Map.of("weft", 1, "reviews", 1));
    }

    @Test
    void weftToTheOtherSubgraphAndBackReadsEachTableOnce() throws Exception {
        Counted manager = gateway.query(MANAGER_KEY, "{ shop_products(order_by: [{id: asc}]) { name reviews { author { name } } } }");
        assertNoErrors(manager);
        assertThat(manager.response().at("/data/shop_products/0/reviews").toString())
                .isEqualTo("[{\"author\":{\"name\":\"Ada\"}},{\"author\":{\"name\":\"Dee\"}}]");
        assertThat(manager.selects()).isEqualTo(Map.of("products", 1, CRM, 1));
        assertThat(gateway.calls()).isEqualTo(Map.of("weft", 2, "reviews", 1));
    }

    @Test
    void aRequestWithoutAKeyGetsNothingFromWeft() throws Exception {
        Counted anonymous = gateway.query(null, "{ reviews { id product { name } } }");
        assertThat(anonymous.response().at("/data/reviews").size()).isEqualTo(6); // the reviews subgraph has no access control
        assertThat(names(anonymous.response(), "product")).containsOnly("null");
        assertThat(anonymous.response().at("/errors").toString()).contains("UNAUTHENTICATED");
        assertThat(anonymous.selects()).isEmpty();
    }

    @Test
    void hiveGatewayServesTheSameSupergraphWithTheCallersKey() throws Exception {
        String query = "{ reviews { id product { id name category { name } } author { name } } }";
        gateway.calls();
        Counted partner = gateway.shop.post(hiveUrl, PARTNER_KEY, query);
        assertThat(names(partner.response(), "product")).containsExactly("Hammer", "null", "Rake", "null", "Hammer", "null");
        assertThat(names(partner.response(), "author")).containsExactly("Ada", "null", "Cem", "Ada", "null", "null");
        assertThat(partner.selects()).isEqualTo(Map.of("products", 1, "categories", 1, CRM, 1));
        JsonNode hive = gateway.counters();
        assertThat(hive.get("hiveWeft").asInt()).isBetween(1, 2); // one _entities per type, or both in one
        assertThat(hive.get("hiveReviews").asInt()).isEqualTo(1);

        Counted products = gateway.shop.post(hiveUrl, MANAGER_KEY, "{ shop_products(order_by: [{id: asc}]) { name reviews { id } } }");
        assertNoErrors(products);
        assertThat(values(products.response(), "/data/shop_products", "name")).containsExactly("Hammer", "Saw", "Rake", "Hose", "Drill");
        assertThat(products.response().at("/data/shop_products/1/reviews/0/id").asString()).isEqualTo("r2");
        assertThat(products.selects()).isEqualTo(Map.of("products", 1));

        Counted anonymous = gateway.shop.post(hiveUrl, null, "{ reviews { id product { name } } }");
        assertThat(names(anonymous.response(), "product")).containsOnly("null");
        assertThat(anonymous.selects()).isEmpty();
    }
}
