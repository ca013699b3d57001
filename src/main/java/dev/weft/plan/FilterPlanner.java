package dev.weft.plan;

import dev.weft.catalog.TableRef;
import dev.weft.execute.activity.PlanChoice;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the driving side of each condition of a root {@code where} that reaches another source, by a
 * bounded probe of the related side: its distinct keys, at most one chunk plus one of them. Within the
 * chunk, the related side is small and is read first (its keys, then {@code IN} on the parent); past it,
 * the parent side is read first, chunk by chunk, and each chunk of parent keys is tested on the related
 * side in one statement ({@link ChunkedFilter}). Whether the parent side fits one chunk is seen by
 * reading its first chunk.
 *
 * <p>Example: {@code hrm_employees(where: {hire_date: {_gte: "1999-01-01"}, status: {status: {_eq: "active"}}})}
 * probes {@code SELECT DISTINCT emp_no FROM employee_status WHERE status = ? LIMIT 4096}; 31,547 active
 * statuses exceed it, so the plan reads the employees hired since 1999 first.
 */
final class FilterPlanner {
    private final Sources sources;
    private final RelatedKeysFirst keysFirst;

    FilterPlanner(Sources sources, RelatedKeysFirst keysFirst) {
        this.sources = sources;
        this.keysFirst = keysFirst;
    }

    FilterPlan plan(Select select) {
        TableRef scope = select.table();
        Map<Predicate, RemoteLeaf> large = new LinkedHashMap<>();
        int[] chunk = {sources.budget().chunkSize()};
        Predicate where = Leaves.replace(select.where(), scope, sources, node -> {
            RemoteLeaf leaf = RemoteLeaf.of(node, scope, sources, keysFirst::resolve);
            int size = chunkSize(scope, leaf);
            Optional<List<List<Object>>> keys = leaf.relatedKeys(size);
            if (keys.isPresent()) {
                PlanLog.choice("plan {} where {}: related side {} has {} keys (probe limit {}): related side first, IN on {}",
                        scope, leaf.name(), leaf.relatedTable(), keys.get().size(), size, scope);
                PlanLog.report(new PlanChoice(scope, PlanLog.condition(leaf.name()), "related_side_first", leaf.relatedTable(),
                        (long) keys.get().size(), size, null, null));
                return leaf.membership(keys.get());
            }
            PlanLog.choice("plan {} where {}: related side {} has more than {} keys (probe): parent side first",
                    scope, leaf.name(), leaf.relatedTable(), size);
            PlanLog.report(new PlanChoice(scope, PlanLog.condition(leaf.name()), "parent_side_first", scope, null, size, null,
                    null));
            chunk[0] = Math.min(chunk[0], size);
            large.put(node, leaf);
            return node;
        }, keysFirst::resolve);
        if (!large.isEmpty() && sources.table(scope).primaryKey().isEmpty()) {
            PlanLog.choice("plan {}: no primary key to read it in chunks: related keys first, within the budget", scope);
            return new FilterPlan(select.withWhere(keysFirst.resolve(where, scope)), Map.of(), Predicate.TRUE, chunk[0]);
        }
        return new FilterPlan(select.withWhere(where), large, candidates(where, large), chunk[0]);
    }

    /** The parent's own conditions: the parts of a top-level AND that no large condition is in. */
    private static Predicate candidates(Predicate where, Map<Predicate, RemoteLeaf> large) {
        if (large.isEmpty()) {
            return where;
        }
        if (where instanceof Predicate.And and) {
            return Predicate.and(and.parts().stream().filter(p -> !Leaves.contains(p, large.keySet())).toList());
        }
        return Predicate.TRUE;
    }

    /** One chunk of keys: within the budget and what one statement binds on both sides (keys, and their matches). */
    private int chunkSize(TableRef scope, RemoteLeaf leaf) {
        int binds = Math.min(sources.of(scope).maxBindParameters(), sources.of(leaf.relatedTable()).maxBindParameters());
        int columns = sources.table(scope).primaryKey().size() + leaf.outerColumns().size();
        return Math.max(1, Math.min(sources.budget().chunkSize(), binds / (2 * Math.max(1, columns))));
    }
}
