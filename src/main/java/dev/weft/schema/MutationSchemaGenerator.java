package dev.weft.schema;

import static graphql.schema.GraphQLArgument.newArgument;
import static graphql.schema.GraphQLFieldDefinition.newFieldDefinition;
import static graphql.schema.GraphQLInputObjectField.newInputObjectField;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;
import static graphql.schema.GraphQLTypeReference.typeRef;

import dev.weft.catalog.Catalog;
import dev.weft.catalog.Column;
import dev.weft.catalog.GraphqlNames;
import dev.weft.catalog.Source;
import dev.weft.catalog.Table;
import dev.weft.catalog.TypeNaming;
import dev.weft.catalog.TypeNaming.Part;
import dev.weft.catalog.UniqueKey;
import dev.weft.config.WriteSpec.Kind;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code Mutation} type in Hasura's dialect, for the tables a view may write. For table
 * {@code accounts} of service {@code shop} (type {@code ShopAccounts}):
 *
 * <pre>{@code
 * insert_shop_accounts(objects: [ShopAccountsInsertInput!]!, on_conflict: ShopAccountsOnConflict): ShopAccountsMutationResponse
 * insert_shop_accounts_one(object: ShopAccountsInsertInput!, on_conflict: ShopAccountsOnConflict): ShopAccounts
 * update_shop_accounts(where: ShopAccountsBoolExp!, _set: ShopAccountsSetInput, _inc: ShopAccountsIncInput): ShopAccountsMutationResponse
 * update_shop_accounts_by_pk(pk_columns: ShopAccountsPkColumnsInput!, _set: ..., _inc: ...): ShopAccounts
 * update_shop_accounts_many(updates: [ShopAccountsUpdates!]!): [ShopAccountsMutationResponse]
 * delete_shop_accounts(where: ShopAccountsBoolExp!): ShopAccountsMutationResponse
 * delete_shop_accounts_by_pk(id: Int!): ShopAccounts
 * }</pre>
 *
 * Only tables (not views) with a primary key, of sources with a writer, that the view may also select,
 * get mutations; input types hold only the columns the view may write (presets excluded). The
 * {@code _by_pk} mutations follow the query's rule: only for a view that sees every key column unmasked.
 */
final class MutationSchemaGenerator {
    private final SchemaView view;
    private final SchemaBindings bindings;
    private final MutationOptions options;
    private final GraphQLCodeRegistry.Builder code;
    private final Consumer<GraphQLType> put;
    /** Whether the source whose tables are being added runs a field in one transaction. */
    private boolean atomic;
    /** Whether the source whose tables are being added never changes a key (MongoDB's {@code _id}). */
    private boolean fixedKeys;
    private final boolean stringify;
    private final java.util.Map<String, TypeNaming> namings = new java.util.HashMap<>(); // by service
    /** The naming and scalars of the source whose tables are being added. */
    private TypeNaming naming = TypeNaming.WEFT;
    private ScalarSet scalars;
    private String mutationType = "Mutation";

    MutationSchemaGenerator(SchemaView view, SchemaBindings bindings, MutationOptions options, GraphQLCodeRegistry.Builder code,
                            Consumer<GraphQLType> put, boolean stringify) {
        this.view = view;
        this.bindings = bindings;
        this.options = options;
        this.code = code;
        this.put = put;
        this.stringify = stringify;
        this.scalars = ScalarSet.of(false, stringify);
    }

    /** The mutation type named {@code typeName} ({@code Mutation}, {@code mutation_root}), or empty when the view may write no table. */
    Optional<GraphQLObjectType> generate(Catalog catalog, String typeName) {
        mutationType = typeName;
        catalog.sources().forEach(s -> namings.put(s.settings().name(), TypeNaming.of(s.settings().naming())));
        GraphQLObjectType.Builder mutation = GraphQLObjectType.newObject().name(typeName);
        boolean any = false;
        for (Source source : catalog.sources()) {
            if (!options.writable().test(source)) {
                continue;
            }
            naming = TypeNaming.of(source.settings().naming());
            scalars = ScalarSet.of(naming.hasura(), stringify);
            atomic = options.atomic().test(source);
            fixedKeys = source.settings().kind() == dev.weft.config.SourceKind.MONGODB;
            for (Table table : source.tables()) {
                if (!table.view() && !table.primaryKey().isEmpty() && view.table(table.ref())) {
                    any |= addTable(mutation, table);
                }
            }
        }
        return any ? Optional.of(mutation.build()) : Optional.empty();
    }

