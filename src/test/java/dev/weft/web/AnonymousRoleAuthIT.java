package dev.weft.web;

import static dev.weft.web.ApiKeyAuthIT.assertUnauthenticated;
import static dev.weft.web.SecurityTesting.ANALYST_KEY;
import static dev.weft.web.SecurityTesting.PROJECTS;
import static dev.weft.web.SecurityTesting.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.web.SecurityTesting.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code weft.security.anonymous-role}: a request without credentials acts as that role, with no
 * claims; bad credentials are still 401 (never a fallback to anonymous), good ones keep their role.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SecurityTesting.CallerProbe.class)
class AnonymousRoleAuthIT {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void access(DynamicPropertyRegistry registry) {
        SecurityTesting.accessControl(registry, SecurityTesting.ACCESS_YML);
        registry.add("weft.security.anonymous-role", () -> "viewer");
    }


    @Test
    void noCredentialsActAsTheAnonymousRole() {
        Response response = post(port, PROJECTS);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().at("/data/pm_projects/0/id").asInt()).isEqualTo(1);
        assertThat(response.role()).isEqualTo("viewer");
        assertThat(response.claims().isEmpty()).isTrue();
        assertThat(post(port, PROJECTS, "X-Weft-Role", "viewer").role()).isEqualTo("viewer");
    }

    @Test
    void anotherRoleWithoutCredentialsIs401() {
        assertUnauthenticated(post(port, PROJECTS, "X-Weft-Role", "manager"), "'manager'");
    }

    @Test
    void badCredentialsAreStill401() {
        assertUnauthenticated(post(port, PROJECTS, "X-API-Key", "wrong"), "the API key is not valid");
    }

    @Test
    void goodCredentialsKeepTheirRole() {
        Response response = post(port, PROJECTS, "X-API-Key", ANALYST_KEY);
        assertThat(response.role()).isEqualTo("analyst");
        assertThat(post(port, PROJECTS, "X-API-Key", ANALYST_KEY, "X-Weft-Role", "viewer").status()).isEqualTo(403);
    }
}
