package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import mdg.engine.proto.Reports;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Apollo's federated tracing over HTTP on the embedded demo: with {@code apollo-federation-include-trace: ftv1} the
 * answer carries {@code extensions.ftv1}, a protobuf {@code Trace} with a node per field (the request ran field by
 * field), the data the same as without the header; without it, no extensions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FederatedTracesIT {
    private static final String KEY = "demo-manager-key";
    private static final String QUERY = "{ hr_employees(limit: 2, order_by: [{emp_no: asc}]) { emp_no first_name } }";

    @LocalServerPort
    int port;

    @Test
    void aTraceWithANodePerFieldWhenTheGatewayAsksForIt() throws Exception {
        SecurityTesting.Response plain = SecurityTesting.post(port, QUERY, "X-API-Key", KEY);
        SecurityTesting.Response traced = SecurityTesting.post(port, QUERY, "X-API-Key", KEY,
                "apollo-federation-include-trace", "ftv1");
        assertThat(plain.json().has("extensions")).as(plain.text()).isFalse();
        assertThat(traced.json().get("data")).as(traced.text()).isEqualTo(plain.json().get("data"));
        JsonNode ftv1 = traced.json().at("/extensions/ftv1");
        assertThat(ftv1.isString()).as(traced.text()).isTrue();

        Reports.Trace trace = Reports.Trace.parseFrom(Base64.getDecoder().decode(ftv1.asString()));
        assertThat(trace.getDurationNs()).isPositive();
        assertThat(trace.getStartTime().getSeconds()).isPositive();
        Reports.Trace.Node list = trace.getRoot().getChildList().stream()
                .filter(n -> n.getResponseName().equals("hr_employees")).findFirst().orElseThrow();
        assertThat(list.getType()).isEqualTo("[HrEmployees!]");
        assertThat(list.getChildCount()).isEqualTo(2); // one node per row (its index), each with its fields
        assertThat(list.getChild(0).getChildList()).extracting(Reports.Trace.Node::getResponseName)
                .containsExactlyInAnyOrder("emp_no", "first_name");
    }
}
