package dev.weft.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything Weft serves, resolved and named. Built once at start-up; immutable.
 *
 * <pre>{@code
 * Table employees = catalog.table(new TableRef(new ServiceName("hr"), "PUBLIC", "employees"));
 * List<Relationship> fields = catalog.relationshipsFrom(employees.ref());
 * }</pre>
 */
public record Catalog(List<Source> sources, List<Relationship> relationships) {
    public Catalog {
        sources = List.copyOf(sources);
        relationships = List.copyOf(relationships);
    }

    public Table table(TableRef ref) {
        return tables().get(ref);
    }

    public Source source(ServiceName name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    public Map<TableRef, Table> tables() {
        return sources.stream().flatMap(s -> s.tables().stream())
                .collect(Collectors.toMap(Table::ref, Function.identity()));
    }

    public List<Relationship> relationshipsFrom(TableRef ref) {
        return relationships.stream().filter(r -> r.from().equals(ref)).toList();
    }

    public Optional<Relationship> relationship(TableRef from, String fieldName) {
        return relationships.stream().filter(r -> r.from().equals(from) && r.fieldName().equals(fieldName)).findFirst();
    }
}
