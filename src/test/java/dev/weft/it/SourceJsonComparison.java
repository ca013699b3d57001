package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.execute.sourcejson.SourceJsonList;
import graphql.ExecutionResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One request on the direct path and field by field ({@link SourceJsonDifferentialIT}): the same JSON bytes (with the
 * default mapper and two others), the same map view, no errors, and array relationships source-built or not, as
 * expected.
 */
final class SourceJsonComparison {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * Besides the default: slashes escaped the other way than the default (the token copy must follow), and a pretty
     * printer (the source-built list writes its map view through the generator).
     */
    private static final List<JsonMapper> OTHER_MAPPERS = List.of(
            JsonMapper.builder().configure(JsonWriteFeature.ESCAPE_FORWARD_SLASHES,
                    !JSON.isEnabled(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)).build(),
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build());

    private SourceJsonComparison() {
    }

    /** Both paths' JSON, equal and error-free; the direct result's child lists are source-built iff {@code pushed}. */
    static String compare(String query, BiFunction<String, Map<String, Object>, ExecutionResult> direct,
                          BiFunction<String, Map<String, Object>, ExecutionResult> fieldByField,
                          String parents, String[] children, boolean pushed) {
        ExecutionResult fast = direct.apply(query, Map.of());
        ExecutionResult slow = fieldByField.apply(query, Map.of());
        assertThat(fast.getErrors()).as("direct errors of %s", query).isEmpty();
        assertThat(slow.getErrors()).as("field-by-field errors of %s", query).isEmpty();
        String fastJson = new String(JSON.writeValueAsBytes(fast.toSpecification()), StandardCharsets.UTF_8);
        String slowJson = new String(JSON.writeValueAsBytes(slow.toSpecification()), StandardCharsets.UTF_8);
        assertThat(fastJson).as("direct against field by field for %s", query).isEqualTo(slowJson);
        for (JsonMapper mapper : OTHER_MAPPERS) {
            assertThat(new String(mapper.writeValueAsBytes(fast.toSpecification()), StandardCharsets.UTF_8))
                    .as("direct against field by field, other mapper, for %s", query)
                    .isEqualTo(new String(mapper.writeValueAsBytes(slow.toSpecification()), StandardCharsets.UTF_8));
        }
        assertThat((Object) fast.getData()).as("map view of %s", query).isEqualTo(slow.getData());
        for (String child : children) {
            List<Object> values = values(fast, parents + "." + child);
            assertThat(values).as("%s.%s of %s", parents, child, query).isNotEmpty();
            if (pushed) {
                assertThat(values).as("source-built %s of %s", child, query).anyMatch(SourceJsonList.class::isInstance);
                assertThat(values).as("every non-empty %s of %s source-built", child, query)
                        .allMatch(v -> ((List<?>) v).isEmpty() || v instanceof SourceJsonList);
            } else {
                assertThat(values).as("no source-built %s in %s", child, query).noneMatch(SourceJsonList.class::isInstance);
                assertThat(values).as("some rows in %s", query).anyMatch(v -> !((List<?>) v).isEmpty());
            }
        }
        return fastJson;
    }

    /** The values at dotted {@code path} of the direct result's data, lists flattened on the way (not the last). */
    private static List<Object> values(ExecutionResult result, String path) {
        List<Object> current = new ArrayList<>(List.of((Object) result.getData()));
        String[] names = path.split("\\.");
        for (int i = 0; i < names.length; i++) {
            List<Object> next = new ArrayList<>();
            for (Object node : current) {
                Object value = node == null ? null : ((Map<?, ?>) node).get(names[i]);
                if (i < names.length - 1 && value instanceof List<?> list) {
                    next.addAll(list);
                } else if (value != null || i == names.length - 1) {
                    next.add(value);
                }
            }
            current = next;
        }
        return current;
    }
}
