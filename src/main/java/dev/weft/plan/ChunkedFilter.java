package dev.weft.plan;

import dev.weft.catalog.TableRef;
import dev.weft.execute.activity.PlanChoice;
import dev.weft.execute.Row;
import dev.weft.query.Aggregates;
import dev.weft.query.OrderTerm;
import dev.weft.query.Page;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link FilterPlan} whose parent side is read first: chunk by chunk, the parent rows matching its
 * own conditions, then per chunk one statement per large condition on the related side (semi-join or,
 * under {@code _not}, anti-join), then the chunk's rows (or aggregates) with those answers as keys.
 * Memory holds one chunk of keys (plus the rows of a page when one is asked), whatever the table's size.
 *
 * <p>Example: {@code hrm_employees_aggregate(where: {_not: {status: {}}}) { aggregate { count } }} reads
 * employees 5,000 at a time by {@code emp_no}, asks the status source which of those 5,000 have a status,
 * counts the others, and adds the counts up.
 */
final class ChunkedFilter {
    private final Sources sources;
    private final FilterPlan plan;
    private final TableRef table;

    ChunkedFilter(Sources sources, FilterPlan plan) {
        this.sources = sources;
        this.plan = plan;
        this.table = plan.select().table();
    }

    /**
     * The rows in {@code order} (empty: any) until {@code wanted} of them (null: all) were found; with
     * {@code holding}, fails once more rows than the budget are held (they are sorted in memory next).
     */
    List<Row> rows(List<String> columns, List<OrderTerm> order, Long wanted, boolean holding) {
        ParentChunks chunks = chunks(order);
        List<OrderTerm> total = ParentChunks.withPrimaryKey(order, chunks.primaryKey());
        List<Row> result = new ArrayList<>();
        for (List<Row> chunk = chunks.next(); !chunk.isEmpty(); chunk = chunks.next()) {
            Select select = new Select(table, columns, whereFor(chunk, chunks), order.isEmpty() ? List.of() : total,
                    Page.ALL);
            PlanLog.statement("rows of {} among {} chunk keys", table, chunk.size());
            result.addAll(sources.of(table).select(select));
            if (holding) {
                sources.budget().check(result.size(), "ordering the rows of " + table + " through another source");
            }
            if (wanted != null && result.size() >= wanted) {
                break;
            }
        }
        log(chunks);
        return result;
    }

    /** Exact aggregates over every matching row: per chunk partial aggregates, added up. */
    Map<String, Object> aggregate(List<String> columns, Aggregates aggregates) {
        ParentChunks chunks = chunks(List.of());
        PartialAggregates partial = new PartialAggregates(aggregates);
        for (List<Row> chunk = chunks.next(); !chunk.isEmpty(); chunk = chunks.next()) {
            Predicate where = whereFor(chunk, chunks);
            PlanLog.statement("aggregates of {} among {} chunk keys", table, chunk.size());
            Map<String, Object> values = sources.of(table).aggregate(new Select(table, columns, where, List.of(), Page.ALL),
                    partial.perChunk());
            Map<String, Long> nonNull = new LinkedHashMap<>();
            for (String column : partial.averaged()) {
                Select present = new Select(table, columns, Predicate.and(List.of(where, new Predicate.IsNull(column, false))),
                        List.of(), Page.ALL);
                nonNull.put(column, ((Number) sources.of(table).aggregate(present, new Aggregates(true, List.of()))
                        .get("count")).longValue());
            }
            partial.add(values, nonNull);
        }
        log(chunks);
        return partial.result();
    }

    private ParentChunks chunks(List<OrderTerm> order) {
        Set<String> read = new LinkedHashSet<>();
        plan.large().values().forEach(l -> read.addAll(l.outerColumns()));
        return new ParentChunks(sources, table, plan.candidates(), List.copyOf(read), order, plan.chunkSize());
    }

    private void log(ParentChunks chunks) {
        PlanLog.choice("plan {} where {}: parent side read first in {} chunk(s) of at most {} keys ({})", table,
                plan.leafNames(), chunks.chunksRead(), plan.chunkSize(),
                chunks.chunksRead() <= 1 ? "one chunk" : "streamed");
        PlanLog.report(new PlanChoice(table, PlanLog.condition(String.join(", ", plan.leafNames())), "parent_side_chunked",
                table, chunks.rowsRead(), null, chunks.chunksRead(), plan.chunkSize()));
    }

    /**
     * The where of one chunk's rows: their primary key range (or keys), and each large condition answered
     * for them, as the shorter of the keys that match and those that do not.
     */
    private Predicate whereFor(List<Row> chunk, ParentChunks chunks) {
        Map<Predicate, Predicate> answers = new LinkedHashMap<>();
        plan.large().forEach((node, leaf) -> {
            Set<List<Object>> keys = new LinkedHashSet<>();
            for (Row row : chunk) {
                List<Object> key = Sources.values(row, leaf.outerColumns());
                if (!key.contains(null)) {
                    keys.add(key);
                }
            }
            List<List<Object>> matched = leaf.matching(keys);
            if (matched.size() * 2 <= keys.size()) {
                answers.put(node, leaf.membership(matched));
            } else {
                matched.forEach(keys::remove);
                answers.put(node, leaf.membershipExcept(List.copyOf(keys)));
            }
        });
        Predicate rows = chunks.bounds() != null ? chunks.bounds() : new Predicate.InList(chunks.primaryKey(),
                chunk.stream().map(r -> Sources.values(r, chunks.primaryKey())).toList(), false);
        Predicate where = Leaves.replace(plan.select().where(), table, sources, answers::get, (p, t) -> p);
        return Predicate.and(List.of(rows, where));
    }
}
