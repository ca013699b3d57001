package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.EnvironmentStart;
import dev.weft.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * On a configuration of one's own (not the demo), GraphiQL opens with a query generated from the schema it
 * serves, and that query runs: the test reads it from the page over HTTP and posts it to {@code /graphql}.
 */
class GraphiqlDefaultQueryIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DEFAULT_QUERY = Pattern.compile("id=\"weft-default-query\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void theGeneratedQueryRunsOnTheServedSchema() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            db.execute("CREATE TABLE authors (id INT PRIMARY KEY, name TEXT NOT NULL)",
                    "CREATE TABLE books (id INT PRIMARY KEY, title TEXT NOT NULL, author_id INT NOT NULL REFERENCES authors(id))",
                    "INSERT INTO authors VALUES (1, 'Le Guin'), (2, 'Lem')",
                    "INSERT INTO books VALUES (1, 'The Dispossessed', 1), (2, 'Solaris', 2), (3, 'Lathe of Heaven', 1)");
            Path relationships = Files.writeString(dir.resolve("relationships.yml"), "relationships: []\n");
            Map<String, String> env = Map.of("WEFT_SERVICES_LIBRARY_KIND", "postgres", "WEFT_SERVICES_LIBRARY_URL", db.url("postgres"),
                    "WEFT_SERVICES_LIBRARY_USERNAME", "postgres", "WEFT_RELATIONSHIPS", relationships.toString());
            try (ConfigurableApplicationContext weft = EnvironmentStart.run(env)) {
                int port = EnvironmentStart.port(weft);
                HttpClient http = HttpClient.newHttpClient();
                String page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphiql")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = DEFAULT_QUERY.matcher(page);
                assertThat(m.find()).as(page).isTrue();
                String query = JSON.readTree(m.group(1)).asString();
                System.out.println("[GraphiqlDefaultQueryIT] GraphiQL opens with:\n" + query);
                assertThat(query).contains("query Example", "library_").doesNotContain("hr_employees");

                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode body = JSON.readTree(response.body());
                assertThat(body.has("errors")).as(response.body()).isFalse();
                JsonNode rows = body.at("/data").iterator().next();
                assertThat(rows.size()).isPositive();
                assertThat(rows.get(0).valueStream().anyMatch(JsonNode::isContainer)).as("one relationship: %s", rows).isTrue();
            }
        }
    }
}
