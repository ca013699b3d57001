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
import dev.weft.catalog.Relationship;
import dev.weft.catalog.Source;
import dev.weft.catalog.Table;
import dev.weft.catalog.TypeNaming;
import dev.weft.catalog.TypeNaming.Part;
import dev.weft.schema.federation.Subgraph;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the Hasura-style schema of the README's "The GraphQL API" from the catalog. For table {@code employees} of
 * service {@code hr}: type {@code HrEmployees}, inputs {@code HrEmployeesBoolExp} and
 * {@code HrEmployeesOrderBy}, {@code HrEmployeesAggregate}, and root fields {@code hr_employees},
 * {@code hr_employees_by_pk}, {@code hr_employees_aggregate}. Every type name comes from the service's
 * {@link TypeNaming}; in Hasura's naming the same table gives {@code employees}, {@code employees_bool_exp}, ...
 * and the root type is {@code query_root} when every service is named so.
 *
 * <p>Root fields and list relationships are nullable ({@code [HrEmployees!]}) so that a source that
 * is down nulls only its own fields instead of the whole response (README, "Errors"); relationships.yml's
 * {@code required: true} makes a relationship non-null, and its failures bubble. In Hasura's naming lists are
 * non-null ({@code [employees!]!}), as Hasura's: a failing list then nulls what holds it, as in Hasura.
 */
public final class SchemaGenerator {
    private final Map<String, GraphQLType> types = new LinkedHashMap<>();
    private final GraphQLCodeRegistry.Builder code = GraphQLCodeRegistry.newCodeRegistry();
    private final Map<String, Table> tablesByRef = new LinkedHashMap<>();
    private final Map<String, Table> tablesByType = new LinkedHashMap<>();
    private final boolean validating;
    private final Subgraph subgraph;
    private final List<String> entityTypes = new ArrayList<>();
    private FetcherFactory fetchers;
    private SchemaView view = SchemaView.ALL;
    private AggregateOrderTypes aggregateOrder;
    private ListArguments listArguments;
    private final Map<String, TypeNaming> namings = new LinkedHashMap<>(); // by service
    private final ComparisonTypes comparisons = new ComparisonTypes(types);
    private boolean stringify;
    private String queryType = "Query";

    /** A generator of federation subgraph schemas without federation.yml ({@link Subgraph#DEFAULT}). */
    public SchemaGenerator() {
        this(false, Subgraph.DEFAULT);
    }

    /** A generator whose schemas are a federation subgraph as {@code subgraph} says (or none, when it is disabled). */
    public SchemaGenerator(Subgraph subgraph) {
        this(false, subgraph);
    }

    private SchemaGenerator(boolean validating, Subgraph subgraph) {
        this.validating = validating;
        this.subgraph = subgraph;
    }

    /**
     * A generator whose schemas graphql-java validates too (as its default builder does): for tests of the
     * generator. Its memory grows with the square of the schema's depth; Weft itself never validates.
     */
    public static SchemaGenerator validating() {
        return new SchemaGenerator(true, Subgraph.DEFAULT);
    }

    /** As {@link #validating()}, for the subgraph {@code subgraph} (federation.yml's directives included). */
    public static SchemaGenerator validating(Subgraph subgraph) {
        return new SchemaGenerator(true, subgraph);
    }

    /** This generator, rendering 64-bit integers and decimals as JSON strings when {@code on} ({@code weft.stringify-numeric-types}). */
    public SchemaGenerator stringifyNumericTypes(boolean on) {
        this.stringify = on;
        return this;
    }

    /** The full schema: every table, column and relationship. */
    public GeneratedSchema generate(Catalog catalog, SchemaBindings bindings, FetcherFactory fetcherFactory) {
        return generate(catalog, bindings, fetcherFactory, SchemaView.ALL);
    }

    /** The schema of one view: only what it shows (one role's schema, or the full one with its masks). */
    public GeneratedSchema generate(Catalog catalog, SchemaBindings bindings, FetcherFactory fetcherFactory,
                                    SchemaView schemaView) {
        return generate(catalog, bindings, fetcherFactory, schemaView, null);
    }

