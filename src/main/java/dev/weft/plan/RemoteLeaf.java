package dev.weft.plan;

import dev.weft.catalog.Column;
import dev.weft.catalog.Relationship;
import dev.weft.catalog.TableRef;
import dev.weft.execute.JoinKeys;
import dev.weft.execute.Row;
import dev.weft.query.KeyBatch;
import dev.weft.query.Page;
import dev.weft.query.Predicate;
import dev.weft.query.Select;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One condition of a parent row that another source decides: a {@code where} through a relationship to
 * another source (a semi-join, possibly through a junction), or an {@code EXISTS} that the parent's
 * source cannot run (MongoDB). It can be answered from either side:
 * <ul>
 *   <li>{@link #relatedKeys}: the parent keys the related side matches (related side read first);</li>
 *   <li>{@link #matching}: among given parent keys, those with a matching related row (parent side first:
 *       one batched statement, two through a junction).</li>
 * </ul>
 * Either answer becomes a condition on the parent through {@link #membership}.
 *
 * <p>Example: {@code status: {status: {_eq: "active"}}} on employees (MariaDB) with statuses in
 * PostgreSQL: {@code relatedKeys} runs {@code SELECT DISTINCT emp_no FROM employee_status WHERE status = ?};
 * {@code matching([10001, 10002])} adds {@code AND emp_no IN (?, ?)}.
 */
final class RemoteLeaf {
    private static final long UNBOUNDED = Integer.MAX_VALUE;
    private final Predicate node;
    private final Sources sources;
    private final TableRef scope;
    private final List<String> outer;
    private final TableRef target;
    private final List<String> inner;
    private final Predicate innerWhere;
    private final Relationship.Junction junction;
    private final Predicate junctionWhere;
    private final String name;

    private RemoteLeaf(Predicate node, Sources sources, TableRef scope, List<String> outer, TableRef target,
                       List<String> inner, Predicate innerWhere, Relationship.Junction junction, Predicate junctionWhere,
                       String name) {
        this.node = node;
        this.sources = sources;
        this.scope = scope;
        this.outer = outer;
        this.target = target;
        this.inner = inner;
        this.innerWhere = innerWhere;
        this.junction = junction;
        this.junctionWhere = junctionWhere;
        this.name = name;
    }

    /** Whether {@code p} is such a condition on rows of {@code scope}. */
    static boolean is(Predicate p, TableRef scope, Sources sources) {
        return p instanceof Predicate.SemiJoin
                || p instanceof Predicate.Exists e && !sources.joinsWithin(scope, e.target());
    }

    /**
     * The leaf of {@code node} (for which {@link #is} holds); {@code resolveInner} resolves the conditions
     * inside it (on the related rows), which may reach further sources.
     */
    static RemoteLeaf of(Predicate node, TableRef scope, Sources sources,
                         BiFunction<Predicate, TableRef, Predicate> resolveInner) {
        if (node instanceof Predicate.SemiJoin s) {
            Relationship r = s.relationship();
            Relationship.Junction j = r.junction().orElse(null);
            return new RemoteLeaf(node, sources, r.from(), r.fromColumns(), r.to(), r.toColumns(),
                    resolveInner.apply(s.where(), r.to()), j, j == null ? Predicate.TRUE
                    : resolveInner.apply(s.junctionWhere(), j.table()), "'" + r.fieldName() + "'");
        }
        Predicate.Exists e = (Predicate.Exists) node;
        return new RemoteLeaf(node, sources, scope, e.outerColumns(), e.target(), e.innerColumns(),
                resolveInner.apply(e.where(), e.target()), null, Predicate.TRUE, "a relationship to " + e.target());
    }

    Predicate node() {
        return node;
    }

    List<String> outerColumns() {
        return outer;
    }

    String name() {
        return name;
    }

    /** The table the related side is read from first. */
    TableRef relatedTable() {
        return target;
    }

    /** The parent keys (in the parent columns' types) of the matching related rows, or empty past {@code limit} keys. */
    Optional<List<List<Object>>> relatedKeys(int limit) {
        List<List<Object>> related = distinct(target, inner, innerWhere, limit + 1L);
        if (related.size() > limit) {
            return Optional.empty();
        }
        if (junction == null) {
            return Optional.of(sources.convert(related, target, inner, scope, outer));
        }
        List<List<Object>> junctionKeys = sources.convert(related, target, inner, junction.table(), junction.toColumns());
        if (junctionKeys.isEmpty()) {
            return Optional.of(List.of());
        }
        List<List<Object>> parents = distinct(junction.table(), junction.fromColumns(), Predicate.and(List.of(
                new Predicate.InList(junction.toColumns(), junctionKeys, false), junctionWhere)), limit + 1L);
        return parents.size() > limit ? Optional.empty()
                : Optional.of(sources.convert(parents, junction.table(), junction.fromColumns(), scope, outer));
    }

    /** Among {@code parentKeys} (values of the outer columns as read from parent rows), those that match. */
    List<List<Object>> matching(Collection<List<Object>> parentKeys) {
        if (parentKeys.isEmpty()) {
            return List.of();
        }
        TableRef first = junction == null ? target : junction.table();
        List<String> firstColumns = junction == null ? inner : junction.fromColumns();
        JoinKeys toFirst = JoinKeys.of(sources.columns(scope, outer), sources.columns(first, firstColumns));
        Map<List<Object>, List<List<Object>>> parentsOf = new HashMap<>();
        Map<List<Object>, List<Object>> binds = new LinkedHashMap<>();
        for (List<Object> key : parentKeys) {
            List<Object> canonical = toFirst.canonical(key);
            if (canonical != null) {
                toFirst.bindable(canonical).ifPresent(b -> {
                    binds.putIfAbsent(canonical, b);
                    parentsOf.computeIfAbsent(canonical, c -> new ArrayList<>()).add(key);
                });
            }
        }
        if (binds.isEmpty()) {
            return List.of();
        }
        Set<List<Object>> matched = junction == null ? directMatches(toFirst, binds.values())
                : junctionMatches(toFirst, binds.values());
        List<List<Object>> result = new ArrayList<>();
        matched.forEach(c -> result.addAll(parentsOf.getOrDefault(c, List.of())));
        return result;
    }

    /** The canonical keys (parent to related) among the bound ones that have a matching related row. */
    private Set<List<Object>> directMatches(JoinKeys keys, Collection<List<Object>> binds) {
        List<List<Object>> found = distinct(target, inner, Predicate.and(List.of(innerWhere,
                new Predicate.InList(inner, List.copyOf(binds), false))), UNBOUNDED);
        Set<List<Object>> matched = new HashSet<>();
        found.forEach(f -> matched.add(keys.canonicalTarget(f)));
        return matched;
    }

    /** Through the junction: its rows of these parents (one statement), then the related rows they reach (one more). */
    private Set<List<Object>> junctionMatches(JoinKeys toJunction, Collection<List<Object>> binds) {
        Relationship.Junction j = junction;
        Set<String> columns = new LinkedHashSet<>(j.fromColumns());
        columns.addAll(j.toColumns());
        Select junctionRows = new Select(j.table(), List.copyOf(columns), Predicate.and(List.of(junctionWhere,
                new Predicate.InList(j.fromColumns(), List.copyOf(binds), false))), List.of(), Page.ALL);
        PlanLog.statement("{} rows of {} parent keys", j.table(), binds.size());
        List<Row> rows = sources.of(j.table()).select(junctionRows);
        JoinKeys toRelated = JoinKeys.of(sources.columns(j.table(), j.toColumns()), sources.columns(target, inner));
        Map<List<Object>, Set<List<Object>>> parentsOfRelated = new HashMap<>();
        Map<List<Object>, List<Object>> relatedBinds = new LinkedHashMap<>();
        for (Row row : rows) {
            List<Object> parent = toJunction.canonicalTarget(Sources.values(row, j.fromColumns()));
            List<Object> related = toRelated.canonical(Sources.values(row, j.toColumns()));
            if (parent != null && related != null) {
                toRelated.bindable(related).ifPresent(b -> {
                    relatedBinds.putIfAbsent(related, b);
                    parentsOfRelated.computeIfAbsent(related, x -> new HashSet<>()).add(parent);
                });
            }
        }
        Set<List<Object>> matched = new HashSet<>();
        if (relatedBinds.isEmpty()) {
            return matched;
        }
        PlanLog.statement("{} rows of {} junction keys", target, relatedBinds.size());
        List<Row> found = sources.of(target).selectBatch(new Select(target, inner, innerWhere, List.of(), Page.ALL),
                new KeyBatch(inner, new ArrayList<>(relatedBinds.values())));
        found.forEach(f -> matched.addAll(parentsOfRelated.getOrDefault(
                toRelated.canonicalTarget(Sources.values(f, inner)), Set.of())));
        return matched;
    }

    /** The condition on the parent row standing for this leaf when exactly {@code keys} match: NULL keys never do. */
    Predicate membership(List<List<Object>> keys) {
        if (keys.isEmpty()) {
            return Predicate.FALSE;
        }
        List<Predicate> parts = keyPresent(); // so that NOT of this leaf keeps the rows with no key
        parts.add(new Predicate.InList(outer, keys, false));
        return Predicate.and(parts);
    }

    /**
     * The same condition for rows whose keys are all among those tested, given the tested keys that do
     * not match: a key that is not NULL and not one of them.
     */
    Predicate membershipExcept(List<List<Object>> unmatched) {
        List<Predicate> parts = keyPresent();
        if (!unmatched.isEmpty()) {
            parts.add(new Predicate.InList(outer, unmatched, true));
        }
        return Predicate.and(parts);
    }

    /** {@code IS NOT NULL} on each nullable key column. */
    private List<Predicate> keyPresent() {
        List<Predicate> parts = new ArrayList<>();
        for (Column c : sources.columns(scope, outer)) {
            if (c.nullable()) {
                parts.add(new Predicate.IsNull(c.name(), false));
            }
        }
        return parts;
    }

    private List<List<Object>> distinct(TableRef table, List<String> columns, Predicate where, long limit) {
        PlanLog.statement("distinct {} of {}{}", columns, table, limit == UNBOUNDED ? " among given keys"
                : " (at most " + limit + ")");
        return sources.of(table).distinctKeys(table, columns, where, limit);
    }
}
