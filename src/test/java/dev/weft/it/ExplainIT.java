package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ServiceProperties;
import dev.weft.explain.Explain;
import dev.weft.security.Caller;
import dev.weft.web.WeftRuntime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Explain across databases ({@link CrossDatabaseFixture}: crm on MariaDB, shop on PostgreSQL, ware on a second MariaDB
 * database): the report names each source's statements with their SQL and parameter types, the side the cross-source
 * planner read first with its key count, and the chunks of a batch; it never holds a value of the request; a mutation
 * is refused without running.
 */
class ExplainIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static CrossDatabaseFixture fixture;
    private static WeftRuntime weft;
    private static Explain explain;

    @BeforeAll
    static void start() {
        fixture = CrossDatabaseFixture.create();
        // shop's relationship batches hold at most 4 keys, so 6 customers' orders take two statements
        weft = WeftRuntime.start(fixture.services((name, p) -> name.equals("shop") ? batchSize(p, 4) : p),
                CrossDatabaseFixture.relationships(), 1_000_000);
        explain = new Explain(input -> weft.executeAsync(input, Caller.UNRESTRICTED, true));
    }

    @AfterAll
    static void stop() {
        try {
            if (weft != null) {
                weft.close();
            }
        } finally {
            fixture.close();
        }
    }

    @Test
    void aWhereThroughAnotherDatabaseShowsTheDrivingSideItsKeysAndEachSourcesStatements() {
        JsonNode report = report("{ crm_customers(where: {orders: {total: {_gt: 500}}}, order_by: [{id: asc}]) { name } }",
                null, Map.of());
        assertThat(report.get("executed").asBoolean()).isTrue();
        assertThat(report.get("outcome").asString()).isEqualTo("success");

        JsonNode choice = report.get("cross_source").get(0);
        assertThat(choice.get("table").asString()).isEqualTo("crm.customers");
        assertThat(choice.get("condition").asString()).isEqualTo("orders");
        assertThat(choice.get("strategy").asString()).isEqualTo("related_side_first");
        assertThat(choice.get("driving_table").asString()).isEqualTo("shop.public.orders");
        assertThat(choice.get("keys").asLong()).as("customers 1, 2 and 99 have an order over 500").isEqualTo(3);
        assertThat(choice.get("probe_limit").asInt()).isPositive();

        assertThat(services(report)).containsExactly("shop", "crm"); // the driving side first
        JsonNode probe = source(report, "shop").get("steps").get(0);
        assertThat(probe.get("kind").asString()).isEqualTo("distinct_keys");
        assertThat(probe.get("language").asString()).isEqualTo("sql");
        assertThat(probe.get("sql").asString()).startsWith("SELECT DISTINCT").contains("\"total\" > ?").doesNotContain("500");
        assertThat(JSON.convertValue(probe.get("parameters"), List.class)).as("the total, then the probe's limit")
                .containsExactly("decimal", "bigint");
        assertThat(probe.get("rows").asLong()).isEqualTo(3);

        JsonNode parents = source(report, "crm").get("steps").get(0);
        assertThat(parents.get("kind").asString()).isEqualTo("select");
        assertThat(parents.get("sql").asString()).contains("`id` IN (?, ?, ?)");
        assertThat(JSON.convertValue(parents.get("parameters"), List.class)).as("the keys, then the page's limit")
                .containsExactly("integer × 3", "bigint");
        assertThat(parents.get("rows").asLong()).as("Ada and Bob; there is no customer 99").isEqualTo(2);
        assertThat(report.get("statements").asInt()).isEqualTo(2);
        assertThat(report.get("rows").asLong()).isEqualTo(5);
    }

    @Test
    void pastTheProbeLimitTheParentSideIsReadFirstInChunks() {
        // a budget of 2 keys: the probe of the orders over 500 (3 customers) is too large, so crm is read first
        try (WeftRuntime small = WeftRuntime.start(fixture.services((name, p) -> p), CrossDatabaseFixture.relationships(), 2)) {
            Explain.Outcome outcome = new Explain(input -> small.executeAsync(input, Caller.UNRESTRICTED, true))
                    .explain("{ crm_customers(where: {orders: {total: {_gt: 500}}}, order_by: [{id: asc}]) { name } }", null, Map.of());
            JsonNode report = JSON.valueToTree(outcome.report());
            assertThat(report.get("outcome").asString()).isEqualTo("success");
            JsonNode probe = report.get("cross_source").get(0);
            assertThat(List.of(probe.get("strategy").asString(), probe.get("driving_table").asString(), probe.get("probe_limit").asInt()))
                    .containsExactly("parent_side_first", "crm.customers", 2);
            JsonNode chunked = report.get("cross_source").get(1);
            assertThat(chunked.get("strategy").asString()).isEqualTo("parent_side_chunked");
            assertThat(chunked.get("chunk_size").asInt()).isEqualTo(2);
            assertThat(chunked.get("keys").asLong()).as("the 6 customers, read 2 at a time").isEqualTo(6);
            assertThat(chunked.get("chunks").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(source(report, "crm").get("statements").asInt()).as("chunks of customers, then their rows per chunk")
                    .isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aRelationshipBatchShowsItsKeysPerChunk() {
        JsonNode report = report("{ crm_customers(order_by: [{id: asc}]) { name orders { id } } }", null, Map.of());
        JsonNode shop = source(report, "shop");
        assertThat(shop.get("statements").asInt()).isEqualTo(2);
        JsonNode first = shop.get("steps").get(0);
        JsonNode second = shop.get("steps").get(1);
        assertThat(List.of(first.get("kind").asString(), second.get("kind").asString())).containsOnly("select_batch");
        assertThat(List.of(first.get("chunk").asString() + " keys " + first.get("keys").asInt(),
                second.get("chunk").asString() + " keys " + second.get("keys").asInt()))
                .containsExactlyInAnyOrder("1 of 2 keys 4", "2 of 2 keys 2");
        assertThat(shop.get("rows").asLong()).as("orders 101 to 108").isEqualTo(8);
        assertThat(source(report, "crm").get("steps").get(0).get("rows").asLong()).isEqualTo(6);
        assertThat(report.get("cross_source").size()).as("no condition through another source").isZero();
    }

    @Test
    void noValueOfTheRequestReachesTheReport() {
        String secret = "s3cr3t-Value-42";
        JsonNode report = report("query Find($name: String!) { crm_customers(where: {name: {_eq: $name}}) { id orders { id } } }",
                "Find", Map.of("name", secret));
        assertThat(report.toString()).doesNotContain(secret).doesNotContain("s3cr3t");
        assertThat(report.get("operation").asString()).isEqualTo("Find");
        JsonNode step = source(report, "crm").get("steps").get(0);
        assertThat(step.get("sql").asString()).contains("`name` = ?");
        assertThat(JSON.convertValue(step.get("parameters"), List.class)).as("the name, then the page's limit")
                .containsExactly("text", "bigint");
        assertThat(step.get("rows").asLong()).isZero();
    }

    @Test
    void aMutationIsRefusedAndNeverRuns() {
        Explain.Outcome outcome = explain.explain("mutation { delete_crm_carriers(where: {}) { affected_rows } }", null, Map.of());
        assertThat(outcome.refused()).isTrue();
        assertThat(outcome.refusal().code()).isEqualTo("BAD_USER_INPUT");
        assertThat(outcome.refusal().message()).contains("explain runs queries only");
        assertThat(outcome.report()).isNull();
        assertThat(weft.execute("{ crm_carriers { id } }", Map.of()).<Map<String, List<?>>>getData().get("crm_carriers")).hasSize(2);

        Explain.Outcome mixed = explain.explain("query A { crm_carriers { id } } mutation B { delete_crm_carriers(where: {}) "
                + "{ affected_rows } }", "A", Map.of());
        assertThat(mixed.refused()).as("a document that holds a mutation, whichever operation is named").isTrue();
        assertThat(explain.explain("{ crm_carriers { id ", null, Map.of()).refusal().code()).isEqualTo("GRAPHQL_PARSE_FAILED");
    }

    private static JsonNode report(String query, String operation, Map<String, Object> variables) {
        Explain.Outcome outcome = explain.explain(query, operation, variables);
        assertThat(outcome.refused()).isFalse();
        return JSON.valueToTree(outcome.report());
    }

    private static List<String> services(JsonNode report) {
        return report.get("sources").valueStream().map(s -> s.get("service").asString()).toList();
    }

    private static JsonNode source(JsonNode report, String service) {
        return report.get("sources").valueStream().filter(s -> s.get("service").asString().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError("no statement of " + service + " in " + report));
    }

    private static ServiceProperties batchSize(ServiceProperties p, int size) {
        return new ServiceProperties(p.kind(), p.url(), p.username(), p.password(), p.schema(), p.include(), p.exclude(),
                p.prefix(), p.typePrefix(), p.pool(), p.queryTimeout(), size, p.sampleSize(), null);
    }
}
