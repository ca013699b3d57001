package dev.weft.plan;

import dev.weft.catalog.TableRef;
import dev.weft.execute.Row;
import dev.weft.query.OrderTerm;
import dev.weft.query.Page;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one table matching a condition, read a chunk at a time: after the last primary key read
 * (keyset) when no order is given, else in the given order (primary key last) by offset. Holds one chunk.
 *
 * <p>Example: employees hired in 1999, chunks of 5,000: {@code WHERE hire_date >= ? AND emp_no > ?
 * ORDER BY emp_no LIMIT 5000}, the last {@code emp_no} read bound each time.
 */
final class ParentChunks {
    private final Sources sources;
    private final TableRef table;
    private final Predicate where;
    private final List<String> columns;
    private final List<String> primaryKey;
    private final List<OrderTerm> order;
    private final boolean keyset;
    private final int size;
    private List<Object> last;
    private Predicate bounds;
    private long offset;
    private boolean done;
    private int chunks;

    ParentChunks(Sources sources, TableRef table, Predicate where, List<String> columns, List<OrderTerm> order, int size) {
        this.sources = sources;
        this.table = table;
        this.where = where;
        this.primaryKey = sources.table(table).primaryKey();
        List<String> read = new ArrayList<>(primaryKey);
        columns.stream().filter(c -> !read.contains(c)).forEach(read::add);
        this.columns = List.copyOf(read);
        this.keyset = order.isEmpty();
        this.order = withPrimaryKey(order, primaryKey);
        this.size = size;
    }

    /** {@code order} with the primary key columns added last, ascending, so that the order is total. */
    static List<OrderTerm> withPrimaryKey(List<OrderTerm> order, List<String> primaryKey) {
        List<OrderTerm> terms = new ArrayList<>(order);
        primaryKey.forEach(c -> terms.add(OrderTerm.of(c, false, null)));
        return terms;
    }

    List<String> primaryKey() {
        return primaryKey;
    }

    int chunksRead() {
        return chunks;
    }

    /** The parent rows read so far, over every chunk. */
    long rowsRead() {
        return offset;
    }

    /** The next chunk; empty once every row was read. */
    List<Row> next() {
        if (done) {
            return List.of();
        }
        Predicate condition = keyset && last != null ? Predicate.and(List.of(where, after(last))) : where;
        List<Object> previous = last;
        Select select = new Select(table, columns, condition, order, new Page((long) size, keyset || offset == 0 ? null : offset));
        PlanLog.statement("chunk {} of {}: at most {} rows", chunks + 1, table, size);
        List<Row> rows = sources.of(table).select(select);
        chunks++;
        done = rows.size() < size;
        offset += rows.size();
        if (!rows.isEmpty()) {
            last = Sources.values(rows.get(rows.size() - 1), primaryKey);
            bounds = keyset ? Predicate.and(List.of(previous == null ? Predicate.TRUE : after(previous),
                    new Predicate.Not(after(last)))) : null;
        }
        return rows;
    }

    /**
     * The rows of the last chunk as a condition: its primary key range when read by keyset (the candidate
     * rows in that range are exactly the chunk), else null (then the chunk's keys are listed).
     */
    Predicate bounds() {
        return bounds;
    }

    /** Rows whose primary key comes after {@code key}: (a > x) OR (a = x AND b > y) ... */
    private Predicate after(List<Object> key) {
        List<Predicate> alternatives = new ArrayList<>();
        for (int i = 0; i < primaryKey.size(); i++) {
            List<Predicate> parts = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                parts.add(new Predicate.Compare(primaryKey.get(j), Predicate.CompareOp.EQ, key.get(j)));
            }
            parts.add(new Predicate.Compare(primaryKey.get(i), Predicate.CompareOp.GT, key.get(i)));
            alternatives.add(Predicate.and(parts));
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new Predicate.Or(alternatives);
    }
}
