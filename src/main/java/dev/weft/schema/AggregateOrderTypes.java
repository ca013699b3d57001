package dev.weft.schema;

import static graphql.schema.GraphQLInputObjectField.newInputObjectField;
import static graphql.schema.GraphQLTypeReference.typeRef;

import dev.weft.catalog.Column;
import dev.weft.catalog.Table;
import dev.weft.catalog.TypeNaming;
import dev.weft.catalog.TypeNaming.Part;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The inputs that order a table's rows by an aggregate of an array relationship's rows, as Hasura's
 * {@code <table>_aggregate_order_by}: for related table {@code ShopOrders}, {@code ShopOrdersAggregateOrderBy
 * {count: OrderBy, sum: ShopOrdersSumOrderBy, ..., max: ShopOrdersMaxOrderBy}} (names from {@link TypeNaming}:
 * {@code orders_aggregate_order_by}, {@code orders_max_order_by} in Hasura's), each function's input having a
 * field per column it applies to (numeric columns for sum, avg and the statistics of spread; ordered columns
 * for min and max), among the columns the role may aggregate (visible, unmasked), as {@link AggregateTypes}.
 *
 * <p>Example: {@code crm_customers(order_by: [{orders_aggregate: {max: {total: desc}}}, {id: asc}])}.
 */
final class AggregateOrderTypes {
    /** The aggregate functions, as their fields are named. */
    private static final List<String> FUNCTIONS = List.of("sum", "avg", "min", "max", "stddev", "stddev_pop", "stddev_samp",
            "variance", "var_pop", "var_samp");

    private final SchemaView view;
    private final Consumer<GraphQLType> put;
    private final Set<String> built = new HashSet<>();

    AggregateOrderTypes(SchemaView view, Consumer<GraphQLType> put) {
        this.view = view;
        this.put = put;
    }

    /** The name of the table's {@code AggregateOrderBy} input, built on first use with the sort enum {@code direction}. */
    String of(Table table, TypeNaming naming, GraphQLInputType direction) {
        String name = naming.of(table.typeName(), Part.AGGREGATE_ORDER_BY);
        if (!built.add(name)) {
            return name;
        }
        List<Column> numeric = table.columns().stream()
                .filter(c -> c.isScalar() && c.type().isNumeric() && view.comparable(table.ref(), c)).toList();
        List<Column> ordered = table.columns().stream()
                .filter(c -> c.isScalar() && c.type().isOrdered() && view.comparable(table.ref(), c)).toList();
        GraphQLInputObjectType.Builder input = GraphQLInputObjectType.newInputObject().name(name)
                .description("Ordering by an aggregate of related rows of " + table.ref() + " (those the role may see)")
                .field(newInputObjectField().name("count").type(direction));
        for (String f : FUNCTIONS) {
            List<Column> columns = f.equals("min") || f.equals("max") ? ordered : numeric;
            if (columns.isEmpty()) {
                continue;
            }
            String typeName = naming.of(table.typeName(), Part.orderByOf(f));
            GraphQLInputObjectType.Builder function = GraphQLInputObjectType.newInputObject().name(typeName)
                    .description("Ordering by " + f + " of columns of related rows of " + table.ref());
            columns.forEach(c -> function.field(newInputObjectField().name(c.fieldName()).type(direction)));
            put.accept(function.build());
            input.field(newInputObjectField().name(f).type(typeRef(typeName)));
        }
        put.accept(input.build());
        return name;
    }
}
