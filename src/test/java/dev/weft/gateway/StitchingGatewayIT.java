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
 * Weft (PostgreSQL {@code shop}, MariaDB {@code crm}) as a source of a schema-stitching gateway (README, "Federation
 * and gateways"): {@code src/test/js/stitching-gateway.mjs} stitches Weft's schema with a small "reviews" GraphQL
 * server through {@code @graphql-tools/stitch}, with the merge configuration of {@code examples/stitching/weft-merge.mjs} (types
 * merged on their primary keys through Weft's root lists, {@code where: {<key>: {_in: $keys}}}). Queries go both
 * ways, under a role whose row filters hide some products, customers and stock; each request reaches Weft once and
 * each table once, counted at the servers (PostgreSQL's statement log, MariaDB's per-user SELECT counter).
 */
class StitchingGatewayIT {
    private static final List<String> MODULES = List.of("@graphql-tools/stitch", "@graphql-tools/wrap",
            "@graphql-tools/executor-http", "graphql-http", "graphql");

    @TempDir
    static Path dir;
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayFixture.start(dir, "stitching-gateway.mjs", MODULES,
                ready -> ready.get(0).replace("/graphql", "/calls"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void fromWeftIntoTheOtherSchema() throws Exception {
        Counted partner = gateway.query(PARTNER_KEY, "{ shop_products(order_by: [{id: asc}]) { id name reviews { id } } }");
        assertNoErrors(partner);
        assertThat(values(partner.response(), "/data/shop_products", "name")).containsExactly("Hammer", "Rake", "Drill");
        assertThat(partner.response().at("/data/shop_products/0/reviews").toString()).isEqualTo("[{\"id\":\"r1\"},{\"id\":\"r5\"}]");
        assertThat(partner.response().at("/data/shop_products/1/reviews").toString()).isEqualTo("[{\"id\":\"r3\"}]");
        assertThat(partner.response().at("/data/shop_products/2/reviews").toString()).isEqualTo("[]");
        assertThat(partner.selects()).isEqualTo(Map.of("products", 1));
        assertThat(gateway.calls()).isEqualTo(Map.of("weft", 1, "reviews", 1));

        Counted manager = gateway.query(MANAGER_KEY, "{ shop_products(order_by: [{id: asc}]) { name reviews { body } } }");
        assertNoErrors(manager);
        assertThat(values(manager.response(), "/data/shop_products", "name")).containsExactly("Hammer", "Saw", "Rake", "Hose", "Drill");
        assertThat(manager.response().at("/data/shop_products/3/reviews/0/body").asString()).isEqualTo("Leaks");
        assertThat(manager.selects()).isEqualTo(Map.of("products", 1));
        assertThat(gateway.calls()).isEqualTo(Map.of("weft", 1, "reviews", 1));
    }

    @Test
    void fromTheOtherSchemaIntoWeftWithOneStatementPerType() throws Exception {
        String query = "{ reviews { id product { id name price category { name } } author { name } } }";
        Counted partner = gateway.query(PARTNER_KEY, query);
        // products 2 and 4 are not in the partner's region and 99 does not exist: null, as graphql-js nulls an
        // object whose non-null field has no value
        assertThat(values(partner.response(), "/data/reviews", "id")).containsExactly("r1", "r2", "r3", "r4", "r5", "r6");
        assertThat(products(partner.response())).containsExactly("Hammer", "null", "Rake", "null", "Hammer", "null");
        assertThat(partner.response().at("/data/reviews/2/product/category/name").asString()).isEqualTo("Garden");
        assertThat(partner.response().at("/data/reviews/0/product/price").asDouble()).isEqualTo(12.5);
        // customers 2 and 4 are not in the partner's region (MariaDB), 99 does not exist
        assertThat(names(partner.response(), "author")).containsExactly("Ada", "null", "Cem", "Ada", "null", "null");
        assertThat(partner.selects()).isEqualTo(Map.of("products", 1, "categories", 1, CRM, 1));
        // both merged types in one request to Weft (batch: true)
        assertThat(gateway.calls()).isEqualTo(Map.of("weft", 1, "reviews", 1));

        Counted manager = gateway.query(MANAGER_KEY, query);
        assertThat(products(manager.response())).containsExactly("Hammer", "Saw", "Rake", "Hose", "Hammer", "null");
        assertThat(names(manager.response(), "author")).containsExactly("Ada", "Bob", "Cem", "Ada", "Dee", "null");
        assertThat(manager.response().at("/errors").size()).as(manager.response().toString()).isEqualTo(2); // 99, 99
        assertThat(manager.response().at("/errors").toString())
                .contains("[\"reviews\",5,\"product\",\"name\"]", "[\"reviews\",5,\"author\",\"name\"]");
        assertThat(manager.selects()).isEqualTo(Map.of("products", 1, "categories", 1, CRM, 1));
        assertThat(gateway.calls()).isEqualTo(Map.of("weft", 1, "reviews", 1));
    }

    @Test
    void aCompositeKeyIsMergedThroughOr() throws Exception {
        Counted partner = gateway.query(PARTNER_KEY, "{ restocks { id stock { warehouse product_id qty } } }");
        assertThat(values(partner.response(), "/data/restocks", "id")).containsExactly("s1", "s2", "s3", "s4");
        assertThat(partner.response().at("/data/restocks/0/stock").toString())
                .isEqualTo("{\"warehouse\":\"north\",\"product_id\":1,\"qty\":7}");
        assertThat(partner.response().at("/data/restocks/1/stock").isNull()).isTrue(); // south: hidden
        assertThat(partner.response().at("/data/restocks/2/stock/qty").asInt()).isZero();
        assertThat(partner.response().at("/data/restocks/3/stock").isNull()).isTrue(); // no such row
        assertThat(partner.selects()).isEqualTo(Map.of("stock", 1));

        Counted manager = gateway.query(MANAGER_KEY, "{ restocks { stock { qty product { name } } } }");
        assertThat(manager.response().at("/data/restocks/1/stock/qty").asInt()).isEqualTo(2);
        assertThat(manager.response().at("/data/restocks/1/stock/product/name").asString()).isEqualTo("Hammer");
        assertThat(manager.selects()).isEqualTo(Map.of("stock", 1, "products", 1));
        assertThat(gateway.calls()).isEqualTo(Map.of("weft", 1, "reviews", 1));
    }

    @Test
    void twoMergedTypesInOneRequestReachWeftOnce() throws Exception {
        Counted both = gateway.query(PARTNER_KEY, "{ reviews { product { name } } restocks { stock { qty } } }");
        assertThat(products(both.response())).containsExactly("Hammer", "null", "Rake", "null", "Hammer", "null");
        assertThat(both.response().at("/data/restocks/0/stock/qty").asInt()).isEqualTo(7);
        assertThat(both.selects()).isEqualTo(Map.of("products", 1, "stock", 1));
        assertThat(gateway.calls()).isEqualTo(Map.of("weft", 1, "reviews", 1));
    }

    @Test
    void maxBatchSizeSplitsTheKeysOfOneType() throws Exception {
        gateway.calls();
        // five product keys (1, 2, 3, 4, 99) at most two per query: three root lists, in one request to Weft
        Counted manager = gateway.shop.post(gateway.gateway.ready().get(2), MANAGER_KEY, "{ reviews { product { name } } }");
        assertThat(products(manager.response())).containsExactly("Hammer", "Saw", "Rake", "Hose", "Hammer", "null");
        assertThat(manager.selects()).isEqualTo(Map.of("products", 3));
        assertThat(gateway.calls()).isEqualTo(Map.of("weft", 1, "reviews", 1));
    }

    @Test
    void aRequestWithoutAKeyGetsNothingFromWeft() throws Exception {
        Counted anonymous = gateway.query(null, "{ reviews { id product { name } } }");
        assertThat(anonymous.response().at("/data/reviews").size()).isEqualTo(6); // the reviews server has no access control
        assertThat(products(anonymous.response())).containsOnly("null");
        assertThat(anonymous.response().at("/errors/0/extensions/code").asString()).isEqualTo("UNAUTHENTICATED"); // Weft's 401
        assertThat(anonymous.selects()).isEmpty();
    }

    private static List<String> products(JsonNode response) {
        return names(response, "product");
    }
}
