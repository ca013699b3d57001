package dev.weft.schema;

import dev.weft.catalog.Source;
import dev.weft.catalog.TableRef;
import dev.weft.catalog.UniqueKey;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the schema needs to offer mutations: which sources have a writer, each table's unique
 * constraints (for {@code on_conflict}), and the fetchers of the mutation fields.
 *
 * <pre>{@code
 * new MutationOptions(source -> source.settings().kind() != SourceKind.DB2, uniqueKeys::get, writeFetchers)
 * }</pre>
 */
public record MutationOptions(Predicate<Source> writable, Function<TableRef, List<UniqueKey>> uniqueKeys,
                              MutationFetcherFactory fetchers) {
}
