package dev.weft.execute.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** What explain shows of a statement's values (their types, never the values) and how a request's listener is carried. */
class StatementShapesTest {

    @Test
    void parametersAreTheirTypesInOrderWithRunsFolded() {
        assertThat(ParameterShapes.of(List.of("secret", 1, 2, 3, 7L, new BigDecimal("1.5"), LocalDate.of(2020, 1, 1))))
                .containsExactly("text", "integer × 3", "bigint", "decimal", "date");
        assertThat(ParameterShapes.of(java.util.Arrays.asList(null, true))).containsExactly("null", "boolean");
    }

    @Test
    void aFindShowsItsFieldsAndOperatorsButNoValue() {
        MongoCommands.Shaped find = MongoCommands.find("clicks", Filters.and(Filters.in("emp_no", 10001, 10002),
                        Filters.eq("page", "/secret-page")), Sorts.ascending("at"), Projections.include("page"), 5, 10,
                MongoClientSettings.getDefaultCodecRegistry());
        assertThat(find.json()).contains("\"find\": \"clicks\"", "\"emp_no\": {\"$in\": [\"?\", \"?\"]}", "\"page\": \"?\"",
                "\"sort\": {\"at\": 1}", "\"skip\": \"?\"", "\"limit\": \"?\"").doesNotContain("secret").doesNotContain("10001");
        assertThat(find.parameters()).containsExactly("int32 × 2", "string", "int32 × 2");
    }

    @Test
    void anAggregationShowsValuesOnlyAsPlaceholdersInMatchSkipAndLimit() {
        MongoCommands.Shaped aggregate = MongoCommands.aggregate("clicks", List.of(
                Aggregates.match(Filters.gt("ms", 4242)), Aggregates.group(new Document("k0", "$emp_no")),
                Aggregates.limit(77)), MongoClientSettings.getDefaultCodecRegistry());
        assertThat(aggregate.json()).contains("{\"$match\": {\"ms\": {\"$gt\": \"?\"}}}", "{\"$group\": {\"_id\": {\"k0\": \"$emp_no\"}}}",
                "{\"$limit\": \"?\"}").doesNotContain("4242").doesNotContain("77");
        assertThat(aggregate.parameters()).containsExactly("int32 × 2");
    }

    @Test
    void theListenerOfARequestHearsItsTasksOnOtherThreadsAndNoOneElse() throws Exception {
        List<String> heard = new ArrayList<>();
        ActivityListener listener = s -> {
            synchronized (heard) {
                heard.add(s.kind());
            }
        };
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var async = Activity.propagating(threads);
            CompletableFuture<Void> inside = Activity.during(listener, () -> CompletableFuture.runAsync(() -> report("inside"), async));
            inside.get();
            CompletableFuture.runAsync(() -> report("outside"), async).get();
            report("after");
        }
        assertThat(heard).containsExactly("inside");
        assertThat(Activity.listening()).isFalse();
    }

    private static void report(String kind) {
        Activity.statement(new StatementRun("s", null, kind, false, "sql", null, null, -1, 1, 1, 0, 0, "success"));
    }
}