    /** As above, with the {@code Mutation} type of {@link MutationSchemaGenerator} when {@code mutations} is given. */
    public GeneratedSchema generate(Catalog catalog, SchemaBindings bindings, FetcherFactory fetcherFactory,
                                    SchemaView schemaView, MutationOptions mutations) {
        this.fetchers = fetcherFactory;
        this.view = schemaView;
        this.aggregateOrder = new AggregateOrderTypes(schemaView, this::put);
        this.listArguments = new ListArguments(schemaView, this::naming, this::sortable);
        catalog.tables().forEach((ref, table) -> {
            tablesByRef.put(ref.toString(), table);
            tablesByType.put(table.typeName(), table);
        });
        catalog.sources().forEach(s -> namings.put(s.settings().name(), TypeNaming.of(s.settings().naming())));
        TypeNaming roots = roots(catalog);
        queryType = roots.queryRoot();
        GraphQLObjectType.Builder query = GraphQLObjectType.newObject().name(queryType);
        boolean anyTable = false;
        for (Source source : catalog.sources()) {
            for (Table table : source.tables()) {
                if (!view.table(table.ref())) {
                    continue;
                }
                TableBinding binding = bindings.table(table.ref());
                addTableTypes(binding);
                addRootFields(query, table);
                anyTable = true;
            }
        }
        if (!anyTable) {
            query.field(newFieldDefinition().name("_empty").type(graphql.Scalars.GraphQLString)
                    .description("No table is served here; this field only keeps the schema valid."));
        }
        if (subgraph.enabled()) {
            SubgraphParts.add(query, entityTypes, code, this::put, (field, binding) -> register(queryType, field, binding));
            if (mutations != null && schemaView.shape().full()) {
                subgraph.checkUnique(t -> mutations.writable().test(catalog.source(t.ref().service())) && !t.view()
                        && !t.primaryKey().isEmpty() // the writers read the constraints of these tables only
                        ? java.util.Optional.of(mutations.uniqueKeys().apply(t.ref())) : java.util.Optional.empty());
            }
        }
        GraphQLObjectType mutation = mutations == null ? null
                : new MutationSchemaGenerator(view, bindings, mutations, code, this::put, stringify)
                        .generate(catalog, roots.mutationRoot()).orElse(null);
        List<graphql.schema.GraphQLDirective> directives = new ArrayList<>();
        if (view.hasMasks() || subgraph.composesMask()) {
            directives.add(MaskDirective.DEFINITION);
        }
        if (subgraph.enabled()) {
            directives.addAll(SubgraphParts.definitions());
            directives.addAll(subgraph.options().definitions());
        }
        directives.add(CachedDirective.DEFINITION);
        GraphQLSchema schema = SchemaAssembly.build(query.build(), mutation, types.values(), code, directives,
                subgraph.enabled() ? subgraph.schemaDirectives() : List.of(), validating);
        return new GeneratedSchema(schema, bindings);
    }

    /** The naming of the root types: Hasura's ({@code query_root}) when every service is named so, else Weft's. */
    static TypeNaming roots(Catalog catalog) {
        return !catalog.sources().isEmpty() && catalog.sources().stream()
                .allMatch(s -> TypeNaming.of(s.settings().naming()).hasura()) ? TypeNaming.HASURA : TypeNaming.WEFT;
    }

    private TypeNaming naming(Table table) {
        return namings.getOrDefault(table.ref().service().toString(), TypeNaming.WEFT);
    }

    private ScalarSet scalars(Table table) {
        return ScalarSet.of(naming(table).hasura(), stringify);
    }

    /** The sort direction enum of {@code table}'s naming ({@code OrderBy}, {@code order_by}), added on first use. */
    private GraphQLInputType orderByEnum(Table table) {
        String name = naming(table).orderByEnum();
        types.computeIfAbsent(name, Scalars::orderByEnum);
        return typeRef(name);
    }

    /** A list of rows: {@code [T!]}, in Hasura's naming {@code [T!]!}. */
    private GraphQLOutputType rows(Table table, String type) {
        return naming(table).hasura() ? nonNull(list(nonNull(typeRef(type)))) : list(nonNull(typeRef(type)));
    }

