package dev.weft.web;

import static dev.weft.web.SecurityTesting.ANALYST_KEY;
import static dev.weft.web.SecurityTesting.JSON;
import static dev.weft.web.SecurityTesting.MANAGER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.apq.PersistedQueries;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import dev.weft.testing.NodeServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Apollo's automatic persisted queries over HTTP, with access control on (roles analyst, manager, viewer over the
 * embedded demo): an unknown hash, registering and then sending the hash alone (POST and GET), a hash that does
 * not match its query, and a text registered by one role sent by hash by a role whose schema lacks its fields.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PersistedQueriesIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void access(DynamicPropertyRegistry registry) {
        SecurityTesting.accessControl(registry, SecurityTesting.ACCESS_YML);
    }

    record Reply(int status, JsonNode json) {
        String code() {
            return json.at("/errors/0/extensions/code").asString();
        }

        String message() {
            return json.at("/errors/0/message").asString();
        }
    }

    @Test
    void anUnknownHashIsNotFoundWithStatus200() {
        Reply reply = post(MANAGER_KEY, null, PersistedQueries.sha256("{ pm_projects(limit: 1) { id name } }"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.message()).isEqualTo("PersistedQueryNotFound");
        assertThat(reply.code()).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        assertThat(reply.json().has("data")).isFalse();
    }

    @Test
    void aRegisteredQueryRunsByItsHashAlone() {
        String query = "{ pm_projects(limit: 2, order_by: [{id: asc}]) { id } }";
        String hash = PersistedQueries.sha256(query);
        assertThat(post(MANAGER_KEY, null, hash).code()).isEqualTo("PERSISTED_QUERY_NOT_FOUND");

        Reply registered = post(MANAGER_KEY, query, hash);
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.json().at("/data/pm_projects/1/id").asInt()).isEqualTo(2);

        Reply byHash = post(MANAGER_KEY, null, hash);
        assertThat(byHash.status()).isEqualTo(200);
        assertThat(byHash.json().get("errors")).isNull();
        assertThat(byHash.json().get("data")).isEqualTo(registered.json().get("data"));
        // Apollo clients send hashes in lowercase; any case names the same text
        assertThat(post(MANAGER_KEY, null, hash.toUpperCase()).json().get("data")).isEqualTo(registered.json().get("data"));
    }

    @Test
    void aHashThatDoesNotMatchItsQueryIsRefusedAndNotStored() {
        String query = "{ pm_projects(limit: 3) { id } }";
        String otherHash = PersistedQueries.sha256("{ pm_projects(limit: 4) { id } }");
        Reply reply = post(MANAGER_KEY, query, otherHash);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.message()).isEqualTo("provided sha does not match query");
        assertThat(reply.code()).isEqualTo("BAD_REQUEST");
        assertThat(post(MANAGER_KEY, null, otherHash).code()).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
    }

    @Test
    void anotherVersionIsRefused() {
        Map<String, Object> body = Map.of("extensions",
                Map.of("persistedQuery", Map.of("version", 2, "sha256Hash", PersistedQueries.sha256("{ x }"))));
        Reply reply = send(HttpRequest.newBuilder(uri("/graphql")).header("Content-Type", "application/json")
                .header("X-API-Key", MANAGER_KEY).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.message()).isEqualTo("Unsupported persisted query version");
    }

    @Test
    void getModeRegistersAndRunsByHash() {
        String query = "query Projects($n: Int) { pm_projects(limit: $n, order_by: [{id: asc}]) { id } }";
        String hash = PersistedQueries.sha256(query);
        assertThat(get(MANAGER_KEY, null, hash, "{\"n\":1}").code()).isEqualTo("PERSISTED_QUERY_NOT_FOUND");

        Reply registered = get(MANAGER_KEY, query, hash, "{\"n\":1}");
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.json().at("/data/pm_projects/0/id").asInt()).isEqualTo(1);

        Reply byHash = get(MANAGER_KEY, null, hash, "{\"n\":3}");
        assertThat(byHash.status()).isEqualTo(200);
        assertThat(byHash.json().at("/data/pm_projects").size()).isEqualTo(3);
        // a text registered over GET runs by hash over POST too
        assertThat(post(MANAGER_KEY, null, hash).json().get("errors")).isNull();
    }

    @Test
    void aStoredMutationIsStillRefusedOverGet() {
        String mutation = "mutation { delete_pm_projects(where: {id: {_eq: -1}}) { affected_rows } }";
        String hash = PersistedQueries.sha256(mutation);
        post(MANAGER_KEY, mutation, hash); // registered over POST, whatever it answers
        assertThat(get(MANAGER_KEY, null, hash, null).status()).isEqualTo(405);
    }

    @Test
    void aTextRegisteredByOneRoleIsValidatedAgainstTheSchemaOfTheRoleThatSendsItsHash() {
        String query = "{ pm_projects(limit: 1, order_by: [{id: asc}]) { id } }";
        String hash = PersistedQueries.sha256(query);
        assertThat(post(MANAGER_KEY, query, hash).json().at("/data/pm_projects/0/id").asInt()).isEqualTo(1);

        Reply analyst = post(ANALYST_KEY, null, hash); // the analyst's schema has no pm_projects
        assertThat(analyst.status()).isEqualTo(200);
        assertThat(analyst.json().get("data")).isNull();
        assertThat(analyst.code()).isEqualTo("GRAPHQL_VALIDATION_FAILED");
        assertThat(analyst.message()).contains("pm_projects");
        // and the manager still gets its data
        assertThat(post(MANAGER_KEY, null, hash).json().at("/data/pm_projects/0/id").asInt()).isEqualTo(1);
    }

    @Test
    void anUnauthenticatedHashIsRefusedBeforeTheStoreIsAsked() {
        Reply reply = post(null, null, PersistedQueries.sha256("{ pm_projects { id } }"));
        assertThat(reply.status()).isEqualTo(401);
    }

    /**
     * Apollo Client 3's {@code createPersistedQueryLink} ({@code src/test/js/apq-client.mjs}): the first request of a
     * query sends its hash alone, hears PERSISTED_QUERY_NOT_FOUND and sends it again with the text; the next one is
     * served by hash; the same with {@code useGETForHashedQueries}, whose hashed requests are GETs.
     */
    @Test
    void apolloClientsPersistedQueryLinkWorksOnPostAndGet() throws InterruptedException {
        try (NodeServer client = NodeServer.start("apq-client.mjs", List.of("@apollo/client"),
                "http://127.0.0.1:" + port + "/graphql", MANAGER_KEY)) {
            assertThat(client.awaitExit(Duration.ofSeconds(60))).as(client.output()).isZero();
            String line = client.output().lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
            JsonNode result = JSON.readTree(line.substring("RESULT ".length()));
            assertThat(result.get("post").toString()).isEqualTo("""
                    [{"method":"POST","query":false,"status":200,"code":"PERSISTED_QUERY_NOT_FOUND"},\
                    {"method":"POST","query":true,"status":200,"code":null},\
                    {"method":"POST","query":false,"status":200,"code":null}]""");
            assertThat(result.get("get").toString()).isEqualTo("""
                    [{"method":"GET","query":false,"status":200,"code":"PERSISTED_QUERY_NOT_FOUND"},\
                    {"method":"POST","query":true,"status":200,"code":null},\
                    {"method":"GET","query":false,"status":200,"code":null}]""");
            assertThat(result.at("/data/0/pm_projects/1/id").asInt()).isEqualTo(2);
            assertThat(result.at("/data/1")).isEqualTo(result.at("/data/0"));
            assertThat(result.at("/data/2/pm_projects_by_pk/id").asInt()).isEqualTo(1);
            assertThat(result.at("/data/3/pm_projects_by_pk/id").asInt()).isEqualTo(2);
        }
    }

    private Reply post(String apiKey, String query, String hash) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (query != null) {
            body.put("query", query);
        }
        body.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/graphql")).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return send(request);
    }

    /** As apollo-link's GET mode sends it: extensions and variables as JSON in the query string. */
    private Reply get(String apiKey, String query, String hash, String variables) {
        StringBuilder path = new StringBuilder("/graphql?extensions=").append(encode(
                "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}"));
        if (query != null) {
            path.append("&query=").append(encode(query));
        }
        if (variables != null) {
            path.append("&variables=").append(encode(variables));
        }
        return send(HttpRequest.newBuilder(uri(path.toString())).header("Accept", "application/json")
                .header("X-API-Key", apiKey).GET());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
