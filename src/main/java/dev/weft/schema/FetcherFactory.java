package dev.weft.schema;

import graphql.schema.DataFetcher;

/** Supplies the data fetcher of each generated field; implemented by the execution stage. */
@FunctionalInterface
public interface FetcherFactory {
    DataFetcher<?> fetcher(FieldBinding binding);
}
