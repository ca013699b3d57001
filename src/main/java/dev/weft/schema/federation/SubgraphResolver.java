package dev.weft.schema.federation;

import dev.weft.catalog.Catalog;
import dev.weft.catalog.Column;
import dev.weft.catalog.Relationship;
import dev.weft.catalog.Source;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.config.ConfigProblem;
import dev.weft.config.FederationSpec;
import dev.weft.config.FederationSpec.FieldSpec;
import dev.weft.config.FederationSpec.TypeSpec;
import dev.weft.config.WeftConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves federation.yml against the catalog for {@link Subgraph#resolve}: tables, columns and relationships
 * exist, renamed types clash with nothing, and the directives combine as Federation v2 allows where that needs the
 * catalog (a key field is never {@code @external}, {@code @provides} sits on a relationship and names
 * {@code @external} fields of its target, {@code @interfaceObject} needs a key; what one file's type alone decides is
 * checked by {@code FederationFile}). Every problem carries file and line.
 */
final class SubgraphResolver {
    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");
    private static final Set<String> RESERVED = Set.of("Query", "Mutation", "Subscription", "OrderBy", "_Any", "_Entity",
            "_Service", "JSON", "BigInteger", "Long", "BigDecimal", "Date", "Time", "DateTime", "UUID", "ObjectId");
    private static final Set<String> COMPOSABLE = Set.of("@mask");

    private final FederationSpec spec;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<TableRef, TypeSpec> written = new LinkedHashMap<>();

    private SubgraphResolver(FederationSpec spec) {
        this.spec = spec;
    }

    static Subgraph resolve(FederationSpec spec, Catalog catalog) {
        SubgraphResolver resolver = new SubgraphResolver(spec);
        Map<TableRef, Table> tables = new LinkedHashMap<>();
        for (TypeSpec type : spec.types()) {
            resolver.table(catalog, type).ifPresent(t -> tables.put(t.ref(), t));
        }
        Catalog renamed = resolver.rename(catalog);
        Map<TableRef, Subgraph.TypeDirectives> types = new HashMap<>();
        resolver.written.forEach((ref, type) -> types.put(ref, resolver.directives(renamed, renamed.table(ref), type)));
        spec.composeDirectives().forEach(resolver::compose);
        SubgraphOptions options = SubgraphOptionsResolver.resolve(spec, renamed, resolver.written, resolver.problems);
        if (!resolver.problems.isEmpty()) {
            throw new WeftConfigException(resolver.problems);
        }
        return new Subgraph(true, renamed, types, spec.composeDirectives(), spec.file(), options);
    }

    private String at(int line) {
        return spec.file() + ":" + line;
    }

    private static String where(TypeSpec type) {
        return "types." + type.service() + "." + type.table();
    }

    private Optional<Table> table(Catalog catalog, TypeSpec type) {
        Optional<Source> source = catalog.sources().stream().filter(s -> s.name().value().equals(type.service())).findFirst();
        Optional<Table> table = source.flatMap(s -> s.findTable(type.table()));
        if (table.isEmpty()) {
            problems.add(new ConfigProblem(at(type.line()), where(type), source.isEmpty() ? "unknown service '"
                    + type.service() + "'" : "no table or view '" + type.table() + "' in service '" + type.service() + "'"));
            return table;
        }
        TypeSpec first = written.putIfAbsent(table.get().ref(), type);
        if (first != null) {
            problems.add(new ConfigProblem(at(type.line()), where(type), "names the same table as line " + first.line()
                    + "; write each table once"));
        }
        return table;
    }

    /** The catalog with each {@code name:} applied; a name that is not a GraphQL name or that another type has is a problem. */
    private Catalog rename(Catalog catalog) {
        Map<String, TableRef> names = new HashMap<>();
        catalog.tables().values().forEach(t -> names.put(t.typeName(), t.ref()));
        Map<TableRef, String> renames = new HashMap<>();
        written.forEach((ref, type) -> {
            if (type.name() == null) {
                return;
            }
            String problem = !NAME.matcher(type.name()).matches() || type.name().startsWith("__") ? "is not a GraphQL type name"
                    : RESERVED.contains(type.name()) ? "is a type Weft defines itself" : null;
            TableRef other = names.get(type.name());
            if (problem == null && other != null && !other.equals(ref)) {
                problem = "is the type of " + other + " already; rename that one too or choose another name";
            }
            if (problem != null) {
                problems.add(new ConfigProblem(at(type.lineOf("name")), where(type) + ".name", "'" + type.name() + "' " + problem));
                return;
            }
            names.put(type.name(), ref);
            renames.put(ref, type.name());
        });
        if (renames.isEmpty()) {
            return catalog;
        }
        List<Source> sources = catalog.sources().stream().map(s -> s.withTables(s.tables().stream()
                .map(t -> renames.containsKey(t.ref()) ? t.withNames(renames.get(t.ref()), t.rootField()) : t).toList()))
                .toList();
        return new Catalog(sources, catalog.relationships());
    }

    private Subgraph.TypeDirectives directives(Catalog catalog, Table table, TypeSpec type) {
        List<List<String>> keys = new ArrayList<>();
        List<Integer> keyLines = new ArrayList<>();
        for (String key : type.keys()) {
            if (key.contains("{")) {
                continue; // through a relationship: SubgraphOptionsResolver
            }
            List<String> columns = new ArrayList<>();
            for (String field : fields(key)) {
                Optional<Column> column = column(table, field);
                if (column.isEmpty() || !column.get().isScalar()) {
                    problems.add(new ConfigProblem(at(type.lineOf("keys")), where(type) + ".keys",
                            "'" + field + "' is no column of " + table.ref()));
                } else { // nullable too (Federation allows it): a row whose key is null is just no entity by that key
                    columns.add(column.get().name());
                }
            }
            if (columns.size() == fields(key).size() && !columns.isEmpty()) {
                keys.add(columns);
                keyLines.add(type.lineOf("keys"));
            }
        }
        if (type.interfaceObject() && table.primaryKey().isEmpty() && type.keys().isEmpty()) {
            problems.add(new ConfigProblem(at(type.lineOf("interface-object")), where(type) + ".interface-object",
                    "@interfaceObject needs a @key, and " + table.ref() + " has no primary key and no keys here"));
        }
        Map<String, FieldSpec> fields = new HashMap<>();
        for (FieldSpec field : type.fields()) {
            if (fieldExists(catalog, table, field.name())) {
                fields.put(field.name(), field);
                check(catalog, table, type, field, keys);
            } else {
                problems.add(new ConfigProblem(at(field.line()), where(type) + ".fields." + field.name(),
                        "no column or relationship field '" + field.name() + "' in type " + table.typeName()));
            }
        }
        return new Subgraph.TypeDirectives(keys, keyLines, type.shareable(), type.inaccessible(), type.tags(),
                type.interfaceObject(), fields);
    }

    private void check(Catalog catalog, Table table, TypeSpec type, FieldSpec field, List<List<String>> keys) {
        String key = where(type) + ".fields." + field.name();
        Optional<Column> column = column(table, field.name());
        boolean keyField = column.isPresent() && (table.primaryKey().contains(column.get().name())
                || keys.stream().anyMatch(k -> k.contains(column.get().name())));
        if (field.external() && keyField) {
            problems.add(new ConfigProblem(at(field.lineOf("external")), key + ".external",
                    "'" + field.name() + "' is a key field, resolved by this subgraph: it cannot be @external"));
        }
        if (field.provides() != null) {
            Optional<Relationship> r = catalog.relationship(table.ref(), field.name());
            if (r.isEmpty()) {
                problems.add(new ConfigProblem(at(field.lineOf("provides")), key + ".provides",
                        "@provides belongs on a relationship field; '" + field.name() + "' is a column"));
                return;
            }
            TypeSpec target = written.get(r.get().to());
            for (String provided : fields(field.provides())) {
                if (target == null || !externalIn(target, provided)) {
                    problems.add(new ConfigProblem(at(field.lineOf("provides")), key + ".provides", "'" + provided
                            + "' must be a field of " + catalog.table(r.get().to()).typeName()
                            + " marked external: true in this file"));
                }
            }
        }
    }

    private static boolean externalIn(TypeSpec type, String field) {
        return type.fields().stream().anyMatch(f -> f.name().equals(field) && f.external());
    }

    private static boolean fieldExists(Catalog catalog, Table table, String field) {
        return column(table, field).isPresent() || catalog.relationship(table.ref(), field).isPresent();
    }

    /** The column whose GraphQL field name is {@code field}. */
    private static Optional<Column> column(Table table, String field) {
        return table.columns().stream().filter(c -> c.fieldName().equals(field)).findFirst();
    }

    private static List<String> fields(String fieldSet) {
        return fieldSet.isBlank() ? List.of() : Arrays.asList(fieldSet.trim().split("\\s+"));
    }

    private void compose(FederationSpec.ComposeSpec c) {
        if (!COMPOSABLE.contains(c.name()) && c.locations().isEmpty()) {
            problems.add(new ConfigProblem(at(c.line()), "compose-directives", "'" + c.name()
                    + "' is not a directive of Weft's schemas (the one Weft defines is @mask); to define it here, give its"
                    + " locations, such as on: [OBJECT]"));
        } else if (c.url() == null || !c.url().matches("https?://\\S+/v\\d+\\.\\d+")) {
            problems.add(new ConfigProblem(at(c.line()), "compose-directives", "'" + c.name()
                    + "' needs a url ending in its version, such as https://weft.dev/mask/v1.0"));
        }
    }
}
