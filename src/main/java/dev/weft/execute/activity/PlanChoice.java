package dev.weft.execute.activity;

import dev.weft.catalog.TableRef;

/**
 * A choice of the cross-source planner, as its listeners hear it (the same as the {@code weft.plan} log line): which
 * side of a condition through another source was read first, with the counts that decided it. Never a value.
 *
 * <p>Example: {@code PlanChoice[table=crm.customers, condition=orders, strategy=related_side_first,
 * drivingTable=shop.public.orders, keys=3, probeLimit=4096, chunks=null, chunkSize=null]}: the probe of the orders found 3
 * distinct customer keys (at most 4096 were looked for), so they were read first and sent as {@code IN} to crm.
 *
 * @param table        the table whose rows are selected (the parent side)
 * @param condition    the relationship the condition or order goes through ({@code status}, {@code order_by customer.name})
 * @param strategy     {@code related_side_first} (the probe found few keys), {@code parent_side_first} (it found more than
 *                     {@code probeLimit}), then {@code parent_side_chunked} (how the parent side was read: {@code keys} its
 *                     rows, in {@code chunks}), {@code related_keys_first} (bounded rows: a relationship field, {@code _by_pk},
 *                     a nested condition), {@code sorted_side_drives} or {@code sorted_in_memory}
 * @param drivingTable the table read first
 * @param keys         keys (or rows) the driving side gave: the related keys found, the rows sorted in memory; null if none
 * @param probeLimit   how many related keys the probe looked for at most; null without a probe
 * @param chunks       chunks of the driving side read; null when it was read at once
 * @param chunkSize    the most keys in one chunk; null when it was read at once
 */
public record PlanChoice(TableRef table, String condition, String strategy, TableRef drivingTable, Long keys,
                         Integer probeLimit, Integer chunks, Integer chunkSize) {
}
