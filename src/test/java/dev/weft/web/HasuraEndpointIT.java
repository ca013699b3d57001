package dev.weft.web;

import static dev.weft.web.SecurityTesting.ANALYST_KEY;
import static dev.weft.web.SecurityTesting.get;
import static dev.weft.web.SecurityTesting.postTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.web.SecurityTesting.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /v1/graphql} (Hasura's path) is the GraphQL endpoint, POST and GET, with {@code /graphql}'s authentication,
 * over the embedded demo in Hasura's naming ({@code weft.naming: hasura}) with API keys.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SecurityTesting.CallerProbe.class)
class HasuraEndpointIT {
    private static final String QUERY = "fragment E on employees { emp_no } "
            + "query($o: [employees_order_by!]) { employees(limit: 2, order_by: $o) { ...E } }";
    private static final String BODY_VARIABLES = "{\"o\": [{\"emp_no\": \"asc\"}]}";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void access(DynamicPropertyRegistry registry) {
        SecurityTesting.accessControl(registry, SecurityTesting.ACCESS_YML);
        registry.add("weft.naming", () -> "hasura");
    }

    @Test
    void postToV1GraphqlAnswersAsGraphqlDoes() {
        String query = "{ employees(limit: 2, order_by: [{emp_no: asc}]) { emp_no } __typename }";
        Response hasura = postTo(port, "/v1/graphql", query, "X-API-Key", ANALYST_KEY);
        Response weft = postTo(port, "/graphql", query, "X-API-Key", ANALYST_KEY);
        assertThat(hasura.status()).as(hasura.text()).isEqualTo(200);
        assertThat(hasura.json().at("/data/employees/0/emp_no").asInt()).as(hasura.text()).isEqualTo(10001);
        assertThat(hasura.json().at("/data/__typename").asString()).isEqualTo("query_root");
        assertThat(hasura.json().get("data")).isEqualTo(weft.json().get("data"));
        assertThat(hasura.role()).isEqualTo("analyst");
    }

    @Test
    void getOnV1GraphqlTakesVariables() {
        Response response = get(port, "/v1/graphql?query=" + encode(QUERY) + "&variables=" + encode(BODY_VARIABLES),
                "X-API-Key", ANALYST_KEY, "Accept", "application/json");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().at("/data/employees/1/emp_no").asInt()).as(response.text()).isEqualTo(10008); // the analyst sees gender F
    }

    @Test
    void v1GraphqlNeedsTheSameCredentials() {
        assertThat(postTo(port, "/v1/graphql", "{ __typename }").status()).isEqualTo(401);
        assertThat(postTo(port, "/v1/graphql", "{ __typename }", "X-API-Key", "not-a-key").status()).isEqualTo(401);
        assertThat(get(port, "/v1/graphql?query=" + encode("{ __typename }")).status()).isEqualTo(401);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
