package dev.weft.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ServiceProperties;
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
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Weft as the gateway tests run it: a PostgreSQL database {@code shop} (categories, products, and stock with a
 * composite key) and, if asked, a MariaDB database {@code crm} (customers), served by Weft started in a JVM of
 * its own ({@link WeftProcess}) with an access.yml of two API keys. Statements are counted at the servers:
 * PostgreSQL's statement log for the database, and the SELECT counter of the MariaDB user Weft connects as.
 *
 * <ul>
 *   <li>{@link #MANAGER_KEY}, role {@code manager}: every row;</li>
 *   <li>{@link #PARTNER_KEY}, role {@code partner} with the claim {@code region: eu}: the products and customers
 *       of its region (products 1, 3, 5; customers 1, 3), and the stock of warehouse {@code north} only.</li>
 * </ul>
 */
final class ShopFixture implements AutoCloseable {
    static final String MANAGER_KEY = "gateway-manager-key-0001";
    static final String PARTNER_KEY = "gateway-partner-key-0002";
    /** The key of {@link Counted#selects()} for MariaDB, which counts per user, not per table. */
    static final String CRM = "crm (MariaDB)";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final TestDatabase db;
    final WeftProcess weft;
    final ServerStatements.PostgresLog log;
    private final Crm crm;

    private ShopFixture(TestDatabase db, WeftProcess weft, ServerStatements.PostgresLog log, Crm crm) {
        this.db = db;
        this.weft = weft;
        this.log = log;
        this.crm = crm;
    }

    /** The MariaDB database and the user Weft reads it as. */
    private record Crm(TestDatabase db, ServerStatements.MariadbUser user) implements AutoCloseable {
        static Crm create() {
            TestDatabase db = TestDatabase.mariadb();
            try {
                db.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, region VARCHAR(8) NOT NULL)",
                        "INSERT INTO customers VALUES (1, 'Ada', 'eu'), (2, 'Bob', 'us'), (3, 'Cem', 'eu'), (4, 'Dee', 'us')");
                return new Crm(db, ServerStatements.MariadbUser.create(db));
            } catch (RuntimeException | Error e) {
                db.close();
                throw e;
            }
        }

        String service() {
            ServiceProperties p = user.properties(db, null);
            return "    crm: { kind: mariadb, url: \"%s\", username: \"%s\", password: \"%s\" }\n"
                    .formatted(p.url(), p.username(), p.password());
        }

        @Override
        public void close() {
            try {
                user.close();
            } finally {
                db.close();
            }
        }
    }

    /** Creates and seeds the database(s), then starts Weft over them ({@code extraYml}: more of weft.yml). */
    static ShopFixture start(Path dir, String extraYml, boolean withCrm) throws Exception {
        TestDatabase db = TestDatabase.postgres();
        Crm crm = null;
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
            crm = withCrm ? Crm.create() : null;
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
                    %s  partner:
                        shop.categories:
                        shop.products:
                          select:
                            filter: { region: { _eq: "@claims.region" } }
                        shop.stock:
                          select:
                            filter: { warehouse: { _eq: "north" } }
                    %s""".formatted(ApiKey.sha256Hex(MANAGER_KEY), ApiKey.sha256Hex(PARTNER_KEY),
                    crm == null ? "" : "    crm.customers:\n",
                    crm == null ? "" : "    crm.customers:\n      select:\n        filter: { region: { _eq: \"@claims.region\" } }\n"));
            Path yml = Files.writeString(dir.resolve("weft.yml"), """
                    weft:
                      relationships: %s
                      security:
                        access: %s
                      services:
                        shop: { kind: postgres, url: "%s", username: "%s", password: "%s" }
                    %s%s""".formatted(dir.resolve("relationships.yml"), dir.resolve("access.yml"), db.url("postgres"),
                    db.server().endpoint().user(), Objects.toString(db.server().endpoint().password(), ""),
                    crm == null ? "" : crm.service(), extraYml));
            WeftProcess weft = WeftProcess.start(yml, dir, "-Xmx256m");
            weft.awaitServing(Duration.ofMinutes(3));
            return new ShopFixture(db, weft, log, crm);
        } catch (Exception | Error e) {
            try (Crm closing = crm) {
                db.close();
            }
            throw e;
        }
    }

    /**
     * POSTs {@code query} to a GraphQL endpoint with an API key and returns the response (HTTP 200 asserted),
     * with the SELECT statements the databases ran for it.
     */
    Counted post(String url, String apiKey, String query) throws Exception {
        long from = log.position();
        long crmBefore = crm == null ? 0 : crm.user().selects();
        JsonNode response = post(url, apiKey, query, Map.of());
        Map<String, Integer> selects = new TreeMap<>(ServerStatements.perTable(log.selectsSince(from)));
        long crmSelects = crm == null ? 0 : crm.user().selectsSince(crmBefore);
        if (crmSelects > 0) {
            selects.put(CRM, (int) crmSelects);
        }
        return new Counted(response, selects);
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

    /**
     * A response and the statements the databases ran for it: PostgreSQL's per table, MariaDB's (counted per user,
     * not per table) under {@link #CRM}.
     */
    record Counted(JsonNode response, Map<String, Integer> selects) {
    }

    @Override
    public void close() throws InterruptedException {
        try {
            weft.close();
        } finally {
            try (Crm closing = crm) {
                db.close();
            }
        }
    }
}
