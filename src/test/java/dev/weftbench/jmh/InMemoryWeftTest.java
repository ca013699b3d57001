package dev.weftbench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The JMH benchmark's engine answers run.sh's queries as Weft over the databases would, so it measures real work. */
class InMemoryWeftTest {
    private static InMemoryWeft weft;

    @BeforeAll
    static void start() {
        weft = new InMemoryWeft(10_000, 100_000);
    }

    @AfterAll
    static void stop() {
        weft.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void crossAnswersTheFirstCustomersWithTheirOrdersInOrder() {
        Map<String, Object> data = (Map<String, Object>) weft.execute(InMemoryWeft.CROSS).toSpecification().get("data");
        List<Map<String, Object>> customers = (List<Map<String, Object>>) data.get("crm_customers");
        assertThat(customers).hasSize(100);
        assertThat(customers.stream().mapToInt(c -> ((List<?>) c.get("orders")).size()).sum()).isEqualTo(1_000);
        String json = JsonMapper.builder().build().writeValueAsString(customers.get(0));
        assertThat(json).startsWith("{\"id\":1,\"name\":\"Customer 1\",\"email\":\"c1@example.com\",\"orders\":"
                + "[{\"id\":10000,\"total\":").contains("\"created_at\":\"2024-01-07T22:40:00\",\"status\":\"paid\"}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void flatAnswersTheFirstOrdersWithFiveColumns() {
        Map<String, Object> data = (Map<String, Object>) weft.execute(InMemoryWeft.flat(10_000)).toSpecification().get("data");
        List<Map<String, Object>> orders = (List<Map<String, Object>>) data.get("shop_orders");
        assertThat(orders).hasSize(10_000);
        assertThat(orders.get(9_999).keySet()).containsExactly("id", "customer_id", "total", "created_at", "status");
        assertThat(orders.get(9_999).get("id")).isEqualTo(10_000L);
    }

    @Test
    void aConditionTheSourceCannotAnswerFailsTheBenchmarkInsteadOfMeasuringAnError() {
        assertThatThrownBy(() -> weft.execute("{ shop_orders(where: {id: {_eq: 1}}) { id } }"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the query failed");
    }
}
