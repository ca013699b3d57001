package dev.weft.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.Catalog;
import dev.weft.catalog.CatalogResolver;
import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Source;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.catalog.TextMatching;
import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The text operators a source evaluates, and only those, are offered on its string columns, each set in a
 * comparison type of its own; other scalars share one type whatever the source.
 */
class ComparisonTypesTest {
    private static final List<String> COMMON = List.of("_eq", "_neq", "_in", "_nin", "_gt", "_gte", "_lt", "_lte",
            "_like", "_nlike", "_ilike", "_nilike", "_is_null");

    @Test
    void eachSourceOffersItsOwnTextOperators() {
        Map<String, TextMatching> sources = new LinkedHashMap<>();
        sources.put("pg", new TextMatching(true, true, true));
        sources.put("maria", new TextMatching(true, false, false));
        sources.put("derby", TextMatching.LIKE_ONLY);
        GraphQLSchema schema = schema(sources);

        assertThat(comparisonOf(schema, "PgNotesBoolExp", "body")).isEqualTo("StringRegexSimilarComparisonExp");
        assertThat(comparisonOf(schema, "MariaNotesBoolExp", "body")).isEqualTo("StringRegexComparisonExp");
        assertThat(comparisonOf(schema, "DerbyNotesBoolExp", "body")).isEqualTo("StringComparisonExp");
        assertThat(comparisonOf(schema, "PgNotesBoolExp", "id")).isEqualTo("IntComparisonExp");
        assertThat(comparisonOf(schema, "DerbyNotesBoolExp", "id")).isEqualTo("IntComparisonExp");

        assertThat(fields(schema, "StringComparisonExp")).containsExactlyInAnyOrderElementsOf(COMMON);
        assertThat(fields(schema, "StringRegexComparisonExp")).containsExactlyInAnyOrderElementsOf(concat(COMMON,
                List.of("_regex", "_iregex", "_nregex", "_niregex")));
        assertThat(fields(schema, "StringRegexSimilarComparisonExp")).containsExactlyInAnyOrderElementsOf(concat(COMMON,
                List.of("_regex", "_iregex", "_nregex", "_niregex", "_similar", "_nsimilar")));
        assertThat(fields(schema, "IntComparisonExp")).doesNotContain("_like", "_regex", "_similar");
    }

    @Test
    void theNameOfEachSetComesFromOneFunction() {
        assertThat(TextMatching.LIKE_ONLY.comparisonType("String", true)).isEqualTo("StringComparisonExp");
        assertThat(new TextMatching(true, true, false).comparisonType("Int", false)).isEqualTo("IntComparisonExp");
        assertThat(new TextMatching(false, true, false).comparisonType("String", true)).isEqualTo("StringSimilarComparisonExp");
        assertThat(new TextMatching(true, true, false).offers("_nsimilar")).isTrue();
        assertThat(new TextMatching(true, false, false).offers("_similar")).isFalse();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String comparisonOf(GraphQLSchema schema, String boolExp, String field) {
        GraphQLInputObjectField f = ((GraphQLInputObjectType) schema.getType(boolExp)).getField(field);
        return ((GraphQLNamedType) f.getType()).getName();
    }

    private static List<String> fields(GraphQLSchema schema, String type) {
        return ((GraphQLInputObjectType) schema.getType(type)).getFieldDefinitions().stream()
                .map(GraphQLInputObjectField::getName).toList();
    }

    private static GraphQLSchema schema(Map<String, TextMatching> matching) {
        Map<String, ServiceProperties> properties = new LinkedHashMap<>();
        matching.keySet().forEach(name -> properties.put(name,
                new ServiceProperties("h2", "jdbc:h2:mem:" + name, null, null, null, null, null, null, null, null, null, null, null, null)));
        List<ServiceSettings> settings = new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, properties));
        List<Source> sources = settings.stream().map(s -> {
            Table notes = new Table(new TableRef(new ServiceName(s.name()), "public", "notes"), false, List.of(
                    new Column("id", "id", ColumnType.INT, false, "int4"), new Column("body", "body", ColumnType.STRING, true, "text")),
                    List.of("id"), List.of(), null, null);
            return new Source(s, List.of(notes), false, matching.get(s.name()));
        }).toList();
        Catalog catalog = new CatalogResolver().resolve(sources);
        return SchemaGenerator.validating().generate(catalog, SchemaBindings.of(catalog), binding -> env -> null).schema();
    }
}
