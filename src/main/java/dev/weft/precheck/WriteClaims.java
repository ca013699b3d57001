package dev.weft.precheck;

import dev.weft.catalog.TableRef;
import dev.weft.config.WriteSpec;
import dev.weft.query.Access;
import dev.weft.query.RowFilterCompiler;
import dev.weft.schema.SchemaBindings;
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
 * }</pre>
 */
final class WriteClaims {
    private final SchemaBindings bindings;
    private final RowFilterCompiler filters;

    WriteClaims(SchemaBindings bindings) {
        this.bindings = bindings;
        this.filters = new RowFilterCompiler(bindings);
    }

    /** Binds the claims of the write permission behind mutation field {@code fieldName} on {@code table}. */
    void check(Access access, TableRef table, String fieldName) {
        Optional<WriteSpec.Kind> kind = kind(fieldName);
        if (access.policy() == null || kind.isEmpty()) {
            return;
        }
        access.policy().table(table).flatMap(p -> p.write(kind.get())).ifPresent(policy -> {
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
