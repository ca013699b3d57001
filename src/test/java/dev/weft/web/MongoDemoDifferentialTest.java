package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The embedded demo's MongoDB service ({@code events}, an in-process mongo-java-server reached through the
 * real driver over TCP): its queries give the same data and errors through the direct executor and through
 * graphql-java's field-by-field execution, nested documents and arrays included, and the relationships to
 * the H2 employees work both ways; {@code distinct_on} (kept in memory on MongoDB) and ordering H2 rows by the
 * count of their MongoDB documents match what the plain ordered lists give.
 */
class MongoDemoDifferentialTest {
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    private static WeftRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = DemoRuntime.start();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static List<Object[]> queries() {
        return List.of(
                q("{ events_clicks(order_by: [{at: asc}], limit: 5) { _id emp_no at page duration_ms tags "
                        + "payload { browser os screen { w h __typename } __typename } __typename } }"),
                q("{ events_clicks(where: {payload: {browser: {_eq: \"Chrome\"}}}, order_by: [{_id: desc}]) { _id payload { browser } } }"),
                q("{ events_clicks(where: {payload: {screen: {w: {_gte: 1920}}}, tags: {_eq: \"campaign\"}}, order_by: [{_id: asc}]) { _id tags } }"),
                q("{ events_clicks(order_by: [{payload: {browser: asc}}, {emp_no: desc_nulls_last}, {_id: asc}]) { _id emp_no payload { browser } } }"),
                q("{ events_clicks(where: {_not: {emp_no: {_eq: 10001}}}, order_by: [{emp_no: asc}, {_id: asc}]) { _id emp_no } }"),
                q("{ events_clicks(where: {page: {_like: \"/products%\"}}, order_by: [{_id: asc}], offset: 1, limit: 2) { _id page } }"),
                q("{ events_clicks_by_pk(_id: \"6650a1c2e4b0a1b2c3d40003\") { _id page employee { emp_no last_name } } "
                        + "missing: events_clicks_by_pk(_id: \"6650a1c2e4b0a1b2c3d4ffff\") { _id } }"),
                q("{ events_clicks_aggregate(where: {emp_no: {_is_null: false}}) { aggregate { count sum { duration_ms emp_no } "
                        + "avg { duration_ms } min { at page _id } max { at duration_ms } } nodes { _id } } }"),
                q("{ hr_employees(order_by: [{emp_no: asc}], limit: 6) { emp_no clicks(order_by: [{at: desc}], limit: 2) { at page } "
                        + "clicks_aggregate { aggregate { count max { duration_ms } } } } }"),
                q("{ hr_employees(where: {clicks: {payload: {os: {_eq: \"Android\"}}}}, order_by: [{emp_no: asc}]) { emp_no } }"),
                q("{ events_clicks(where: {employee: {last_name: {_like: \"S%\"}}}, order_by: [{employee: {last_name: asc}}, {_id: asc}]) "
                        + "{ _id employee { last_name status { status } } } }"),
                q("{ events_clicks(order_by: [{employee: {hire_date: desc}}, {_id: asc}], limit: 4) { _id emp_no } }"),
                q("{ events_clicks(limit: -1) { _id } }"),
                q("{ events_clicks_by_pk(_id: \"not-an-id\") { _id } }"));
    }

    @ParameterizedTest
    @MethodSource("queries")
    void directAndFieldByFieldExecutionAgree(String query) {
        ExecutionResult direct = runtime.execute(query, Map.of());
        ExecutionResult fieldByField = runtime.executeFieldByField(query, Map.of());
        assertThat(direct.toSpecification()).isEqualTo(fieldByField.toSpecification());
        // the direct path writes its JSON itself: the same bytes as Jackson writing graphql-java's maps
        assertThat(JSON.writeValueAsString(direct.toSpecification())).isEqualTo(JSON.writeValueAsString(fieldByField.toSpecification()));
        // through a UTF-8 stream (the HTTP response's case) it writes raw bytes: the same bytes again
        assertThat(JSON.writeValueAsBytes(direct.toSpecification())).isEqualTo(JSON.writeValueAsBytes(fieldByField.toSpecification()));
        if (!query.contains("-1") && !query.contains("not-an-id")) {
            assertThat(direct.getErrors()).isEmpty();
            ((Map<?, ?>) direct.getData()).forEach((field, value) -> assertThat(value).as("%s", field)
                    .satisfiesAnyOf(v -> assertThat(field).isEqualTo("missing"), v -> assertThat(v).isNotNull()));
        }
    }

    @Test
    void nestedDocumentsAndArraysReadAsWritten() {
        ExecutionResult r = runtime.execute("{ events_clicks_by_pk(_id: \"6650a1c2e4b0a1b2c3d40003\") { _id emp_no at "
                + "page tags payload { browser os screen { w h } } employee { first_name } } }", Map.of());
        assertThat(r.getErrors()).isEmpty();
        assertThat(r.<Map<String, Object>>getData().get("events_clicks_by_pk")).isEqualTo(Map.of(
                "_id", "6650a1c2e4b0a1b2c3d40003", "emp_no", 10001, "at", "2024-05-01T09:51:21.111Z", "page", "/cart",
                "tags", List.of("campaign", "mobile"),
                "payload", Map.of("browser", "Chrome", "os", "Android", "screen", Map.of("w", 2560, "h", 1440)),
                "employee", Map.of("first_name", "Georgi")));
    }

