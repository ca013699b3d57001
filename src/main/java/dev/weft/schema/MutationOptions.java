package dev.weft.schema;

import dev.weft.catalog.Relationship;
import dev.weft.catalog.Source;
import dev.weft.catalog.TableRef;
import dev.weft.catalog.UniqueKey;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the schema needs to offer mutations: which sources have a writer, each table's unique
 * constraints (for {@code on_conflict}), the fetchers of the mutation fields, which sources run a
 * field in one transaction ({@code atomic}; the field descriptions say so, a MongoDB standalone server has none),
 * and which relationships to another source take nested inserts (written in one two-phase commit on both sources).
 *
 * <pre>{@code
 * new MutationOptions(source -> source.settings().kind() != SourceKind.DB2, uniqueKeys::get, writeFetchers)
 * }</pre>
 */
public record MutationOptions(Predicate<Source> writable, Function<TableRef, List<UniqueKey>> uniqueKeys,
                              MutationFetcherFactory fetchers, Predicate<Source> atomic,
                              Predicate<Relationship> crossSourceInserts) {
    /** Options where every writable source runs a field in one transaction, without nested inserts into another source. */
    public MutationOptions(Predicate<Source> writable, Function<TableRef, List<UniqueKey>> uniqueKeys,
                           MutationFetcherFactory fetchers) {
        this(writable, uniqueKeys, fetchers, source -> true, r -> false);
    }

    /** Options without nested inserts into another source. */
    public MutationOptions(Predicate<Source> writable, Function<TableRef, List<UniqueKey>> uniqueKeys,
                           MutationFetcherFactory fetchers, Predicate<Source> atomic) {
        this(writable, uniqueKeys, fetchers, atomic, r -> false);
    }
}
