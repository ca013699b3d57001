package dev.weft.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Audits {@code /graphql} of the embedded demo against the GraphQL-over-HTTP specification with
 * graphql-http's {@code auditServer}, through {@code src/test/js/http-audit.mjs}: every MUST has
 * to pass; SHOULD and MAY results that do not are printed (warn, notice) but allowed.
 *
 * <p>Fails, never skips, when node or {@code src/test/js/node_modules} is missing;
 * {@code src/test/js/README.md} says how to install them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GraphqlHttpAuditIT {

    @LocalServerPort
    int port;

    @Test
    void graphqlEndpointPassesEveryMustOfGraphqlOverHttp() {
        GraphiqlBrowserIT.NodeScript.run("http-audit.mjs", "http://127.0.0.1:" + port + "/graphql");
    }
}
