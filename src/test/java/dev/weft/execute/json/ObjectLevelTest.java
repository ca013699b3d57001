package dev.weft.execute.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.execute.Row;
import dev.weft.schema.Scalars;
import graphql.GraphQLContext;
import graphql.scalars.ExtendedScalars;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Two levels (customers, their orders) write the JSON of the maps they stand for, and stay right when nulled. */
class ObjectLevelTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final GraphQLContext CONTEXT = GraphQLContext.getDefault();

    @Test
    void levelsWriteWhatTheirMapsWrite() {
        Object customers = customers();
        List<Map<String, Object>> maps = plain(customers);
        assertThat(customers).isEqualTo(maps);
        assertThat(maps).isEqualTo(customers);
        assertThat(JSON.writeValueAsString(Map.of("data", Map.of("customers", customers))))
                .isEqualTo(JSON.writeValueAsString(Map.of("data", Map.of("customers", maps))))
                .contains("{\"id\":1,\"name\":\"Ada\",\"secret\":\"[redacted]\",\"__typename\":\"Customers\",\"orders\":"
                        + "[{\"id\":10,\"total\":12.50,\"created_at\":\"2024-01-01T00:01:00\"},"
                        + "{\"id\":11,\"total\":null,\"created_at\":\"2024-01-01T00:02:00.5\"}]}")
                .contains("{\"id\":2,\"name\":\"Bob\",\"secret\":null,\"__typename\":\"Customers\",\"orders\":[]}")
                .contains("\"orders\":null}");
    }

    @Test
    void checkVisitsOnlyValuesWhoseClassItsFormatMayFailOn() {
        LeafFormat refusesAll = new LeafFormat() { // accepts Longs as they are, refuses any value it is asked to check
            @Override
            public Object coerce(Object value) {
                throw new IllegalArgumentException("refused " + value);
            }

            @Override
            public void write(tools.jackson.core.JsonGenerator generator, tools.jackson.databind.SerializationContext context,
                              Object value) {
                generator.writeNumber((Long) value);
            }

            @Override
            public boolean accepts(Class<?> type) {
                return type == Long.class;
            }
        };
        ObjectShape shape = ObjectShape.builder().leaf("id", "id", refusesAll, null).build();
        List<String> columns = List.of("id");
        List<Row> typed = List.of(Row.factory(columns, List.of(Long.class)).apply(List.of(1L)));
        ObjectLevel.of(shape, typed).check(); // a column read as Long: nothing to check

        List<Row> untyped = List.of(Row.factory(columns).apply(List.of(1L)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ObjectLevel.of(shape, untyped).check())
                .hasMessage("refused 1");
        List<Row> otherType = List.of(Row.factory(columns, List.of(Integer.class)).apply(List.of(1)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ObjectLevel.of(shape, otherType).check())
                .hasMessage("refused 1");
    }

    @Test
    void aTypedLongColumnOfAnIntFieldIsStillChecked() {
        LeafFormat intFormat = LeafFormats.of(graphql.Scalars.GraphQLInt, CONTEXT, Locale.ROOT);
        ObjectShape shape = ObjectShape.builder().leaf("n", "n", intFormat, null).build();
        List<Row> rows = List.of(Row.factory(List.of("n"), List.of(Long.class)).apply(List.of(5_000_000_000L)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ObjectLevel.of(shape, rows).check())
                .isInstanceOf(graphql.schema.CoercingSerializeException.class);
        assertThat(intFormat.accepts(Integer.class)).isTrue();
        assertThat(intFormat.accepts(Long.class)).isFalse();
    }

    @Test
    void nullsSetAfterTheFactAreWrittenAndRead() {
        @SuppressWarnings("unchecked")
        List<Object> customers = (List<Object>) customers();
        @SuppressWarnings("unchecked")
        Map<String, Object> ada = (Map<String, Object>) customers.get(0);
        ada.put("orders", null);
        ada.put("name", null);
        customers.set(1, null);
        String json = JSON.writeValueAsString(customers);
        assertThat(json).isEqualTo(JSON.writeValueAsString(plain(customers)))
                .startsWith("[{\"id\":1,\"name\":null,\"secret\":\"[redacted]\",\"__typename\":\"Customers\",\"orders\":null},null,");
        assertThat(customers.get(1)).isNull();
    }

    @Test
    void anObjectNulledAsAWholeIsNullInItsListAndInJson() {
        @SuppressWarnings("unchecked")
        List<Object> customers = (List<Object>) customers();
        CompactObject bob = (CompactObject) customers.get(1);
        ((CompactList) customers).level().nullObject(1);
        assertThat(customers.get(1)).isNull();
        assertThat(JSON.writeValueAsString(customers)).isEqualTo(JSON.writeValueAsString(plain(customers))).contains("},null,{");
        assertThat(JSON.writeValueAsString(bob)).isEqualTo("null");
    }

    @Test
    void rawBytesAndGeneratorCallsWriteTheSameMixedTree() {
        @SuppressWarnings("unchecked")
        List<Object> customers = (List<Object>) customers();
        CompactObject ada = (CompactObject) customers.get(0);
        ada.put("name", "A/\"da\u00e9\ud83d\ude00");
        ada.put("secret", null);
        customers.set(2, null);
        List<String> columns = List.of("doc", "n");
        LeafFormat document = new LeafFormat() { // as a MongoDB document's format: written by Jackson
            @Override
            public Object coerce(Object value) {
                return Map.of("doc", value, "list", List.of(1, "x"));
            }

            @Override
            public void write(tools.jackson.core.JsonGenerator generator, tools.jackson.databind.SerializationContext ctxt,
                              Object value) {
                ctxt.writeValue(generator, coerce(value));
            }
        };
        ObjectLevel top = ObjectLevel.of(ObjectShape.builder()
                .leaf("doc", "doc", document, null)
                .leaf("n", "n", LeafFormats.of(graphql.Scalars.GraphQLInt, CONTEXT, Locale.ROOT), null)
                .child("customers")
                .child("map")
                .child("none")
                .build(), List.of(Row.of(columns, List.of("d1", 7L)), Row.of(columns, List.of("d2", 8L))));
        top.check();
        top.setChild(0, 0, customers);
        top.setChild(1, 0, new LinkedHashMap<>(Map.of("inner", customers)));
        top.setChild(1, 1, List.of(ada, Map.of("s", "/")));
        Object tree = Map.of("data", top.list(0, 2));
        JsonMapper callByCall = JsonMapper.builder() // a feature raw bytes do not reproduce: generator calls
                .enable(tools.jackson.core.StreamWriteFeature.STRICT_DUPLICATE_DETECTION).build();
        String raw = JSON.writeValueAsString(tree);
        assertThat(raw).isEqualTo(callByCall.writeValueAsString(tree))
                .isEqualTo(JSON.writeValueAsString(Map.of("data", plain(top.list(0, 2)))))
                .contains("\"name\":\"A/\\\"da\u00e9\ud83d\ude00\",\"secret\":null")
                .contains("{\"doc\":{").contains("\"n\":8,").contains("\"none\":null}");
    }

    @Test
    void preparationsRunOnceForCheckWriteAndMap() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        List<String> columns = List.of("s");
        ObjectLevel level = ObjectLevel.of(ObjectShape.builder()
                .leaf("s", "s", LeafFormats.of(graphql.Scalars.GraphQLString, CONTEXT, Locale.ROOT), v -> {
                    calls.incrementAndGet();
                    return "*" + v;
                })
                .build(), List.of(Row.of(columns, List.of("a")), Row.of(columns, List.of("b"))));
        level.check();
        Object list = level.list(0, 2);
        assertThat(JSON.writeValueAsString(list)).isEqualTo("[{\"s\":\"*a\"},{\"s\":\"*b\"}]");
        assertThat(JSON.writeValueAsString(plain(list))).isEqualTo("[{\"s\":\"*a\"},{\"s\":\"*b\"}]");
        assertThat(calls).hasValue(2);
    }

    /** customers 1 Ada (orders 10, 11), 2 Bob (none), 3 Cy (orders not fetched: null); name masked for Ada only. */
    private static Object customers() {
        List<String> orderColumns = List.of("id", "customer_id", "total", "created_at");
        List<Row> orders = List.of(
                Row.of(orderColumns, List.of(10L, 1L, new BigDecimal("12.50"), LocalDateTime.parse("2024-01-01T00:01"))),
                Row.of(orderColumns, new ArrayList<>(java.util.Arrays.asList(11L, 1L, null, LocalDateTime.parse("2024-01-01T00:02:00.5")))));
        ObjectLevel orderLevel = ObjectLevel.of(ObjectShape.builder()
                .leaf("id", "id", LeafFormats.of(ExtendedScalars.GraphQLLong, CONTEXT, Locale.ROOT), null)
                .leaf("total", "total", LeafFormats.of(ExtendedScalars.GraphQLBigDecimal, CONTEXT, Locale.ROOT), null)
                .leaf("created_at", "created_at", LeafFormats.of(Scalars.LOCAL_DATE_TIME, CONTEXT, Locale.ROOT), null)
                .build(), orders);
        orderLevel.check();
        List<String> columns = List.of("id", "name", "secret");
        List<Row> rows = List.of(Row.of(columns, List.of(1L, "Ada", "s1")),
                Row.of(columns, new ArrayList<>(java.util.Arrays.asList(2L, "Bob", null))), Row.of(columns, List.of(3L, "Cy", "s3")));
        ObjectLevel level = ObjectLevel.of(ObjectShape.builder()
                .leaf("id", "id", LeafFormats.of(ExtendedScalars.GraphQLLong, CONTEXT, Locale.ROOT), null)
                .leaf("name", "name", LeafFormats.of(graphql.Scalars.GraphQLString, CONTEXT, Locale.ROOT), null)
                .leaf("secret", "secret", LeafFormats.of(graphql.Scalars.GraphQLString, CONTEXT, Locale.ROOT),
                        v -> v == null ? null : "[redacted]")
                .constant("__typename", "Customers")
                .child("orders")
                .build(), rows);
        level.setChild(0, 0, orderLevel.list(0, 2));
        level.setChild(0, 1, orderLevel.list(2, 2));
        return level.list(0, rows.size());
    }

    /** The same objects as plain maps and lists, as graphql-java would build them. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> plain(Object list) {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object element : (List<Object>) list) {
            if (element == null) {
                maps.add(null);
                continue;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            ((Map<String, Object>) element).forEach((k, v) -> map.put(k, v instanceof List<?> l ? plain(l) : v));
            maps.add(map);
        }
        return maps;
    }
}
