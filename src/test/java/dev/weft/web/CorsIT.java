package dev.weft.web;

import static dev.weft.web.SecurityTesting.MANAGER_KEY;
import static dev.weft.web.SecurityTesting.QUERY;
import static dev.weft.web.SecurityTesting.options;
import static dev.weft.web.SecurityTesting.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.web.SecurityTesting.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * CORS from {@code spring.graphql.cors.*} with access control on, over HTTP: a browser's preflight is
 * answered without credentials for an allowed origin (and refused for another), and the request that
 * follows is still authenticated: 401 without a key, 200 with one, both with the CORS headers the
 * browser needs to read them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.graphql.cors.allowed-origins=https://app.example",
        "spring.graphql.cors.allowed-methods=GET,POST",
        "spring.graphql.cors.allowed-headers=Content-Type,X-API-Key,Authorization",
        "spring.graphql.cors.max-age=10m"})
class CorsIT {
    private static final String ORIGIN = "https://app.example";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void access(DynamicPropertyRegistry registry) {
        SecurityTesting.accessControl(registry, SecurityTesting.ACCESS_YML);
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithoutCredentials() {
        Response preflight = options(port, "/graphql", "Origin", ORIGIN, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type,x-api-key");
        assertThat(preflight.status()).as(preflight.text()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("POST"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                headers -> assertThat(headers.toLowerCase()).contains("x-api-key", "content-type"));
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("600");

        Response schema = options(port, "/graphql/schema", "Origin", ORIGIN, "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "x-api-key");
        assertThat(schema.status()).isEqualTo(200);
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        Response preflight = options(port, "/graphql", "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-api-key");
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theRequestAfterThePreflightIsStillAuthenticated() {
        Response anonymous = post(port, QUERY, "Origin", ORIGIN);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);

        Response manager = post(port, QUERY, "Origin", ORIGIN, "X-API-Key", MANAGER_KEY);
        assertThat(manager.status()).as(manager.text()).isEqualTo(200);
        assertThat(manager.json().at("/data/hr_employees/0/emp_no").asInt()).isEqualTo(10001);
        assertThat(manager.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
    }
}
