package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link HasuraNamingScenarios} on PostgreSQL, with {@code timestamptz} rendered as Hasura renders it. */
class PostgresHasuraNamingIT extends HasuraNamingScenarios {

    @Override
    protected Target target() {
        return Target.POSTGRES;
    }

    @Override
    protected String timestampType() {
        return "TIMESTAMPTZ";
    }

    @Test
    void textComparisonsAreHasurasStringComparisonExpWithEveryOperator() {
        var exp = weft.schema().schema().getType("String_comparison_exp");
        assertThat(exp).isInstanceOf(graphql.schema.GraphQLInputObjectType.class);
        assertThat(((graphql.schema.GraphQLInputObjectType) exp).getFieldDefinitions().stream().map(f -> f.getName()))
                .contains("_eq", "_ilike", "_regex", "_iregex", "_similar", "_nsimilar");
        var data = weft.execute("query($n: String_comparison_exp) { author(where: {name: $n}, order_by: [{id: asc}]) { id } }",
                Map.of("n", Map.of("_regex", "^[AB]"))).toSpecification();
        assertThat(data).isEqualTo(Map.of("data", Map.of("author", List.of(Map.of("id", 1), Map.of("id", 2)))));
    }

    @Test
    void timestamptzIsWrittenAsHasuraWritesItOnBothPaths() {
        String query = "query($t: timestamptz) { author(where: {created_at: {_gte: $t}}, order_by: [{id: asc}]) { id created_at } }";
        var direct = weft.execute(query, Map.of("t", "2017-09-21T09:39:44+00:00"));
        assertThat(direct.getErrors()).isEmpty();
        assertThat(direct.toSpecification()).isEqualTo(weft.executeFieldByField(query, Map.of("t", "2017-09-21T09:39:44+00:00"))
                .toSpecification());
        assertThat(direct.<Map<String, Object>>getData().get("author")).isEqualTo(List.of(
                Map.of("id", 1, "created_at", "2017-09-21T09:39:44+00:00"),
                Map.of("id", 2, "created_at", "2017-09-21T09:39:44.123456+00:00")));
    }
}
