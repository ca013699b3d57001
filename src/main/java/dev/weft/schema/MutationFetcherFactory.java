package dev.weft.schema;

import graphql.schema.DataFetcher;

/** Supplies the data fetcher of each generated mutation field; implemented by the write stage. */
@FunctionalInterface
public interface MutationFetcherFactory {
    DataFetcher<?> fetcher(MutationBinding binding);
}
