package dev.weft.execute.activity;

import dev.weft.catalog.TableRef;
import java.util.List;

/**
 * One statement sent to a source, as its listeners hear it: never a value, only the shape of the values.
 *
 * <p>Example: a relationship batch of 3 keys on PostgreSQL is {@code StatementRun[service=shop, table=shop.public.orders,
 * kind=select_batch, write=false, language=sql, text=SELECT ... WHERE "customer_id" IN (?, ?, ?), parameters=[integer × 3],
 * keys=3, chunk=1, chunks=1, rows=7, nanos=912000, outcome=success]}.
 *
 * @param kind       select, select_batch, distinct_keys, aggregate, aggregate_batch; insert, update, delete, lock for writes
 * @param write      whether it changes rows (a mutation's statement)
 * @param language   {@code sql}, or {@code mongodb} for a MongoDB command
 * @param text       the SQL with its {@code ?} placeholders, or the MongoDB command as JSON with each value replaced
 *                   by {@code "?"}; null unless a listener {@link ActivityListener#wantsText() wants it}
 * @param parameters the type of each bound value in order, runs of one type folded ({@code integer × 500}); null with the text
 * @param keys       keys of a batched statement (this chunk's), -1 for others
 * @param chunk      1-based number of this statement among the {@code chunks} a batch was split into (1 of 1 when not split)
 * @param rows       rows (or documents) it returned, or changed for a write
 * @param outcome    {@code success} or the error code
 */
public record StatementRun(String service, TableRef table, String kind, boolean write, String language, String text,
                           List<String> parameters, int keys, int chunk, int chunks, long rows, long nanos, String outcome) {
    public StatementRun {
        parameters = parameters == null ? null : List.copyOf(parameters);
    }
}
