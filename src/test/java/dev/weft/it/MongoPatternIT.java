package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.ServiceName;
import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.testing.MongoTestServer;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * {@code _like} patterns that make a backtracking matcher spin, and a MongoDB that does not honour
 * {@code maxTimeMS} (mongo-java-server through the real driver): the attack answers within a bound, the source
 * stays up, a timeout names the bound that ran out, and a source that timed out is used again by itself.
 */
class MongoPatternIT {
    private static final ServiceName WEB = new ServiceName("web");

    @Test
    void patternsWithManyWildcardsAnswerQuicklyAndLeaveTheSourceUp() {
        try (MongoTestServer mongo = MongoTestServer.start()) {
            String db = seed(mongo);
            try (WeftRuntime weft = WeftRuntime.start(settings(mongo.url(db), Duration.ofSeconds(10)))) {
                for (String pattern : List.of("%".repeat(30) + "x", "%a".repeat(30) + "%b", "_%".repeat(40) + "b")) {
                    long start = System.nanoTime();
                    ExecutionResult r = weft.execute("{ web_notes(where: {text: {_like: \"" + pattern + "\"}}) { _id } }", Map.of());
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).as(pattern).isLessThan(Duration.ofSeconds(2));
                    assertThat(r.getErrors()).as(pattern).isEmpty();
                    assertThat(GraphqlAssertions.data(r)).isEqualTo(Map.of("web_notes", List.of()));
                }
                assertThat(weft.executors().get(WEB).isHealthy()).isTrue();
                Map<String, Object> found = GraphqlAssertions.data(weft.execute(
                        "{ web_notes(where: {text: {_like: \"%%a%%a%%\"}}, order_by: {_id: asc}) { _id } }", Map.of()));
                assertThat(found).isEqualTo(Map.of("web_notes", List.of(Map.of("_id", 1), Map.of("_id", 3))));
            }
        }
    }

    @Test
    void aPatternLongerThanTheBoundIsRefusedBeforeAnySourceSeesIt() {
        try (MongoTestServer mongo = MongoTestServer.start()) {
            String db = seed(mongo);
            try (WeftRuntime weft = WeftRuntime.start(settings(mongo.url(db), Duration.ofSeconds(10)))) {
                mongo.resetCounts();
                ExecutionResult r = weft.execute("{ web_notes(where: {text: {_ilike: \"" + "a".repeat(1001) + "\"}}) { _id } }", Map.of());
                assertThat(GraphqlAssertions.codes(r)).containsExactly("BAD_USER_INPUT");
                assertThat(r.getErrors().get(0).getMessage()).isEqualTo("the pattern for 'text' has 1001 characters; at most 1000 are allowed");
                assertThat(mongo.reads()).isEmpty();
            }
        }
    }

    @Test
    void regexOperatorsAnswerAsTheServersOwnRegexAndSimilarIsNotOffered() {
        try (MongoTestServer mongo = MongoTestServer.start()) {
            String db = seed(mongo);
            try (WeftRuntime weft = WeftRuntime.start(settings(mongo.url(db), Duration.ofSeconds(10)))) {
                var notes = mongo.database(db).getCollection("notes");
                for (String pattern : List.of("^xa", "A$", "^[ab]$", "y", "^(x|b)")) {
                    for (boolean ci : List.of(false, true)) {
                        List<Object> matching = new java.util.ArrayList<>();
                        notes.find(com.mongodb.client.model.Filters.regex("text", pattern, ci ? "i" : ""))
                                .sort(new Document("_id", 1)).forEach(d -> matching.add(d.get("_id")));
                        List<Object> others = new java.util.ArrayList<>(List.of(1, 2, 3, 4));
                        others.removeAll(matching); // the document without text matches neither
                        assertThat(ids(weft, ci ? "_iregex" : "_regex", pattern)).as("%s %s", ci, pattern).isEqualTo(matching);
                        assertThat(ids(weft, ci ? "_niregex" : "_nregex", pattern)).as("not %s %s", ci, pattern).isEqualTo(others);
                    }
                }
                assertThat(ids(weft, "_regex", "^xa")).containsExactly(3);
                assertThat(ids(weft, "_iregex", "^xa")).containsExactly(3, 4);
                assertThat(GraphqlAssertions.codes(weft.execute("{ web_notes(where: {text: {_similar: \"x%\"}}) { _id } }", Map.of())))
                        .containsExactly("GRAPHQL_VALIDATION_FAILED");
                mongo.resetCounts();
                ExecutionResult r = weft.execute("{ web_notes(where: {text: {_regex: \"(x\"}}) { _id } }", Map.of());
                assertThat(GraphqlAssertions.codes(r)).containsExactly("BAD_USER_INPUT");
                assertThat(r.isDataPresent()).isFalse();
                assertThat(mongo.reads()).isEmpty();
                for (String where : List.of("{meta: {tag: {_regex: \"(x\"}}}", "{_or: [{meta: {tag: {_niregex: \"[a-\"}}}]}",
                        "{meta: {tag: {_ilike: \"" + "a".repeat(1001) + "\"}}}")) {
                    ExecutionResult nested = weft.execute("{ web_notes(where: " + where + ") { _id } }", Map.of());
                    assertThat(GraphqlAssertions.codes(nested)).as(where).containsExactly("BAD_USER_INPUT");
                    assertThat(nested.isDataPresent()).as(where).isFalse();
                }
                assertThat(mongo.reads()).isEmpty();
                assertThat(ids(weft, "{meta: {tag: {_like: \"b\\\\\"}}}")).as("a backslash at the end is literal here").isEmpty();
                assertThat(ids(weft, "{meta: {tag: {_iregex: \"^B\"}}}")).containsExactly(2);
            }
        }
    }

    private static List<Object> ids(WeftRuntime weft, String where) {
        Map<String, Object> data = GraphqlAssertions.data(weft.execute("{ web_notes(where: " + where + ", order_by: {_id: asc}) { _id } }",
                Map.of()));
        return ((List<?>) data.get("web_notes")).stream().map(n -> ((Map<?, ?>) n).get("_id")).map(Object.class::cast).toList();
    }

    private static List<Object> ids(WeftRuntime weft, String operator, String pattern) {
        Map<String, Object> data = GraphqlAssertions.data(weft.execute("query($p: String) { web_notes(where: {text: {" + operator
                + ": $p}}, order_by: {_id: asc}) { _id } }", Map.of("p", pattern)));
        return ((List<?>) data.get("web_notes")).stream().map(n -> ((Map<?, ?>) n).get("_id")).map(Object.class::cast).toList();
    }

    @Test
    void aServerThatIgnoresTheTimeLimitIsAskedOnceTheMessageNamesTheRealBoundAndTheSourceComesBack() throws Exception {
        try (MongoTestServer mongo = MongoTestServer.start()) {
            String db = seed(mongo);
            try (WeftRuntime weft = WeftRuntime.start(settings(mongo.url(db), Duration.ofSeconds(1)))) {
                mongo.stallFinds("notes", Duration.ofSeconds(4));
                mongo.resetCounts();
                long start = System.nanoTime();
                ExecutionResult r = weft.execute("{ web_notes { _id } }", Map.of());
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(GraphqlAssertions.codes(r)).containsExactly("TIMEOUT");
                assertThat(r.getErrors().get(0).getMessage()).isEqualTo("source 'web' did not answer within 1.5s");
                assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1400)).isLessThan(Duration.ofMillis(3500));
                assertThat(mongo.reads()).as("a read that timed out is not sent again").isEqualTo(Map.of("find:notes", 1));
                mongo.stallFinds("notes", Duration.ZERO);
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                ExecutionResult back = weft.execute("{ web_notes(order_by: {_id: asc}) { _id } }", Map.of());
                while (!back.getErrors().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    back = weft.execute("{ web_notes(order_by: {_id: asc}) { _id } }", Map.of());
                }
                assertThat(back.getErrors()).as("the source answers again without a restart").isEmpty();
                assertThat(weft.executors().get(WEB).isHealthy()).isTrue();
            }
        }
    }

    private static String seed(MongoTestServer mongo) {
        String db = MongoTestServer.uniqueName();
        mongo.database(db).getCollection("notes").insertMany(List.of(new Document("_id", 1).append("text", "a".repeat(5_000)),
                new Document("_id", 2).append("text", "b").append("meta", new Document("tag", "b")), new Document("_id", 3).append("text", "xaya"),
                new Document("_id", 4).append("text", "XAYA"), new Document("_id", 5)));
        return db;
    }

    private static List<ServiceSettings> settings(String url, Duration queryTimeout) {
        Map<String, ServiceProperties> services = new LinkedHashMap<>();
        services.put("web", new ServiceProperties("mongodb", url, null, null, null, null, null, null, null,
                new ServiceProperties.PoolProperties(2, Duration.ofSeconds(1)), queryTimeout, null, null, null));
        return new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, services));
    }
}
