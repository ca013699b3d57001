package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With {@code weft.federation.enabled: false} Weft is no subgraph: the trace header is ignored. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "weft.federation.enabled=false")
class FederatedTracesDisabledIT {
    @LocalServerPort
    int port;

    @Test
    void noTraceWithoutFederation() {
        SecurityTesting.Response traced = SecurityTesting.post(port, "{ hr_employees(limit: 1) { emp_no } }",
                "X-API-Key", "demo-manager-key", "apollo-federation-include-trace", "ftv1");
        assertThat(traced.json().at("/data/hr_employees/0/emp_no").isNumber()).as(traced.text()).isTrue();
        assertThat(traced.json().has("extensions")).as(traced.text()).isFalse();
    }
}
