package dev.weft.schema;

import dev.weft.catalog.TableRef;

/** What one generated mutation field does; a {@link MutationFetcherFactory} turns each into a data fetcher. */
public sealed interface MutationBinding {
    TableRef table();

    /** {@code insert_shop_accounts(objects:, on_conflict:)}, or with {@code one} {@code insert_shop_accounts_one(object:, on_conflict:)}. */
    record Insert(TableRef table, boolean one) implements MutationBinding {
    }

    /** {@code update_shop_accounts(where:, _set:, _inc:)}, or with {@code byPk} {@code update_shop_accounts_by_pk(pk_columns:, ...)}. */
    record Update(TableRef table, boolean byPk) implements MutationBinding {
    }

    /** {@code update_shop_accounts_many(updates: [{where:, _set:, _inc:}])}. */
    record UpdateMany(TableRef table) implements MutationBinding {
    }

    /** {@code delete_shop_accounts(where:)}, or with {@code byPk} {@code delete_shop_accounts_by_pk(<key columns>)}. */
    record Delete(TableRef table, boolean byPk) implements MutationBinding {
    }
}
