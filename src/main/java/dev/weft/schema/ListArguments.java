package dev.weft.schema;

import static graphql.schema.GraphQLArgument.newArgument;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;
import static graphql.schema.GraphQLTypeReference.typeRef;

import dev.weft.catalog.Table;
import dev.weft.catalog.TypeNaming;
import dev.weft.catalog.TypeNaming.Part;
import graphql.schema.GraphQLArgument;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The arguments of a field returning a table's rows or their aggregate: {@code where}, {@code order_by} (when the
 * rows can be sorted in the view), {@code limit}, {@code offset}, and {@code distinct_on: [<Type>SelectColumn!]}
 * when the table has that enum in the view (an aggregate then computes over the distinct rows, as in Hasura).
 *
 * <p>Example: {@code hr_employees(distinct_on: [HrEmployeesSelectColumn!], where: HrEmployeesBoolExp,
 * order_by: [HrEmployeesOrderBy!], limit: Int, offset: Int)}.
 */
final class ListArguments {
    private final SchemaView view;
    private final Function<Table, TypeNaming> naming;
    private final Predicate<Table> sortable;

    ListArguments(SchemaView view, Function<Table, TypeNaming> naming, Predicate<Table> sortable) {
        this.view = view;
        this.naming = naming;
        this.sortable = sortable;
    }

    List<GraphQLArgument> of(Table table) {
        String type = table.typeName();
        TypeNaming names = naming.apply(table);
        List<GraphQLArgument> arguments = new ArrayList<>();
        if (AggregateTypes.hasSelectColumns(view, table)) {
            arguments.add(newArgument().name("distinct_on").type(list(nonNull(typeRef(names.of(type, Part.SELECT_COLUMN)))))
                    .description("Keep the first row (by order_by, which must start with these columns) of each distinct "
                            + "combination of these columns").build());
        }
        arguments.add(newArgument().name("where").type(typeRef(names.of(type, Part.BOOL_EXP))).description("Filter the rows").build());
        if (sortable.test(table)) {
            arguments.add(newArgument().name("order_by").type(list(nonNull(typeRef(names.of(type, Part.ORDER_BY)))))
                    .description("Sort the rows by one or more keys").build());
        }
        arguments.add(newArgument().name("limit").type(graphql.Scalars.GraphQLInt).description("At most this many rows").build());
        arguments.add(newArgument().name("offset").type(graphql.Scalars.GraphQLInt).description("Skip this many rows").build());
        return arguments;
    }
}