    private boolean addTable(GraphQLObjectType.Builder mutation, Table table) {
        // an input type needs a field: a write whose columns are all preset is not offered
        Optional<Set<String>> insert = view.writable(table, Kind.INSERT).filter(c -> settable(table, c));
        Optional<Set<String>> update = view.writable(table, Kind.UPDATE).map(c -> changeable(table, c)).filter(c -> settable(table, c));
        boolean delete = view.writable(table, Kind.DELETE).isPresent();
        if (insert.isEmpty() && update.isEmpty() && !delete) {
            return false;
        }
        String type = table.typeName();
        String root = table.rootField();
        put.accept(GraphQLObjectType.newObject().name(name(table, Part.MUTATION_RESPONSE))
                .description("The result of a mutation on " + table.ref())
                .field(newFieldDefinition().name("affected_rows").type(nonNull(graphql.Scalars.GraphQLInt))
                        .description("The number of rows inserted, updated or deleted"))
                .field(newFieldDefinition().name("returning").type(nonNull(list(nonNull(typeRef(type)))))
                        .description("The rows written (as the caller may read them)"))
                .build());
        List<GraphQLArgument> pkArguments = table.primaryKey().stream().map(table::requireColumn)
                .map(c -> newArgument().name(c.fieldName()).type(nonNull(scalars.of(c))).build()).toList();
        if (update.isPresent()) {
            addUpdate(mutation, table, update.get());
        }
        if (insert.isPresent()) {
            boolean onConflict = update.isPresent() && addOnConflict(table, update.get());
            GraphQLInputObjectType.Builder insertInput = inputOf(name(table, Part.INSERT_INPUT), "Values of a row inserted into "
                    + table.ref(), table, insert.get());
            addNestedInserts(table, insertInput);
            put.accept(insertInput.build());
            GraphQLArgument conflict = newArgument().name("on_conflict").type(typeRef(name(table, Part.ON_CONFLICT)))
                    .description("Update the row that has the same values of a unique constraint instead").build();
            GraphQLFieldDefinition.Builder many = newFieldDefinition().name("insert_" + root)
                    .description("Inserts rows into " + table.ref() + transaction(" "))
                    .argument(newArgument().name("objects").type(nonNull(list(nonNull(typeRef(name(table, Part.INSERT_INPUT)))))))
                    .type(typeRef(name(table, Part.MUTATION_RESPONSE)));
            GraphQLFieldDefinition.Builder one = newFieldDefinition().name("insert_" + root + "_one")
                    .description("Inserts one row into " + table.ref())
                    .argument(newArgument().name("object").type(nonNull(typeRef(name(table, Part.INSERT_INPUT)))))
                    .type(typeRef(type));
            if (onConflict) {
                many.argument(conflict);
                one.argument(conflict);
            }
            register(mutation, many, new MutationBinding.Insert(table.ref(), false));
            register(mutation, one, new MutationBinding.Insert(table.ref(), true));
        }
        if (delete) {
            register(mutation, newFieldDefinition().name("delete_" + root).description("Deletes the rows of " + table.ref()
                            + " that match" + transaction(", "))
                    .argument(newArgument().name("where").type(nonNull(typeRef(name(table, Part.BOOL_EXP)))))
                    .type(typeRef(name(table, Part.MUTATION_RESPONSE))), new MutationBinding.Delete(table.ref(), false));
        }
        if (delete && view.byPk(table)) { // the rule of the query's _by_pk: the role sees the whole key, unmasked
            register(mutation, newFieldDefinition().name("delete_" + root + GraphqlNames.BY_PK)
                    .description("Deletes the row of " + table.ref() + " with this primary key; null when there is none")
                    .arguments(pkArguments).type(typeRef(type)), new MutationBinding.Delete(table.ref(), true));
        }
        return true;
    }

