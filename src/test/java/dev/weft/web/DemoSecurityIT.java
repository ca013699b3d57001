package dev.weft.web;

import static dev.weft.web.ApiKeyAuthIT.assertUnauthenticated;
import static dev.weft.web.SecurityTesting.QUERY;
import static dev.weft.web.SecurityTesting.get;
import static dev.weft.web.SecurityTesting.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.web.SecurityTesting.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The embedded demo with access control on: {@code classpath:demo/access.yml} applies (nothing else is
 * configured), its two documented API keys work, a request without one is 401, and GraphiQL still
 * works out of the box: its page sends the demo manager's key (in Chromium, through
 * {@code src/test/js/graphiql-check.mjs}, as {@link GraphiqlBrowserIT} does for the open demo).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SecurityTesting.CallerProbe.class)
class DemoSecurityIT {

    @LocalServerPort
    int port;

    @Test
    void theDocumentedKeysWork() {
        Response manager = post(port, QUERY, "X-API-Key", "demo-manager-key");
        assertThat(manager.status()).as(manager.text()).isEqualTo(200);
        assertThat(manager.role()).isEqualTo("manager");
        Response analyst = post(port, QUERY, "X-API-Key", "demo-analyst-key");
        assertThat(analyst.status()).as(analyst.text()).isEqualTo(200);
        assertThat(analyst.role()).isEqualTo("analyst");
        assertThat(analyst.claims().get("gender").asString()).isEqualTo("F");
        assertThat(post(port, QUERY, "X-API-Key", "demo-analyst-key", "X-Weft-Role", "manager").status()).isEqualTo(403);
    }

    @Test
    void withoutAKeyItIs401() {
        assertUnauthenticated(post(port, QUERY), "authentication required");
    }

    @Test
    void graphiqlOpensWithTheManagersKey() {
        Response page = get(port, "/graphiql");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("id=\"weft-default-headers\">\"{\\\"X-API-Key\\\": \\\"demo-manager-key\\\"}\"</script>");
    }

    @Test
    void graphiqlRunsItsDefaultQueryInABrowser() {
        GraphiqlBrowserIT.NodeScript.requireChromium();
        GraphiqlBrowserIT.NodeScript.run("graphiql-check.mjs", "http://127.0.0.1:" + port);
    }
}
