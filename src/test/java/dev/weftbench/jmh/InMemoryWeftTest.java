package dev.weftbench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.execute.Row;
import dev.weft.execute.sourcejson.SourceJsonList;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The JMH benchmark's engine answers run.sh's queries as Weft over the databases would, so it measures real work. */
class InMemoryWeftTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static InMemoryWeft weft;
    private static InMemoryWeft sourceJson;

    @BeforeAll
    static void start() {
        weft = new InMemoryWeft(10_000, 100_000);
        sourceJson = new InMemoryWeft(10_000, 100_000, true);
    }

    @AfterAll
    static void stop() {
        weft.close();
        sourceJson.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void crossAnswersTheFirstCustomersWithTheirOrdersInOrder() {
        Map<String, Object> data = (Map<String, Object>) weft.execute(InMemoryWeft.CROSS).toSpecification().get("data");
        List<Map<String, Object>> customers = (List<Map<String, Object>>) data.get("crm_customers");
        assertThat(customers).hasSize(100);
        assertThat(customers.stream().mapToInt(c -> ((List<?>) c.get("orders")).size()).sum()).isEqualTo(1_000);
        String json = JSON.writeValueAsString(customers.get(0));
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

    @ParameterizedTest
    @ValueSource(strings = {"cross", "flat10k"})
    void theSourceJsonVariantWritesTheSameBytesAsTheRowVariant(String response) {
        String query = response.equals("cross") ? InMemoryWeft.CROSS : InMemoryWeft.flat(10_000);
        byte[] rows = JSON.writeValueAsBytes(weft.execute(query).toSpecification());
        byte[] json = JSON.writeValueAsBytes(sourceJson.execute(query).toSpecification());
        assertThat(rows.length).isGreaterThan(80_000);
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(new String(rows, StandardCharsets.UTF_8));
        assertThat(json).isEqualTo(rows);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSourceJsonVariantBuildsTheOrdersOfCrossFromTheSourcesJsonAndTheRowVariantDoesNot() {
        List<Map<String, Object>> customers = (List<Map<String, Object>>) ((Map<String, Object>) sourceJson
                .execute(InMemoryWeft.CROSS).getData()).get("crm_customers");
        assertThat(customers).hasSize(100).isNotInstanceOf(SourceJsonList.class); // orders below: rows
        assertThat(customers).allSatisfy(c -> assertThat(c.get("orders")).isInstanceOf(SourceJsonList.class));
        assertThat(customers.stream().mapToInt(c -> ((List<?>) c.get("orders")).size()).sum()).isEqualTo(1_000);
        List<Map<String, Object>> rowCustomers = (List<Map<String, Object>>) ((Map<String, Object>) weft
                .execute(InMemoryWeft.CROSS).getData()).get("crm_customers");
        assertThat(rowCustomers).noneSatisfy(c -> assertThat(c.get("orders")).isInstanceOf(SourceJsonList.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSourceJsonVariantBuildsTheFlatListFromTheSourcesJsonAndTheRowVariantDoesNot() {
        Object orders = ((Map<String, Object>) sourceJson.execute(InMemoryWeft.flat(10_000)).getData()).get("shop_orders");
        assertThat(orders).isInstanceOf(SourceJsonList.class);
        assertThat((List<?>) orders).hasSize(10_000);
        assertThat(((Map<String, Object>) weft.execute(InMemoryWeft.flat(10_000)).getData()).get("shop_orders"))
                .isNotInstanceOf(SourceJsonList.class);
    }

    @Test
    void theSourcesJsonIsTheTextPostgresqlPrints() {
        var row = Row.factory(List.of("id", "total", "created_at", "status"));
        byte[] json = PostgresJsonText.of(List.of(
                row.apply(List.of(10L, new BigDecimal("147.10"), LocalDateTime.of(2024, 1, 7, 22, 40), "paid")),
                row.apply(Arrays.asList(11L, null, LocalDateTime.of(2024, 1, 7, 22, 41, 5, 120_000_000), "a\"b\\\n\u0001é"))),
                List.of("id", "total", "created_at", "status"));
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("[[10, 147.10, \"2024-01-07T22:40:00\", \"paid\"], "
                + "[11, null, \"2024-01-07T22:41:05.12\", \"a\\\"b\\\\\\n\\u0001é\"]]");
        assertThat(PostgresJsonText.of(List.of(), List.of("id"))).isEqualTo("[]".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aConditionTheSourceCannotAnswerFailsTheBenchmarkInsteadOfMeasuringAnError() {
        assertThatThrownBy(() -> weft.execute("{ shop_orders(where: {id: {_eq: 1}}) { id } }"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the query failed");
    }
}