    private void addUpdate(GraphQLObjectType.Builder mutation, Table table, Set<String> columns) {
        String type = table.typeName();
        String root = table.rootField();
        put.accept(inputOf(name(table, Part.SET_INPUT), "New values of columns of " + table.ref(), table, columns).build());
        List<Column> numeric = table.columns().stream().filter(c -> columns.contains(c.name()) && c.isScalar()
                && c.type().isNumeric()).toList();
        boolean inc = !numeric.isEmpty();
        if (inc) {
            GraphQLInputObjectType.Builder incInput = GraphQLInputObjectType.newInputObject().name(name(table, Part.INC_INPUT))
                    .description("Amounts added to numeric columns of " + table.ref());
            numeric.forEach(c -> incInput.field(newInputObjectField().name(c.fieldName()).type(scalars.of(c))));
            put.accept(incInput.build());
        }
        GraphQLInputObjectType.Builder updates = GraphQLInputObjectType.newInputObject().name(name(table, Part.UPDATES))
                .description("One update of update_" + root + "_many")
                .field(newInputObjectField().name("where").type(nonNull(typeRef(name(table, Part.BOOL_EXP)))))
                .field(newInputObjectField().name("_set").type(typeRef(name(table, Part.SET_INPUT))));
        if (inc) {
            updates.field(newInputObjectField().name("_inc").type(typeRef(name(table, Part.INC_INPUT))));
        }
        put.accept(updates.build());
        List<GraphQLArgument> changes = new java.util.ArrayList<>();
        changes.add(newArgument().name("_set").type(typeRef(name(table, Part.SET_INPUT))).build());
        if (inc) {
            changes.add(newArgument().name("_inc").type(typeRef(name(table, Part.INC_INPUT))).build());
        }
        register(mutation, newFieldDefinition().name("update_" + root)
                .description("Updates the rows of " + table.ref() + " that match" + transaction(", "))
                .argument(newArgument().name("where").type(nonNull(typeRef(name(table, Part.BOOL_EXP)))))
                .arguments(changes).type(typeRef(name(table, Part.MUTATION_RESPONSE))), new MutationBinding.Update(table.ref(), false));
        if (view.byPk(table)) {
            GraphQLInputObjectType.Builder pk = GraphQLInputObjectType.newInputObject().name(name(table, Part.PK_COLUMNS_INPUT))
                    .description("The primary key of a row of " + table.ref());
            table.primaryKey().stream().map(table::requireColumn)
                    .forEach(c -> pk.field(newInputObjectField().name(c.fieldName()).type(nonNull(scalars.of(c)))));
            put.accept(pk.build());
            register(mutation, newFieldDefinition().name("update_" + root + GraphqlNames.BY_PK)
                    .description("Updates the row of " + table.ref() + " with this primary key; null when there is none")
                    .argument(newArgument().name("pk_columns").type(nonNull(typeRef(name(table, Part.PK_COLUMNS_INPUT)))))
                    .arguments(changes).type(typeRef(type)), new MutationBinding.Update(table.ref(), true));
        }
        register(mutation, newFieldDefinition().name("update_" + root + "_many")
                .description("Several updates of " + table.ref() + " in order" + transaction(", "))
                .argument(newArgument().name("updates").type(nonNull(list(nonNull(typeRef(name(table, Part.UPDATES)))))))
                .type(list(typeRef(name(table, Part.MUTATION_RESPONSE)))), new MutationBinding.UpdateMany(table.ref()));
    }

