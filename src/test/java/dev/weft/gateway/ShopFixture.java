package dev.weft.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.security.ApiKey;
import dev.weft.testing.ServerStatements;
import dev.weft.testing.TestDatabase;
import dev.weft.testing.WeftProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Weft as the gateway tests run it: a PostgreSQL database {@code shop} (categories, products, and stock with a
 * composite key), started in a JVM of its own ({@link WeftProcess}) with an access.yml of two API keys, and the
 * database's statement log switched on so that each request's statements are counted at the server.
 *
 * <ul>
 *   <li>{@link #MANAGER_KEY}, role {@code manager}: every row;</li>
 *   <li>{@link #PARTNER_KEY}, role {@code partner} with the claim {@code region: eu}: the products of its region
 *       (1, 3, 5; not 2 and 4) and the stock of warehouse {@code north} only.</li>
 * </ul>
 */
final class ShopFixture implements AutoCloseable {
    static final String MANAGER_KEY = "gateway-manager-key-0001";
    static final String PARTNER_KEY = "gateway-partner-key-0002";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final TestDatabase db;
    final WeftProcess weft;
    final ServerStatements.PostgresLog log;

    private ShopFixture(TestDatabase db, WeftProcess weft, ServerStatements.PostgresLog log) {
        this.db = db;
        this.weft = weft;
        this.log = log;
    }

    /** Creates and seeds the database, then starts Weft over it (federation settings in {@code extraYml}). */
    static ShopFixture start(Path dir, String extraYml) throws Exception {
        TestDatabase db = TestDatabase.postgres();
        try {
            db.execute(
                    "CREATE TABLE categories (id INT PRIMARY KEY, name TEXT NOT NULL)",
                    "CREATE TABLE products (id INT PRIMARY KEY, name TEXT NOT NULL, price NUMERIC(10, 2) NOT NULL,"
                            + " region TEXT NOT NULL, category_id INT NOT NULL REFERENCES categories (id))",
                    "CREATE TABLE stock (warehouse TEXT NOT NULL, product_id INT NOT NULL REFERENCES products (id),"
                            + " qty INT NOT NULL, PRIMARY KEY (warehouse, product_id))",
                    "INSERT INTO categories VALUES (1, 'Tools'), (2, 'Garden')",
                    "INSERT INTO products VALUES (1, 'Hammer', 12.50, 'eu', 1), (2, 'Saw', 20.00, 'us', 1),"
                            + " (3, 'Rake', 9.90, 'eu', 2), (4, 'Hose', 15.00, 'us', 2), (5, 'Drill', 89.00, 'eu', 1)",
                    "INSERT INTO stock VALUES ('north', 1, 7), ('south', 1, 2), ('north', 3, 0), ('south', 4, 9)");
            ServerStatements.PostgresLog log = ServerStatements.PostgresLog.enable(db);
            Files.writeString(dir.resolve("relationships.yml"), "relationships: []\n");
            Files.writeString(dir.resolve("access.yml"), """
                    api-keys:
                      - name: manager
                        key-sha256: %s
                        role: manager
                      - name: partner
                        key-sha256: %s
                        role: partner
                        claims: { region: "eu" }
                    roles:
                      manager:
                        shop.categories:
                        shop.products:
                        shop.stock:
                      partner:
                        shop.categories:
                        shop.products:
                          select:
                            filter: { region: { _eq: "@claims.region" } }
                        shop.stock:
                          select:
                            filter: { warehouse: { _eq: "north" } }
                    """.formatted(ApiKey.sha256Hex(MANAGER_KEY), ApiKey.sha256Hex(PARTNER_KEY)));
            Path yml = Files.writeString(dir.resolve("weft.yml"), """
                    weft:
                      relationships: %s
                      security:
                        access: %s
                      services:
                        shop: { kind: postgres, url: "%s", username: "%s", password: "%s" }
                    %s""".formatted(dir.resolve("relationships.yml"), dir.resolve("access.yml"), db.url("postgres"),
                    db.server().endpoint().user(), java.util.Objects.toString(db.server().endpoint().password(), ""), extraYml));
            WeftProcess weft = WeftProcess.start(yml, dir, "-Xmx256m");
            weft.awaitServing(Duration.ofMinutes(3));
            return new ShopFixture(db, weft, log);
        } catch (Exception | Error e) {
            db.close();
            throw e;
        }
    }

    /**
     * POSTs {@code query} to a GraphQL endpoint with an API key and returns the response (HTTP 200 asserted),
     * with the SELECT statements the shop database ran for it, per table.
     */
    Counted post(String url, String apiKey, String query) throws Exception {
        long from = log.position();
        JsonNode response = post(url, apiKey, query, Map.of());
        return new Counted(response, ServerStatements.perTable(log.selectsSince(from)));
    }

    static JsonNode post(String url, String apiKey, String query, Map<String, Object> variables)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query, "variables", variables))));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s for %s: %s", url, query, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", url, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The values of {@code field} of the objects at {@code pointer} (a JSON array), as text; "null" for a null object. */
    static List<String> values(JsonNode response, String pointer, String field) {
        return response.at(pointer).valueStream().map(n -> n.isNull() ? "null" : n.get(field).asString()).toList();
    }

    /** A response and the statements the database ran for it, per table. */
    record Counted(JsonNode response, Map<String, Integer> selects) {
    }

    @Override
    public void close() throws InterruptedException {
        try {
            weft.close();
        } finally {
            db.close();
        }
    }
}
