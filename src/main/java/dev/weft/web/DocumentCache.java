package dev.weft.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Keeps parsed and validated documents by query text (Caffeine, bounded), so a repeated query skips
 * parsing and validation. Validation depends only on the schema, which is fixed for a runtime.
 */
final class DocumentCache implements PreparsedDocumentProvider {
    private final Cache<String, PreparsedDocumentEntry> cache = Caffeine.newBuilder().maximumSize(2_000).recordStats().build();

    /** The cache itself, for its meters ({@code CaffeineCacheMetrics}: hits, misses, size). */
    Cache<String, PreparsedDocumentEntry> cache() {
        return cache;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        return CompletableFuture.completedFuture(cache.get(input.getQuery(), q -> parseAndValidate.apply(input)));
    }
}