    /** {@code <Type>OnConflict} with its {@code <Type>Constraint} and {@code <Type>UpdateColumn} enums; false when the table has no unique key. */
    private boolean addOnConflict(Table table, Set<String> updateColumns) {
        if (!uniquelyKeyed(table)) {
            return false;
        }
        List<UniqueKey> keys = options.uniqueKeys().apply(table.ref());
        String type = table.typeName();
        GraphQLEnumType.Builder constraints = GraphQLEnumType.newEnum().name(name(table, Part.CONSTRAINT))
                .description("Unique constraints of " + table.ref());
        Set<String> names = new HashSet<>();
        keys.forEach(k -> {
            String name = GraphqlNames.field(k.name());
            if (names.add(name)) {
                constraints.value(name, k.name(), "unique on " + String.join(", ", k.columns()));
            }
        });
        put.accept(constraints.build());
        GraphQLInputObjectType.Builder conflict = GraphQLInputObjectType.newInputObject().name(name(table, Part.ON_CONFLICT))
                .description("What to do when an inserted row has the values of an existing row's unique constraint")
                .field(newInputObjectField().name("constraint").type(nonNull(typeRef(name(table, Part.CONSTRAINT)))))
                .field(newInputObjectField().name("where").type(typeRef(name(table, Part.BOOL_EXP)))
                        .description("Update the existing row only when it matches"));
        GraphQLEnumType.Builder columns = GraphQLEnumType.newEnum().name(name(table, Part.UPDATE_COLUMN))
                .description("Columns of " + table.ref() + " an upsert may update");
        table.columns().stream().filter(c -> updateColumns.contains(c.name()) && c.isScalar())
                .forEach(c -> columns.value(c.fieldName(), c.fieldName()));
        put.accept(columns.build());
        conflict.field(newInputObjectField().name("update_columns").type(nonNull(list(nonNull(typeRef(name(table, Part.UPDATE_COLUMN))))))
                .defaultValueProgrammatic(List.of()).description("The columns to update with the inserted values; empty: leave the row"));
        put.accept(conflict.build());
        return true;
    }

    /** The type {@code part} of {@code table}, in its service's naming. */
    private String name(Table table, Part part) {
        return namings.getOrDefault(table.ref().service().toString(), TypeNaming.WEFT).of(table.typeName(), part);
    }

    /** "in one transaction", or for a source without transactions that it is not atomic. */
    private String transaction(String separator) {
        return separator + (atomic ? "in one transaction" : "without a transaction (the source has none): not atomic");
    }

    private boolean uniquelyKeyed(Table table) {
        List<UniqueKey> keys = options.uniqueKeys().apply(table.ref());
        return keys != null && !keys.isEmpty();
    }

    /** The columns an update may set: on MongoDB not {@code _id}, which a document keeps for life. */
    private Set<String> changeable(Table table, Set<String> columns) {
        if (!fixedKeys) {
            return columns;
        }
        Set<String> changeable = new HashSet<>(columns);
        table.primaryKey().forEach(changeable::remove);
        return changeable;
    }

    private static boolean settable(Table table, Set<String> columns) {
        return table.columns().stream().anyMatch(c -> c.isScalar() && columns.contains(c.name()));
    }

