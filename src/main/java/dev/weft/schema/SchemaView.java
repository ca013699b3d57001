package dev.weft.schema;

import dev.weft.catalog.Column;
import dev.weft.catalog.Relationship;
import dev.weft.catalog.TableRef;
import dev.weft.config.AccessSpec.MaskStrategy;
import dev.weft.security.RolePolicy;
import dev.weft.security.SecurityModel;
import dev.weft.security.TablePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which part of the catalog a schema shows: {@link #ALL} for the full schema, or {@link #of(RolePolicy)}
 * for one role: only the tables, columns and relationships (both sides, and the junction) that the role
 * may select. A column the role sees masked is output only: it cannot be filtered, sorted or aggregated
 * (otherwise comparisons would reveal it). The full schema carries {@code @mask(strategy, roles)} on
 * every field some role sees masked; a role's schema carries {@code @mask(strategy)} on its own.
 */
public final class SchemaView {
    public static final SchemaView ALL = new SchemaView(null, null);

    private final RolePolicy role;
    private final SecurityModel model;

    private SchemaView(RolePolicy role, SecurityModel model) {
        this.role = role;
        this.model = model;
    }

    public static SchemaView of(RolePolicy role) {
        return new SchemaView(role, null);
    }

    /** The full schema, annotated with every role's masks. */
    public static SchemaView all(SecurityModel model) {
        return new SchemaView(null, model);
    }

    /**
     * What a schema of this view depends on: two views with equal shapes give equal schemas, so roles that
     * differ only in row filters, claims or limits share one schema. Whatever the generator reads from a view
     * must be part of it. Per table the role sees: its columns, its masks and the columns of each write
     * permission (roles that read alike but write differently get different mutations).
     */
    public Shape shape() {
        if (role == null) {
            return new Shape(true, Map.of());
        }
        Map<TableRef, TableShape> tables = new java.util.HashMap<>();
        role.tables().forEach((ref, policy) -> tables.put(ref, TableShape.of(policy)));
        return new Shape(false, tables);
    }

    /** What a view's schema depends on (see {@link #shape()}): the full schema, or per table what the role sees. */
    public record Shape(boolean full, Map<TableRef, TableShape> tables) {
        public Shape {
            tables = Map.copyOf(tables);
        }
    }

    /** One table's columns, masks and, per kind of write, the columns it may set. */
    public record TableShape(Set<String> columns, Map<String, MaskStrategy> masks,
                             Map<dev.weft.config.WriteSpec.Kind, Set<String>> writes) {
        public TableShape {
            columns = Set.copyOf(columns);
            masks = Map.copyOf(masks);
            writes = Map.copyOf(writes);
        }

        static TableShape of(TablePolicy policy) {
            Map<dev.weft.config.WriteSpec.Kind, Set<String>> writes = new java.util.EnumMap<>(dev.weft.config.WriteSpec.Kind.class);
            policy.writes().forEach((kind, write) -> writes.put(kind, write.columns()));
            return new TableShape(policy.columns(), policy.masks(), writes);
        }
    }

    public boolean table(TableRef table) {
        return role == null || role.table(table).isPresent();
    }

    public boolean column(TableRef table, Column column) {
        return role == null || role.table(table).map(p -> p.columns().contains(column.name())).orElse(false);
    }

    /** Whether the column may be filtered, sorted and aggregated (visible and not masked). */
    public boolean comparable(TableRef table, Column column) {
        return column(table, column) && mask(table, column) == null;
    }

    /** Whether the table has a {@code _by_pk} field: it has a primary key the role may address rows by. */
    public boolean byPk(dev.weft.catalog.Table table) {
        return !table.primaryKey().isEmpty() && (role == null || role.mayAddressByKey(table));
    }

    public boolean relationship(Relationship r) {
        return table(r.from()) && table(r.to()) && r.junction().map(j -> table(j.table())).orElse(true);
    }

    /** The role's mask of a column, or null. */
    public MaskStrategy mask(TableRef table, Column column) {
        return role == null ? null : role.table(table).map(p -> p.masks().get(column.name())).orElse(null);
    }

    /** The {@code @mask} directives of a column: per strategy, the roles that see it so (one entry for a role's view). */
    public Map<MaskStrategy, List<String>> masks(TableRef table, Column column) {
        Map<MaskStrategy, List<String>> masks = new TreeMap<>();
        if (role != null) {
            MaskStrategy own = mask(table, column);
            if (own != null) {
                masks.put(own, List.of());
            }
            return masks;
        }
        if (model != null) {
            model.roles().values().forEach(r -> r.table(table).map(TablePolicy::masks).map(m -> m.get(column.name()))
                    .ifPresent(s -> masks.computeIfAbsent(s, x -> new ArrayList<>()).add(r.name())));
            masks.values().forEach(names -> names.sort(String::compareTo));
        }
        return masks;
    }

    /**
     * The columns a write of this kind may set on the table (presets excluded), or empty when the view
     * may not write it that way; without a role (no access.yml, or the full schema) every column.
     */
    public java.util.Optional<java.util.Set<String>> writable(dev.weft.catalog.Table table, dev.weft.config.WriteSpec.Kind kind) {
        if (role == null) {
            java.util.Set<String> all = new java.util.LinkedHashSet<>();
            table.columns().forEach(c -> all.add(c.name()));
            return java.util.Optional.of(all);
        }
        return role.table(table.ref()).flatMap(p -> p.write(kind)).map(dev.weft.security.WritePolicy::columns);
    }

    /** Whether any field of the schema may carry {@code @mask}. */
    public boolean hasMasks() {
        return role != null ? role.tables().values().stream().anyMatch(p -> !p.masks().isEmpty())
                : model != null && model.roles().values().stream()
                .anyMatch(r -> r.tables().values().stream().anyMatch(p -> !p.masks().isEmpty()));
    }
}
