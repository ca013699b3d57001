package dev.weft.plan;

import dev.weft.catalog.TableRef;
import dev.weft.execute.activity.PlanChoice;
import dev.weft.dialect.WeftException;
import dev.weft.query.Predicate;
import java.util.List;

/**
 * The related side read first: each remote condition becomes the distinct keys its related rows match,
 * then {@code IN} those keys on the parent (one statement, two through a junction). Used where the
 * parent rows are already bounded (relationship fields, {@code _by_pk}, conditions nested inside other
 * conditions); a root field's {@code where} goes through {@link FilterPlanner}, which may choose otherwise.
 *
 * <p>Example: {@code crm_customers(where: {id: {_eq: 1}}) { orders(where: {customer: {score: {_gt: 50}}}) }}
 * reads {@code SELECT DISTINCT id FROM customers WHERE score > ?} on crm, then the orders with
 * {@code customer_id IN (...)}. Past the budget, or past what one statement to the parent's source can
 * bind, the request fails with BAD_USER_INPUT.
 */
final class RelatedKeysFirst {
    private final Sources sources;

    RelatedKeysFirst(Sources sources) {
        this.sources = sources;
    }

    /** {@code p}, on rows of {@code scope}, with every remote condition replaced by the keys it matches. */
    Predicate resolve(Predicate p, TableRef scope) {
        return Leaves.replace(p, scope, sources, node -> keysOf(RemoteLeaf.of(node, scope, sources, this::resolve), scope),
                this::resolve);
    }

    private Predicate keysOf(RemoteLeaf leaf, TableRef scope) {
        int budget = sources.budget().maxKeys();
        int oneStatement = Math.max(1, sources.of(scope).maxBindParameters() / (2 * leaf.outerColumns().size()));
        int limit = Math.min(budget, oneStatement);
        List<List<Object>> keys = leaf.relatedKeys(limit).orElseThrow(() -> limit == budget
                ? WeftException.badInput("the filter through " + leaf.name() + " matches more than " + limit
                        + " related keys (" + MemoryBudget.SETTING + "); narrow the condition")
                : WeftException.badInput("the filter through " + leaf.name() + " matches more than " + limit
                        + " related keys, more than one statement to '" + scope.service().value() + "' can carry here;"
                        + " filter the root field instead, or narrow the condition"));
        PlanLog.choice("plan {} where {}: related side first, {} keys, then IN on {}", scope, leaf.name(), keys.size(), scope);
        PlanLog.report(new PlanChoice(scope, PlanLog.condition(leaf.name()), "related_keys_first", leaf.relatedTable(),
                (long) keys.size(), limit, null, null));
        return leaf.membership(keys);
    }
}
