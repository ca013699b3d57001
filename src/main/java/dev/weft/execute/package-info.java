/**
 * Runs the query model against the sources: a {@link dev.weft.execute.SourceExecutor} per source,
 * the SQL renderer, per-request batch loaders for relationships, key normalising, and the data
 * fetchers of the generated schema.
 */
package dev.weft.execute;
