package dev.weft.schema;

import static graphql.schema.GraphQLInputObjectField.newInputObjectField;
import static graphql.schema.GraphQLTypeReference.typeRef;

import dev.weft.catalog.Column;
import dev.weft.catalog.GraphqlNames;
import dev.weft.catalog.Table;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The inputs that order a table's rows by an aggregate of an array relationship's rows, as Hasura's
 * {@code <table>_aggregate_order_by}: for related table {@code ShopOrders}, {@code ShopOrdersAggregateOrderBy
 * {count: OrderBy, sum: ShopOrdersSumOrderBy, ..., max: ShopOrdersMaxOrderBy}}, each function's input having a
 * field per column it applies to (numeric columns for sum, avg and the statistics of spread; ordered columns
 * for min and max), among the columns the role may aggregate (visible, unmasked), as {@link AggregateTypes}.
 *
 * <p>Example: {@code crm_customers(order_by: [{orders_aggregate: {max: {total: desc}}}, {id: asc}])}.
 */
final class AggregateOrderTypes {
    /** The aggregate functions, in the order of {@link GraphqlNames#FUNCTION_ORDER_BY}. */
    private static final List<String> FUNCTIONS = List.of("sum", "avg", "min", "max", "stddev", "stddev_pop", "stddev_samp",
            "variance", "var_pop", "var_samp");
    private final SchemaView view;
    private final String orderByEnum;
    private final Consumer<GraphQLType> put;
    private final Set<String> built = new HashSet<>();

    AggregateOrderTypes(SchemaView view, String orderByEnum, Consumer<GraphQLType> put) {
        this.view = view;
        this.orderByEnum = orderByEnum;
        this.put = put;
    }

    /** The name of the table's {@code AggregateOrderBy} input, built on first use. */
    String of(Table table) {
        String name = table.typeName() + GraphqlNames.AGGREGATE_ORDER_BY;
        if (!built.add(name)) {
            return name;
        }
        List<Column> numeric = table.columns().stream()
                .filter(c -> c.isScalar() && c.type().isNumeric() && view.comparable(table.ref(), c)).toList();
        List<Column> ordered = table.columns().stream()
                .filter(c -> c.isScalar() && c.type().isOrdered() && view.comparable(table.ref(), c)).toList();
        GraphQLInputObjectType.Builder input = GraphQLInputObjectType.newInputObject().name(name)
                .description("Ordering by an aggregate of related rows of " + table.ref() + " (those the role may see)")
                .field(newInputObjectField().name("count").type(typeRef(orderByEnum)));
        for (int i = 0; i < FUNCTIONS.size(); i++) {
            String f = FUNCTIONS.get(i);
            List<Column> columns = f.equals("min") || f.equals("max") ? ordered : numeric;
            if (columns.isEmpty()) {
                continue;
            }
            String typeName = table.typeName() + GraphqlNames.FUNCTION_ORDER_BY.get(i);
            GraphQLInputObjectType.Builder function = GraphQLInputObjectType.newInputObject().name(typeName)
                    .description("Ordering by " + f + " of columns of related rows of " + table.ref());
            columns.forEach(c -> function.field(newInputObjectField().name(c.fieldName()).type(typeRef(orderByEnum))));
            put.accept(function.build());
            input.field(newInputObjectField().name(f).type(typeRef(typeName)));
        }
        put.accept(input.build());
        return name;
    }
}