    /**
     * Fields of {@code <Type>InsertInput} that insert related rows through a foreign key of the same source in
     * the same transaction: {@code <rel>: <Target>ObjRelInsertInput} ({@code {data: {...}}}, the row this one
     * references, inserted first) and {@code <rel>: <Target>ArrRelInsertInput} ({@code {data: [...]}}, rows
     * that reference this one, inserted after it). Offered when the view may select both sides and insert
     * into the related table; with {@code on_conflict} (the target's {@code <Target>OnConflict}) when the view
     * may also update it and it has a unique constraint; through a relationship to another source when
     * {@link MutationOptions#crossSourceInserts} offers it (both sources then commit together, by two-phase commit).
     */
    private void addNestedInserts(Table table, GraphQLInputObjectType.Builder input) {
        for (dev.weft.catalog.Relationship r : bindings.table(table.ref()).relationships().values()) {
            Table target = bindings.table(r.to()).table();
            boolean parent = r.cardinality() == dev.weft.catalog.Relationship.Cardinality.OBJECT && table.foreignKeys().stream()
                    .anyMatch(fk -> fk.target().equals(r.to()) && fk.columns().equals(r.fromColumns())
                            && fk.targetColumns().equals(r.toColumns()));
            boolean children = r.cardinality() == dev.weft.catalog.Relationship.Cardinality.ARRAY && target.foreignKeys().stream()
                    .anyMatch(fk -> fk.target().equals(r.from()) && fk.columns().equals(r.toColumns())
                            && fk.targetColumns().equals(r.fromColumns()));
            boolean sameSource = (parent || children) && r.to().service().equals(r.from().service());
            boolean otherSource = options.crossSourceInserts().test(r); // a virtual relationship, by two-phase commit
            parent |= otherSource && r.cardinality() == dev.weft.catalog.Relationship.Cardinality.OBJECT;
            if (!(sameSource || otherSource) || r.junction().isPresent() || !view.relationship(r) || target.view()
                    || target.primaryKey().isEmpty() || view.writable(target, Kind.INSERT).filter(c -> settable(target, c)).isEmpty()) {
                continue;
            }
            String name = name(target, parent ? Part.OBJ_REL_INSERT_INPUT : Part.ARR_REL_INSERT_INPUT);
            GraphQLInputObjectType.Builder nested = GraphQLInputObjectType.newInputObject().name(name)
                    .description(parent ? "A row of " + target.ref() + " inserted first; this row references it"
                            : "Rows of " + target.ref() + " inserted after this row; they reference it")
                    .field(newInputObjectField().name("data").type(parent ? nonNull(typeRef(name(target, Part.INSERT_INPUT)))
                            : nonNull(list(nonNull(typeRef(name(target, Part.INSERT_INPUT)))))));
            if (view.writable(target, Kind.UPDATE).filter(c -> settable(target, c)).isPresent()
                    && uniquelyKeyed(target)) { // the condition of the target's own on_conflict (addOnConflict)
                nested.field(newInputObjectField().name("on_conflict").type(typeRef(name(target, Part.ON_CONFLICT)))
                        .description("Update the existing row that has the same values of a unique constraint instead"));
            }
            put.accept(nested.build());
            input.field(newInputObjectField().name(r.fieldName()).type(typeRef(name)));
        }
    }

    private GraphQLInputObjectType.Builder inputOf(String name, String description, Table table, Set<String> columns) {
        GraphQLInputObjectType.Builder input = GraphQLInputObjectType.newInputObject().name(name).description(description);
        for (Column c : table.columns()) {
            if (columns.contains(c.name())) {
                input.field(newInputObjectField().name(c.fieldName()).type(inputType(table.typeName(), c)));
            }
        }
        return input;
    }

    /**
     * A column's input type: its scalar, or for a MongoDB field a list of values, or a nested document's
     * {@code <NestedType>Input} with the nested fields (as the output type {@code <NestedType>} shows them).
     */
    private GraphQLInputType inputType(String owner, Column column) {
        GraphQLInputType element = scalars.of(column);
        if (column.isDocument()) {
            String nested = naming.nested(owner, column);
            GraphQLInputObjectType.Builder document = GraphQLInputObjectType.newInputObject().name(naming.of(nested, Part.INPUT))
                    .description("Values of the nested document '" + column.name() + "'");
            column.fields().forEach(f -> document.field(newInputObjectField().name(f.fieldName()).type(inputType(nested, f))));
            put.accept(document.build());
            element = typeRef(naming.of(nested, Part.INPUT));
        }
        return column.list() ? list(element) : element;
    }

    private void register(GraphQLObjectType.Builder mutation, GraphQLFieldDefinition.Builder field, MutationBinding binding) {
        GraphQLFieldDefinition built = field.build();
        code.dataFetcher(FieldCoordinates.coordinates(mutationType, built.getName()), options.fetchers().fetcher(binding));
        mutation.field(built);
    }
}