    /** Whether a table's rows can be ordered in this view (a visible, unmasked column that sorts). */
    private boolean sortable(Table table) {
        return table.columns().stream().anyMatch(c -> c.isScalar() && view.comparable(table.ref(), c)
                && (c.type().isOrdered() || c.type() == dev.weft.catalog.ColumnType.BOOLEAN));
    }

    private void addRootFields(GraphQLObjectType.Builder query, Table table) {
        String type = table.typeName();
        String description = (table.view() ? "view " : "table ") + table.ref();
        query.field(register(queryType, newFieldDefinition().name(table.rootField())
                .description("Rows of " + description).arguments(listArguments(type)).type(rows(table, type)),
                new FieldBinding.RootList(table.ref())));
        GraphQLOutputType aggregate = typeRef(naming(table).of(type, Part.AGGREGATE));
        query.field(register(queryType, newFieldDefinition().name(table.rootField() + GraphqlNames.AGGREGATE_FIELD)
                .description("Aggregates over rows of " + description).arguments(listArguments(type))
                .type(naming(table).hasura() ? nonNull(aggregate) : aggregate), new FieldBinding.RootAggregate(table.ref())));
        if (view.byPk(table)) {
            List<GraphQLArgument> keys = table.primaryKey().stream()
                    .map(table::requireColumn)
                    .map(c -> newArgument().name(c.fieldName()).type(nonNull(scalar(table, c))).build())
                    .toList();
            List<String> names = new ArrayList<>(List.of(table.rootField() + GraphqlNames.BY_PK));
            subgraph.options().lookup(table.ref()).ifPresent(names::add); // federation.yml's lookup: the same field
            names.forEach(name -> query.field(register(queryType, newFieldDefinition().name(name)
                    .description("The row of " + description + " with this primary key, or null")
                    .arguments(keys).type(typeRef(type)), new FieldBinding.RootByPk(table.ref()))));
        }
    }

    private void addTableTypes(TableBinding binding) {
        Table table = binding.table();
        String type = table.typeName();
        GraphQLObjectType.Builder object = GraphQLObjectType.newObject().name(type)
                .description(table.comment() != null ? table.comment() : (table.view() ? "View " : "Table ") + table.ref());
        List<String> keys = subgraph.keys(table, c -> view.comparable(table.ref(), c)); // as _by_pk: every key column, unmasked
        subgraph.typeDirectives(table, keys).forEach(object::withAppliedDirective);
        if (!keys.isEmpty()) {
            entityTypes.add(type);
        }
        TypeNaming naming = naming(table);
        String boolExp = naming.of(type, Part.BOOL_EXP);
        GraphQLInputObjectType.Builder where = GraphQLInputObjectType.newInputObject().name(boolExp)
                .description("Filter on " + table.ref() + "; all given conditions must hold")
                .field(newInputObjectField().name("_and").type(list(nonNull(typeRef(boolExp)))))
                .field(newInputObjectField().name("_or").type(list(nonNull(typeRef(boolExp)))))
                .field(newInputObjectField().name("_not").type(typeRef(boolExp)));
        GraphQLInputObjectType.Builder orderBy = GraphQLInputObjectType.newInputObject().name(naming.of(type, Part.ORDER_BY))
                .description("Ordering of " + table.ref() + "; give one key per list element to fix the order of keys");
        for (Column column : table.columns()) {
            if (!view.column(table.ref(), column)) {
                continue;
            }
            if (!column.isScalar()) {
                addDocumentField(table, type, table.ref().toString(), column, object, where, orderBy, binding.textMatching());
                continue;
            }
            GraphQLFieldDefinition.Builder field = JsonbComparison.withPath(column, newFieldDefinition().name(column.fieldName()))
                    .description(column.comment())
                    .type(column.nullable() ? scalar(table, column) : nonNull(scalar(table, column)));
            view.masks(table.ref(), column).forEach((strategy, roles) -> field.withAppliedDirective(MaskDirective.applied(strategy, roles)));
            subgraph.fieldDirectives(table.ref(), column.fieldName()).forEach(field::withAppliedDirective);
            object.field(register(type, field, new FieldBinding.ColumnField(column, table.ref())));
            if (!view.comparable(table.ref(), column)) {
                continue; // a masked column is output only: comparing or sorting would reveal it
            }
            if (column.type().isComparable() || column.type() == dev.weft.catalog.ColumnType.JSON) {
                where.field(newInputObjectField().name(column.fieldName()).type(comparisons.of(column, binding.textMatching(), naming,
                        scalars(table))));
            }
            if (column.type().isOrdered() || column.type() == dev.weft.catalog.ColumnType.BOOLEAN) {
                orderBy.field(newInputObjectField().name(column.fieldName()).type(orderByEnum(table)));
            }
        }
        for (Relationship r : binding.relationships().values()) {
            if (!view.relationship(r)) {
                continue; // a role sees a relationship only when it may select both sides
            }
            Table target = tablesByRef.get(r.to().toString());
            addRelationship(object, r, target);
            where.field(newInputObjectField().name(r.fieldName()).type(typeRef(naming(target).of(target.typeName(), Part.BOOL_EXP))));
            if (r.cardinality() == Relationship.Cardinality.OBJECT && sortable(target)) {
                orderBy.field(newInputObjectField().name(r.fieldName()).type(typeRef(naming(target).of(target.typeName(), Part.ORDER_BY))));
            } else if (r.cardinality() != Relationship.Cardinality.OBJECT && r.junction().isEmpty()) {
                orderBy.field(newInputObjectField().name(r.fieldName() + GraphqlNames.AGGREGATE_FIELD)
                        .type(typeRef(aggregateOrder.of(target, naming(target), orderByEnum(target)))));
            }
        }
        put(object.build());
        put(where.build());
        if (sortable(table)) {
            put(orderBy.build());
        }
        new AggregateTypes(view, code, this::put, naming, scalars(table)).add(table);
    }

