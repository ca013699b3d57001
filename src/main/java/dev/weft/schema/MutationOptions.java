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
 * constraints (for {@code on_conflict}), the fetchers of the mutation fields, and which relationships
 * to another source take nested inserts (written in one two-phase commit on both sources).
 *
 * <pre>{@code
 * new MutationOptions(source -> source.settings().kind() != SourceKind.DB2, uniqueKeys::get, writeFetchers)
 * }</pre>
 */
public record MutationOptions(Predicate<Source> writable, Function<TableRef, List<UniqueKey>> uniqueKeys,
                              MutationFetcherFactory fetchers, Predicate<Relationship> crossSourceInserts) {
    /** Options without nested inserts into another source. */
    public MutationOptions(Predicate<Source> writable, Function<TableRef, List<UniqueKey>> uniqueKeys,
                           MutationFetcherFactory fetchers) {
        this(writable, uniqueKeys, fetchers, r -> false);
    }
}
