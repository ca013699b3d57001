package dev.weft.schema.federation;

import dev.weft.catalog.Catalog;
import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import dev.weft.catalog.GraphqlNames;
import dev.weft.catalog.Relationship;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.config.ConfigProblem;
import dev.weft.config.FederationSpec;
import dev.weft.config.FederationSpec.ComposeSpec;
import dev.weft.config.FederationSpec.FieldSpec;
import dev.weft.config.FederationSpec.TypeSpec;
import graphql.schema.GraphQLDirective;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the options of {@link SubgraphOptions} against the catalog (names renamed by federation.yml): a lookup
 * needs a primary key and a root field name no other field of {@code Query} has, {@code type: ID} fits a text or
 * integer column, and a type's {@code directives} are directives this file defines for {@code OBJECT}. Problems
 * go to the resolver's list with file and line.
 */
final class SubgraphOptionsResolver {
    private static final Set<ColumnType> ID_TYPES = Set.of(ColumnType.STRING, ColumnType.INT, ColumnType.BIGINT);
    private static final Set<String> OWN_DIRECTIVES = Set.of("@key", "@requires", "@provides", "@external", "@shareable",
            "@inaccessible", "@tag", "@override", "@interfaceObject", "@composeDirective", "@link", "@mask", "@include",
            "@skip", "@deprecated", "@specifiedBy", "@oneOf", "@defer");

    private SubgraphOptionsResolver() {
    }

    static SubgraphOptions resolve(FederationSpec spec, Catalog catalog, Map<TableRef, TypeSpec> written,
                                   List<ConfigProblem> problems) {
        String file = spec.file();
        Map<String, GraphQLDirective> defined = new java.util.LinkedHashMap<>();
        for (ComposeSpec c : spec.composeDirectives()) {
            if (c.locations().isEmpty()) {
                continue;
            }
            if (OWN_DIRECTIVES.contains(c.name())) {
                problems.add(new ConfigProblem(file + ":" + c.line(), "compose-directives", "'" + c.name()
                        + "' is a directive of GraphQL, Federation or Weft; define a directive of another name"));
            } else {
                defined.put(c.name(), SubgraphOptions.define(c.name(), c.locations()));
            }
        }
        Set<String> rootFields = new HashSet<>(Set.of("_service", "_entities", "_empty"));
        catalog.tables().values().forEach(t -> rootFields.addAll(List.of(t.rootField(),
                t.rootField() + GraphqlNames.AGGREGATE_FIELD, t.rootField() + GraphqlNames.BY_PK)));
        Map<TableRef, String> lookups = new HashMap<>();
        Map<TableRef, Set<String>> ids = new HashMap<>();
        Set<TableRef> valueTypes = new HashSet<>();
        Map<TableRef, List<String>> directives = new HashMap<>();
        Map<TableRef, Map<List<String>, String>> nestedKeys = new HashMap<>();
        written.forEach((ref, type) -> {
            Table table = catalog.table(ref);
            String where = "types." + type.service() + "." + type.table();
            for (String key : type.keys()) {
                if (key.contains("{")) {
                    List<String> columns = nestedKey(catalog, table, key, file + ":" + type.lineOf("keys"), where + ".keys", problems);
                    if (columns != null) {
                        nestedKeys.computeIfAbsent(ref, r -> new java.util.LinkedHashMap<>()).put(columns, key);
                    }
                }
            }
            if (!type.entity()) {
                valueTypes.add(ref);
            }
            if (type.lookup() != null) {
                String at = file + ":" + type.lineOf("lookup");
                if (table.primaryKey().isEmpty()) {
                    problems.add(new ConfigProblem(at, where + ".lookup", ref + " has no primary key to look a row up by"));
                } else if (!rootFields.add(type.lookup())) {
                    problems.add(new ConfigProblem(at, where + ".lookup", "Query has a field '" + type.lookup()
                            + "' already; choose another name"));
                } else {
                    lookups.put(ref, type.lookup());
                }
            }
            for (String d : type.directives()) {
                GraphQLDirective definition = defined.get(d);
                if (definition == null || !definition.validLocations().contains(
                        graphql.introspection.Introspection.DirectiveLocation.OBJECT)) {
                    problems.add(new ConfigProblem(file + ":" + type.lineOf("directives"), where + ".directives", "'" + d
                            + "' is no directive of compose-directives with OBJECT among its locations (on: [OBJECT])"));
                }
            }
            directives.put(ref, type.directives());
            for (FieldSpec f : type.fields()) {
                if (f.type() == null) {
                    continue;
                }
                Column column = table.columns().stream().filter(c -> c.fieldName().equals(f.name())).findFirst().orElse(null);
                if (column == null || !column.isScalar() || !ID_TYPES.contains(column.type())) {
                    problems.add(new ConfigProblem(file + ":" + f.lineOf("type"), where + ".fields." + f.name() + ".type",
                            "ID fits a text or integer column; '" + f.name() + "' is "
                            + (column == null ? "a relationship" : "of type " + column.type())));
                } else {
                    ids.computeIfAbsent(ref, r -> new HashSet<>()).add(column.name());
                }
            }
        });
        return new SubgraphOptions(lookups, ids, valueTypes, directives, List.copyOf(defined.values()), nestedKeys);
    }

    /** The columns of a key written through object relationships, or null (with the problems added). */
    private static List<String> nestedKey(Catalog catalog, Table table, String key, String at, String where,
                                          List<ConfigProblem> problems) {
        List<String> columns = new java.util.ArrayList<>();
        int before = problems.size();
        for (List<String> path : dev.weft.config.KeyFieldSet.parse(key)) {
            String column = null;
            if (path.size() == 1) {
                column = table.columns().stream().filter(c -> c.fieldName().equals(path.get(0)) && c.isScalar())
                        .map(Column::name).findFirst().orElse(null);
            } else {
                Relationship r = catalog.relationship(table.ref(), path.get(0)).orElse(null);
                if (r == null || r.cardinality() != Relationship.Cardinality.OBJECT || r.junction().isPresent()) {
                    problems.add(new ConfigProblem(at, where, "'" + path.get(0) + "' is no object relationship of "
                            + table.typeName() + " (a key's nested fields go through one)"));
                    continue;
                }
                Table target = catalog.table(r.to());
                String targetColumn = target.columns().stream().filter(c -> c.fieldName().equals(path.get(1)))
                        .map(Column::name).findFirst().orElse(null);
                int i = r.toColumns().indexOf(targetColumn);
                if (i < 0) {
                    problems.add(new ConfigProblem(at, where, "'" + path.get(1) + "' is no column of " + target.typeName()
                            + " that '" + path.get(0) + "' joins on (" + String.join(", ", r.toColumns()) + ")"));
                    continue;
                }
                column = r.fromColumns().get(i);
            }
            String name = column;
            Column c = column == null ? null : table.columns().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            if (c == null) {
                problems.add(new ConfigProblem(at, where, "'" + path.get(0) + "' is no column of " + table.ref()));
            } else if (c.nullable() && path.size() > 1) { // a key's own columns may be null, as in SubgraphResolver
                problems.add(new ConfigProblem(at, where, "the column '" + c.name() + "' may be null; the column of a"
                        + " key's relationship must be NOT NULL"));
            } else {
                columns.add(c.name());
            }
        }
        return problems.size() == before ? columns : null;
    }
}