    /**
     * A MongoDB field that is a nested document or an array (SQL columns never are): a nested object type
     * ({@code EventsClicksPayload}) with its own {@code BoolExp} and {@code OrderBy}, or a list. In {@code where}
     * a document takes its nested filter, an array of values its element's comparisons and an array of
     * documents the documents' filter (each condition holds for some element, MongoDB's dot-notation rule);
     * {@code order_by} reaches into documents, never into arrays ({@code orderBy} is null inside an array).
     */
    private void addDocumentField(Table table, String owner, String origin, Column column, GraphQLObjectType.Builder object,
                                  GraphQLInputObjectType.Builder where, GraphQLInputObjectType.Builder orderBy,
                                  dev.weft.catalog.TextMatching matching) {
        TypeNaming naming = naming(table);
        ScalarSet scalars = scalars(table);
        String nested = naming.nested(owner, column);
        String nestedBoolExp = naming.of(nested, Part.BOOL_EXP);
        GraphQLOutputType element = column.isDocument() ? typeRef(nested) : scalars.of(column);
        GraphQLOutputType type = column.list() ? list(element) : element;
        object.field(register(owner, newFieldDefinition().name(column.fieldName())
                .type(column.nullable() ? type : nonNull(type)), new FieldBinding.ColumnField(column)));
        if (!column.isDocument()) {
            where.field(newInputObjectField().name(column.fieldName()).type(comparisons.of(column, matching, naming, scalars)));
            return;
        }
        String path = origin + "." + column.name();
        GraphQLObjectType.Builder nestedObject = GraphQLObjectType.newObject().name(nested)
                .description((column.list() ? "Documents of the array '" : "The nested document '") + path + "'");
        GraphQLInputObjectType.Builder nestedWhere = GraphQLInputObjectType.newInputObject().name(nestedBoolExp)
                .description("Filter on " + path + "; all given conditions must hold")
                .field(newInputObjectField().name("_and").type(list(nonNull(typeRef(nestedBoolExp)))))
                .field(newInputObjectField().name("_or").type(list(nonNull(typeRef(nestedBoolExp)))))
                .field(newInputObjectField().name("_not").type(typeRef(nestedBoolExp)));
        GraphQLInputObjectType.Builder nestedOrder = GraphQLInputObjectType.newInputObject().name(naming.of(nested, Part.ORDER_BY))
                .description("Ordering by fields of " + path);
        for (Column field : column.fields()) {
            if (!field.isScalar()) {
                addDocumentField(table, nested, path, field, nestedObject, nestedWhere,
                        orderBy == null || column.list() ? null : nestedOrder, matching);
                continue;
            }
            nestedObject.field(register(nested, newFieldDefinition().name(field.fieldName())
                    .type(field.nullable() ? scalars.of(field) : nonNull(scalars.of(field))),
                    new FieldBinding.ColumnField(field)));
            nestedWhere.field(newInputObjectField().name(field.fieldName()).type(comparisons.of(field, matching, naming, scalars)));
            if (field.type().isOrdered() || field.type() == dev.weft.catalog.ColumnType.BOOLEAN) {
                nestedOrder.field(newInputObjectField().name(field.fieldName()).type(orderByEnum(table)));
            }
        }
        put(nestedObject.build());
        where.field(newInputObjectField().name(column.fieldName()).type(typeRef(nestedBoolExp)));
        put(nestedWhere.build());
        GraphQLInputObjectType order = nestedOrder.build();
        if (orderBy != null && !column.list() && !order.getFieldDefinitions().isEmpty()) {
            put(order);
            orderBy.field(newInputObjectField().name(column.fieldName()).type(typeRef(naming.of(nested, Part.ORDER_BY))));
        }
    }

