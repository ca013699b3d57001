package dev.weft.schema;

import dev.weft.catalog.Source;
import dev.weft.catalog.TableRef;
import dev.weft.catalog.UniqueKey;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the schema needs to offer mutations: which sources have a writer, each table's unique
 * constraints (for {@code on_conflict}), the fetchers of the mutation fields, and which sources run a
 * field in one transaction ({@code atomic}; the field descriptions say so, a MongoDB standalone server has none).
 *
 * <pre>{@code
 * new MutationOptions(source -> source.settings().kind() != SourceKind.DB2, uniqueKeys::get, writeFetchers)
 * }</pre>
 */
public record MutationOptions(Predicate<Source> writable, Function<TableRef, List<UniqueKey>> uniqueKeys,
                              MutationFetcherFactory fetchers, Predicate<Source> atomic) {
    /** Options where every writable source runs a field in one transaction. */
    public MutationOptions(Predicate<Source> writable, Function<TableRef, List<UniqueKey>> uniqueKeys,
                           MutationFetcherFactory fetchers) {
        this(writable, uniqueKeys, fetchers, source -> true);
    }
}
