package dev.weft.catalog;

import dev.weft.catalog.Relationship.Cardinality;
import dev.weft.config.ConfigProblem;
import dev.weft.config.RelationshipSpec;
import dev.weft.config.WeftConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves introspected sources into a {@link Catalog}: names every table (type and root field),
 * turns foreign keys into relationships, and reports every name clash at once, naming both sides.
 *
 * <p>Foreign-key fields are named deterministically: on the referencing table an object field named
 * after the single key column without its {@code _id} suffix ({@code manager_id} gives {@code manager}),
 * else after the referenced table ({@code departments}); on the referenced table a list field named
 * after the referencing table ({@code dept_emp}). Where such a name is taken twice on one type, or by a
 * column, the field becomes {@code <table>_by_<column>[_<column>...]}.
 */
public final class CatalogResolver {

    /** Resolves and names, with foreign-key relationships only. */
    public Catalog resolve(List<Source> introspected) {
        return resolve(introspected, List.of());
    }

    /**
     * Resolves and names, adding the relationships of relationships.yml; throws
     * {@link WeftConfigException} with every problem and clash.
     */
    public Catalog resolve(List<Source> introspected, List<RelationshipSpec> specs) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<Source> named = introspected.stream().map(this::nameTables).toList();
        checkColumnClashes(named, problems);
        checkTypeAndRootClashes(named, problems);
        Map<TableRef, Table> tables = new HashMap<>();
        named.forEach(s -> s.tables().forEach(t -> tables.put(t.ref(), t)));
        List<Relationship> virtual = new VirtualRelationships(named).resolve(specs, problems);
        List<Relationship> relationships = new ArrayList<>(virtual);
        relationships.addAll(foreignKeyRelationships(named, tables, virtual, problems));
        if (!problems.isEmpty()) {
            throw new WeftConfigException(problems);
        }
        return new Catalog(named, relationships);
    }

    private Source nameTables(Source source) {
        var settings = source.settings();
        List<Table> tables = source.tables().stream()
                .map(t -> t.withNames(TypeNaming.of(settings.naming()).table(settings.typePrefix(), source.graphqlName(t.ref().name())),
                        settings.rootPrefix() + source.graphqlName(t.ref().name())))
                .toList();
        return source.withTables(tables);
    }

    private void checkColumnClashes(List<Source> sources, List<ConfigProblem> problems) {
        for (Source s : sources) {
            for (Table t : s.tables()) {
                Map<String, Column> seen = new HashMap<>();
                for (Column c : t.columns()) {
                    Column other = seen.putIfAbsent(c.fieldName(), c);
                    if (other != null) {
                        problems.add(clash(s, "columns '" + other.name() + "' and '" + c.name() + "' of table " + t.ref()
                                + " both become the GraphQL field '" + c.fieldName() + "'; exclude one or rename it"));
                    }
                }
                checkNestedFieldClashes(s, t, "", t.columns(), problems);
            }
        }
    }

    /** Fields of nested documents (MongoDB) follow the column rule; two that get one name are a clash too. */
    private void checkNestedFieldClashes(Source s, Table t, String path, List<Column> columns, List<ConfigProblem> problems) {
        for (Column document : columns) {
            Map<String, Column> seen = new HashMap<>();
            for (Column c : document.fields()) {
                Column other = seen.putIfAbsent(c.fieldName(), c);
                if (other != null) {
                    problems.add(clash(s, "fields '" + path + document.name() + "." + other.name() + "' and '" + path
                            + document.name() + "." + c.name() + "' of " + t.ref() + " both become the GraphQL field '"
                            + c.fieldName() + "'; rename one"));
                }
            }
            checkNestedFieldClashes(s, t, path + document.name() + ".", document.fields(), problems);
        }
    }

    /** The object, filter and order types of a table's nested documents, against every other type name. */
    private void checkNestedTypeClashes(Source s, Table t, String enclosingType, List<Column> columns,
                                        Map<String, Table> typeNames, List<ConfigProblem> problems) {
        for (Column c : columns) {
            if (!c.isDocument()) {
                continue;
            }
            TypeNaming naming = TypeNaming.of(s.settings().naming());
            String type = naming.nested(enclosingType, c);
            for (String name : List.of(type, naming.of(type, TypeNaming.Part.BOOL_EXP), naming.of(type, TypeNaming.Part.ORDER_BY))) {
                Table other = typeNames.putIfAbsent(name, t);
                if (other != null) {
                    problems.add(clash(s, "the nested document '" + c.name() + "' of " + t.ref() + " needs the GraphQL type '"
                            + name + "', which " + (other == t ? "another type of " + t.ref() : "table " + other.ref())
                            + " also needs; exclude one or rename the field"));
                }
            }
            checkNestedTypeClashes(s, t, type, c.fields(), typeNames, problems);
        }
    }

    private void checkTypeAndRootClashes(List<Source> sources, List<ConfigProblem> problems) {
        Map<String, Table> typeNames = new HashMap<>();
        Map<String, Table> rootFields = new HashMap<>();
        for (Source s : sources) {
            for (Table t : s.tables()) {
                TypeNaming naming = TypeNaming.of(s.settings().naming());
                if (naming.reserved(t.typeName())) {
                    problems.add(clash(s, "table " + t.ref() + " would be the GraphQL type '" + t.typeName() + "', a name "
                            + naming + " naming gives a built-in type; set a type-prefix or exclude it"));
                }
                List<String> names = new ArrayList<>(List.of(t.typeName()));
                java.util.Arrays.stream(TypeNaming.Part.values()).forEach(part -> names.add(naming.of(t.typeName(), part)));
                for (String name : names) {
                    Table other = typeNames.putIfAbsent(name, t);
                    if (other != null && other != t) {
                        problems.add(clash(s, "tables " + other.ref() + " and " + t.ref() + " both need the GraphQL type '"
                                + name + "'; set a different type-prefix or exclude one"));
                    }
                }
                checkNestedTypeClashes(s, t, t.typeName(), t.columns(), typeNames, problems);
                for (String suffix : List.of("", GraphqlNames.BY_PK, GraphqlNames.AGGREGATE_FIELD)) {
                    Table other = rootFields.putIfAbsent(t.rootField() + suffix, t);
                    if (other != null && other != t) {
                        problems.add(clash(s, "tables " + other.ref() + " and " + t.ref() + " both need the root field '"
                                + t.rootField() + suffix + "'; set a different prefix or exclude one"));
                    }
                }
            }
        }
    }

    private List<Relationship> foreignKeyRelationships(List<Source> sources, Map<TableRef, Table> tables,
                                                       List<Relationship> virtual, List<ConfigProblem> problems) {
        List<Candidate> candidates = new ArrayList<>();
        for (Source s : sources) {
            for (Table t : s.tables()) {
                for (ForeignKey fk : t.foreignKeys()) {
                    Table target = tables.get(fk.target());
                    if (target == null) {
                        continue; // the referenced table is not served (excluded or in another schema)
                    }
                    String longSuffix = "_by_" + String.join("_", fk.columns().stream().map(s::graphqlName).toList());
                    String idLess = fk.columns().size() == 1 ? GraphqlNames.withoutIdSuffix(fk.columns().get(0)) : "";
                    String objectName = idLess.isEmpty() ? s.graphqlName(target.ref().name()) : s.graphqlName(idLess);
                    candidates.add(new Candidate(s, new Relationship(objectName, Cardinality.OBJECT, t.ref(), fk.columns(),
                            target.ref(), fk.targetColumns(), Optional.empty(), null),
                            s.graphqlName(target.ref().name()) + longSuffix));
                    candidates.add(new Candidate(s, new Relationship(s.graphqlName(t.ref().name()), Cardinality.ARRAY,
                            target.ref(), fk.targetColumns(), t.ref(), fk.columns(), Optional.empty(), null),
                            s.graphqlName(t.ref().name()) + longSuffix));
                }
            }
        }
        candidates.removeIf(c -> virtual.stream().anyMatch(v -> sameLink(v, c.relationship())));
        return nameWithoutClashes(candidates, tables, virtual, problems);
    }

    /** A declared relationship on a foreign key's columns replaces the field generated for it (README, "Relationships across databases"). */
    private static boolean sameLink(Relationship declared, Relationship generated) {
        if (declared.junction().isPresent() || !declared.from().equals(generated.from()) || !declared.to().equals(generated.to())) {
            return false;
        }
        java.util.Set<String> a = new java.util.HashSet<>();
        java.util.Set<String> b = new java.util.HashSet<>();
        for (int i = 0; i < declared.fromColumns().size(); i++) {
            a.add(declared.fromColumns().get(i) + "=" + declared.toColumns().get(i));
        }
        for (int i = 0; i < generated.fromColumns().size(); i++) {
            b.add(generated.fromColumns().get(i) + "=" + generated.toColumns().get(i));
        }
        return a.equals(b);
    }

    private List<Relationship> nameWithoutClashes(List<Candidate> candidates, Map<TableRef, Table> tables,
                                                  List<Relationship> virtual, List<ConfigProblem> problems) {
        Map<String, Integer> uses = new HashMap<>();
        candidates.forEach(c -> uses.merge(key(c.relationship().from(), c.relationship().fieldName()), 1, Integer::sum));
        // names declared in relationships.yml stand; a generated field that wants one takes its long form
        for (Relationship v : virtual) {
            uses.merge(key(v.from(), v.fieldName()), 2, Integer::sum);
        }
        Map<String, Candidate> taken = new LinkedHashMap<>();
        for (Relationship v : virtual) {
            taken.put(key(v.from(), v.fieldName()), new Candidate(null, v, v.fieldName()));
            if (v.cardinality() == Cardinality.ARRAY) {
                taken.put(key(v.from(), v.fieldName() + GraphqlNames.AGGREGATE_FIELD), new Candidate(null, v, v.fieldName()));
            }
        }
        List<Relationship> result = new ArrayList<>();
        for (Candidate c : candidates) {
            Relationship r = c.relationship();
            Table from = tables.get(r.from());
            boolean clashes = uses.get(key(r.from(), r.fieldName())) > 1 || takenByColumn(from, r.fieldName());
            String name = clashes ? c.longName() : r.fieldName();
            Candidate other = taken.putIfAbsent(key(r.from(), name), c);
            if (other != null || takenByColumn(from, name)) {
                problems.add(clash(c.source(), "the foreign keys of " + r.to() + (other == null ? "" : " and " + other.relationship().to())
                        + " both give the field '" + name + "' on " + r.from()
                        + "; name them in relationships.yml"));
                continue;
            }
            result.add(new Relationship(name, r.cardinality(), r.from(), r.fromColumns(), r.to(), r.toColumns(),
                    r.junction(), r.description()));
        }
        return result;
    }

    private static boolean takenByColumn(Table table, String fieldName) {
        return table.columns().stream().anyMatch(col -> col.fieldName().equals(fieldName)
                || fieldName.equals(col.fieldName() + GraphqlNames.AGGREGATE_FIELD));
    }

    private static String key(TableRef ref, String field) {
        return ref + "#" + field;
    }

    private static ConfigProblem clash(Source source, String message) {
        return new ConfigProblem(null, "weft.services." + source.settings().name(), message);
    }

    private record Candidate(Source source, Relationship relationship, String longName) {
    }
}