    private void addRelationship(GraphQLObjectType.Builder object, Relationship r, Table target) {
        String owner = tablesByRef.get(r.from().toString()).typeName();
        String description = r.description() != null ? r.description() : "Related rows of " + r.to()
                + " (" + String.join(", ", r.fromColumns()) + " = " + String.join(", ", r.toColumns()) + ")";
        List<graphql.schema.GraphQLAppliedDirective> directives = subgraph.fieldDirectives(r.from(), r.fieldName());
        if (r.cardinality() == Relationship.Cardinality.OBJECT) {
            object.field(register(owner, newFieldDefinition().name(r.fieldName()).description(description)
                    .type(r.required() ? nonNull(typeRef(target.typeName())) : typeRef(target.typeName())).withAppliedDirectives(directives.toArray(new graphql.schema.GraphQLAppliedDirective[0])),
                    new FieldBinding.RelationshipField(r)));
            return;
        }
        object.field(register(owner, newFieldDefinition().name(r.fieldName()).description(description)
                .arguments(listArguments(target.typeName())).type(r.required() ? nonNull(list(nonNull(typeRef(target.typeName()))))
                        : rows(target, target.typeName()))
                .withAppliedDirectives(directives.toArray(new graphql.schema.GraphQLAppliedDirective[0])),
                new FieldBinding.RelationshipField(r)));
        object.field(register(owner, newFieldDefinition().name(r.fieldName() + GraphqlNames.AGGREGATE_FIELD)
                .description("Aggregates over " + r.fieldName()).arguments(listArguments(target.typeName()))
                .type(naming(target).hasura() ? nonNull(typeRef(naming(target).of(target.typeName(), Part.AGGREGATE)))
                        : typeRef(naming(target).of(target.typeName(), Part.AGGREGATE))), new FieldBinding.RelationshipAggregate(r)));
    }

    private List<GraphQLArgument> listArguments(String type) {
        return listArguments.of(tablesByType.get(type));
    }

    private GraphQLFieldDefinition register(String owner, GraphQLFieldDefinition.Builder field, FieldBinding binding) {
        GraphQLFieldDefinition built = field.build();
        DataFetcher<?> fetcher = fetchers.fetcher(binding);
        code.dataFetcher(FieldCoordinates.coordinates(owner, built.getName()), fetcher);
        return built;
    }

    /** A column's scalar: its type's, or federation.yml's ({@code ID}). */
    private GraphQLScalarType scalar(Table table, Column column) {
        return subgraph.options().scalar(table.ref(), column, scalars(table).of(column));
    }

    private void put(GraphQLType type) {
        types.put(((graphql.schema.GraphQLNamedType) type).getName(), type);
    }
}
