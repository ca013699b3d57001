package dev.weft.web;

import static dev.weft.testing.GraphqlAssertions.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.GraphqlAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * The README's example of mutations on MongoDB ("Mutations on MongoDB"), taken from the README itself and run
 * against the embedded demo's {@code events} service (fresh databases, no access control): the inserted click gets
 * a new ObjectId and reaches its employee in the H2 {@code hr} database, the update finds it, the delete removes
 * a seeded click, and the collection then reads back as the mutations left it.
 */
class MongoDemoMutationIT {

    @Test
    void theReadmesMongoExampleRunsOnTheDemo() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("### Mutations on MongoDB");
        int start = readme.indexOf("```graphql", section) + "```graphql".length();
        String example = readme.substring(start, readme.indexOf("```", start));
        try (WeftRuntime weft = DemoRuntime.start()) {
            Map<String, Object> d = GraphqlAssertions.data(weft.execute(example, Map.of()));
            assertThat(ObjectId.isValid(at(d, "insert_events_clicks_one._id"))).isTrue();
            assertThat((Object) at(d, "insert_events_clicks_one.employee.last_name")).isEqualTo("Facello");
            assertThat((Object) at(d, "update_events_clicks.affected_rows")).isEqualTo(1);
            assertThat((Object) at(d, "delete_events_clicks_by_pk.page")).isEqualTo("/products");
            Map<String, Object> after = GraphqlAssertions.data(weft.execute("{ events_clicks(where: {page: {_eq: \"/new\"}})"
                    + " { duration_ms payload { screen { w } } tags } events_clicks_aggregate { aggregate { count } } }", Map.of()));
            assertThat((Object) at(after, "events_clicks.0.duration_ms")).isEqualTo(45);
            assertThat((Object) at(after, "events_clicks.0.payload.screen.w")).isEqualTo(1920);
            assertThat((Object) at(after, "events_clicks_aggregate.aggregate.count")).isEqualTo(24);
        }
    }
}