    @Test
    void distinctOnKeepsTheFirstDocumentOfEachValueByTheOrder() {
        String order = "order_by: [{emp_no: asc}, {at: desc}, {_id: asc}]";
        List<Map<String, Object>> all = list("{ events_clicks(" + order + ") { _id emp_no } }", "events_clicks");
        List<Map<String, Object>> expected = new java.util.ArrayList<>();
        java.util.Set<Object> seen = new java.util.HashSet<>();
        all.stream().filter(c -> seen.add(c.get("emp_no"))).forEach(expected::add);
        assertThat(expected.size()).isGreaterThan(1).isLessThan(all.size());
        assertThat(list("{ events_clicks(distinct_on: [emp_no], " + order + ") { _id emp_no } }", "events_clicks")).isEqualTo(expected);
        assertThat(list("{ events_clicks(distinct_on: [emp_no], " + order + ", limit: 1, offset: 1) { _id emp_no } }",
                "events_clicks")).isEqualTo(expected.subList(1, 2));
        ExecutionResult aggregate = runtime.execute("{ events_clicks_aggregate(distinct_on: [emp_no], " + order + ") {"
                + " aggregate { count max { emp_no } } nodes { _id emp_no } } }", Map.of());
        assertThat(aggregate.getErrors()).isEmpty();
        assertThat(runtime.executeFieldByField("{ events_clicks_aggregate(distinct_on: [emp_no], " + order + ") {"
                + " aggregate { count max { emp_no } } nodes { _id emp_no } } }", Map.of()).toSpecification())
                .isEqualTo(aggregate.toSpecification());
        Map<String, Object> result = (Map<String, Object>) aggregate.<Map<String, Object>>getData().get("events_clicks_aggregate");
        assertThat(result.get("nodes")).isEqualTo(expected);
        Object max = expected.stream().map(c -> (Integer) c.get("emp_no")).filter(java.util.Objects::nonNull)
                .max(Integer::compare).orElseThrow();
        assertThat(result.get("aggregate")).isEqualTo(Map.of("count", expected.size(), "max", Map.of("emp_no", max)));
    }

    @Test
    void distinctOnPerEmployeeAcrossH2AndMongo() {
        List<Map<String, Object>> all = list("{ hr_employees(order_by: {emp_no: asc}, limit: 6) { emp_no clicks(order_by:"
                + " [{page: asc}, {at: desc}]) { page at } } }", "hr_employees");
        List<Map<String, Object>> distinct = list("{ hr_employees(order_by: {emp_no: asc}, limit: 6) { emp_no clicks(distinct_on:"
                + " [page], order_by: [{page: asc}, {at: desc}]) { page at } } }", "hr_employees");
        for (int i = 0; i < all.size(); i++) {
            java.util.Set<Object> seen = new java.util.HashSet<>();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> clicks = (List<Map<String, Object>>) all.get(i).get("clicks");
            assertThat(distinct.get(i).get("clicks")).isEqualTo(clicks.stream().filter(c -> seen.add(c.get("page"))).toList());
        }
    }

    @Test
    void employeesOrderedByTheirCountOfMongoClicks() {
        List<Map<String, Object>> all = list("{ hr_employees(order_by: {emp_no: asc}) { emp_no clicks_aggregate { aggregate { count } } } }",
                "hr_employees");
        java.util.function.ToIntFunction<Map<String, Object>> count = e -> (Integer) ((Map<?, ?>) ((Map<?, ?>) e.get("clicks_aggregate"))
                .get("aggregate")).get("count");
        List<Object> expected = all.stream().sorted(java.util.Comparator.comparingInt(count).reversed()
                .thenComparingInt(e -> (Integer) e.get("emp_no"))).limit(5).map(e -> e.get("emp_no")).toList();
        List<Object> ordered = list("{ hr_employees(order_by: [{clicks_aggregate: {count: desc}}, {emp_no: asc}], limit: 5)"
                + " { emp_no } }", "hr_employees").stream().map(e -> e.get("emp_no")).toList();
        assertThat(ordered).isEqualTo(expected);
        assertThat(count.applyAsInt(all.stream().filter(e -> e.get("emp_no").equals(expected.get(0))).findFirst().orElseThrow()))
                .isGreaterThan(0);
    }

    /** The list at {@code root} of a query that must succeed, the same on both execution paths. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(String query, String root) {
        ExecutionResult direct = runtime.execute(query, Map.of());
        assertThat(direct.getErrors()).as(query).isEmpty();
        assertThat(runtime.executeFieldByField(query, Map.of()).toSpecification()).isEqualTo(direct.toSpecification());
        return (List<Map<String, Object>>) direct.<Map<String, Object>>getData().get(root);
    }

    private static Object[] q(String query) {
        return new Object[] {query};
    }
}
