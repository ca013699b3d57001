package dev.weft.precheck;

import dev.weft.catalog.Relationship;
import dev.weft.catalog.TableRef;
import dev.weft.config.WriteSpec;
import dev.weft.query.Access;
import dev.weft.query.RowFilterCompiler;
import dev.weft.schema.SchemaBindings;
import dev.weft.schema.TableBinding;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds, before execution, the caller's claims that a mutation field's write permission needs: its {@code filter},
 * its {@code check} and its presets ({@code set}), as the writers bind them. A missing claim, or one the column
 * cannot take, is the same {@code FORBIDDEN} the writers would raise, so the request fails as a whole even when
 * it selects only {@code affected_rows}. The field's kind is read from its name ({@code insert_}, {@code update_},
 * {@code delete_}, the prefixes of the generated mutation fields).
 *
 * <pre>{@code
 * // update: { filter: { tenant_id: { _eq: "@claims.tenant_id" } } }, a caller without tenant_id:
 * mutation { update_shop_accounts(where: {}, _inc: {balance: 1}) { affected_rows } }   -> FORBIDDEN, no data
 * // update: { set: { updated_by: "@claims.sub" } }, a caller without sub, an upsert (it runs under the update permission):
 * mutation { insert_shop_accounts(objects: [{name: "z"}], on_conflict: {constraint: accounts_name_key, update_columns: [balance]})
 *   { affected_rows } }                                                                   -> FORBIDDEN, no data
 * }</pre>
 */
final class WriteClaims {
    private final SchemaBindings bindings;
    private final RowFilterCompiler filters;

    WriteClaims(SchemaBindings bindings) {
        this.bindings = bindings;
        this.filters = new RowFilterCompiler(bindings);
    }

    /**
     * Binds the claims of the write permission behind mutation field {@code fieldName} on {@code table}; for an insert
     * also those of the update permission its {@code on_conflict} runs under, and, for each nested insert of
     * {@code objects}/{@code object}, those of its table's insert permission (and update permission with its own
     * {@code on_conflict}), as the writers apply them.
     */
    void check(Access access, TableRef table, String fieldName, Map<String, Object> arguments) {
        Optional<WriteSpec.Kind> kind = kind(fieldName);
        if (access.policy() == null || kind.isEmpty()) {
            return;
        }
        bind(access, table, kind.get());
        if (kind.get() == WriteSpec.Kind.INSERT) {
            inserted(access, table, arguments.get("on_conflict"), rows(arguments.containsKey("object") ? arguments.get("object")
                    : arguments.get("objects")));
        }
    }

    private void inserted(Access access, TableRef table, Object onConflict, List<Map<?, ?>> rows) {
        if (onConflict instanceof Map<?, ?>) {
            bind(access, table, WriteSpec.Kind.UPDATE);
        }
        TableBinding binding = bindings.table(table);
        for (Map<?, ?> row : rows) {
            row.forEach((key, value) -> {
                Relationship relationship = binding.relationships().get(String.valueOf(key));
                if (relationship != null && value instanceof Map<?, ?> nested) {
                    bind(access, relationship.to(), WriteSpec.Kind.INSERT);
                    inserted(access, relationship.to(), nested.get("on_conflict"), rows(nested.get("data")));
                }
            });
        }
    }

    private void bind(Access access, TableRef table, WriteSpec.Kind kind) {
        access.policy().table(table).flatMap(p -> p.write(kind)).ifPresent(policy -> {
            if (policy.filter() != null) {
                filters.compile(table, policy.filter(), access.caller());
            }
            if (policy.check() != null) {
                filters.compile(table, policy.check(), access.caller());
            }
            var columns = bindings.table(table).table();
            policy.presets().forEach((column, raw) -> RowFilterCompiler.preset(columns.requireColumn(column), raw, access.caller()));
        });
    }

    private static List<Map<?, ?>> rows(Object value) {
        if (value instanceof Map<?, ?> one) {
            return List.of(one);
        }
        return value instanceof List<?> list ? list.stream().filter(Map.class::isInstance).<Map<?, ?>>map(Map.class::cast).toList()
                : List.of();
    }

    private static Optional<WriteSpec.Kind> kind(String fieldName) {
        if (fieldName.startsWith("insert_")) {
            return Optional.of(WriteSpec.Kind.INSERT);
        }
        if (fieldName.startsWith("update_")) {
            return Optional.of(WriteSpec.Kind.UPDATE);
        }
        return fieldName.startsWith("delete_") ? Optional.of(WriteSpec.Kind.DELETE) : Optional.empty();
    }
}
