package dev.weft.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.catalog.TypeNaming.Part;
import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.ServiceProperties;
import dev.weft.config.WeftConfigException;
import dev.weft.config.WeftProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hasura's names and Weft's for every generated type, and the start-up problems of Hasura's unprefixed names. */
class TypeNamingTest {

    @Test
    void everyPartHasHasurasNameAndWefts() {
        assertThat(TypeNaming.HASURA.table("", "author")).isEqualTo("author");
        assertThat(TypeNaming.HASURA.table("staff_", "author")).isEqualTo("staff_author");
        assertThat(TypeNaming.WEFT.table("Hr", "employee_status")).isEqualTo("HrEmployeeStatus");
        Map<Part, String> hasura = Map.ofEntries(Map.entry(Part.BOOL_EXP, "author_bool_exp"), Map.entry(Part.ORDER_BY, "author_order_by"),
                Map.entry(Part.AGGREGATE, "author_aggregate"), Map.entry(Part.AGGREGATE_FIELDS, "author_aggregate_fields"),
                Map.entry(Part.SELECT_COLUMN, "author_select_column"), Map.entry(Part.INSERT_INPUT, "author_insert_input"),
                Map.entry(Part.SET_INPUT, "author_set_input"), Map.entry(Part.PK_COLUMNS_INPUT, "author_pk_columns_input"),
                Map.entry(Part.ON_CONFLICT, "author_on_conflict"), Map.entry(Part.CONSTRAINT, "author_constraint"),
                Map.entry(Part.UPDATE_COLUMN, "author_update_column"), Map.entry(Part.MUTATION_RESPONSE, "author_mutation_response"),
                Map.entry(Part.INC_INPUT, "author_inc_input"), Map.entry(Part.OBJ_REL_INSERT_INPUT, "author_obj_rel_insert_input"),
                Map.entry(Part.ARR_REL_INSERT_INPUT, "author_arr_rel_insert_input"), Map.entry(Part.AVG_FIELDS, "author_avg_fields"),
                Map.entry(Part.MAX_FIELDS, "author_max_fields"), Map.entry(Part.VAR_SAMP_FIELDS, "author_var_samp_fields"),
                Map.entry(Part.UPDATES, "author_updates"));
        hasura.forEach((part, name) -> assertThat(TypeNaming.HASURA.of("author", part)).as(part.name()).isEqualTo(name));
        assertThat(TypeNaming.WEFT.of("HrAuthor", Part.BOOL_EXP)).isEqualTo("HrAuthorBoolExp");
        assertThat(TypeNaming.WEFT.of("HrAuthor", Part.fieldsOf("stddev_pop"))).isEqualTo("HrAuthorStddevPopFields");
        assertThat(TypeNaming.HASURA.comparison("Int")).isEqualTo("Int_comparison_exp");
        assertThat(TypeNaming.WEFT.comparison("Int")).isEqualTo("IntComparisonExp");
        assertThat(List.of(TypeNaming.HASURA.orderByEnum(), TypeNaming.HASURA.queryRoot(), TypeNaming.HASURA.mutationRoot()))
                .containsExactly("order_by", "query_root", "mutation_root");
        assertThat(List.of(TypeNaming.WEFT.orderByEnum(), TypeNaming.WEFT.queryRoot(), TypeNaming.WEFT.mutationRoot()))
                .containsExactly("OrderBy", "Query", "Mutation");
    }

    @Test
    void twoHasuraServicesWithOneTableNameAreAStartUpProblemNamingBoth() {
        var services = hasuraServices("a", "b");
        assertThatThrownBy(() -> new CatalogResolver().resolve(List.of(new Source(services.get(0), List.of(table("a", "users"))),
                new Source(services.get(1), List.of(table("b", "users"))))))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("tables a.users and b.users both need the GraphQL type 'users'")
                .hasMessageContaining("root field 'users'");
    }

    @Test
    void aTableNamedAsABuiltInTypeIsAStartUpProblem() {
        var services = hasuraServices("a");
        assertThatThrownBy(() -> new CatalogResolver().resolve(List.of(new Source(services.get(0),
                List.of(table("a", "date"), table("a", "order_by"))))))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("table a.date would be the GraphQL type 'date'")
                .hasMessageContaining("table a.order_by would be the GraphQL type 'order_by'");
    }

    @Test
    void hasuraNamesAreThoseOfTheCatalog() {
        var services = hasuraServices("a");
        Catalog catalog = new CatalogResolver().resolve(List.of(new Source(services.get(0), List.of(table("a", "author")))));
        Table author = catalog.tables().values().iterator().next();
        assertThat(author.typeName()).isEqualTo("author");
        assertThat(author.rootField()).isEqualTo("author");
    }

    private static List<dev.weft.config.ServiceSettings> hasuraServices(String... names) {
        Map<String, ServiceProperties> services = new java.util.TreeMap<>();
        for (String name : names) {
            services.put(name, new ServiceProperties("h2", "jdbc:h2:mem:" + name, null, null, null, null, null, null, null, null,
                    null, null, null, "hasura"));
        }
        return new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, services));
    }

    private static Table table(String service, String name) {
        return new Table(new TableRef(new ServiceName(service), null, name), false,
                List.of(new Column("id", "id", ColumnType.INT, false, "INTEGER")), List.of("id"), List.of(), null, null);
    }
}
