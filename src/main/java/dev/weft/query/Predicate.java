package dev.weft.query;

import dev.weft.catalog.Relationship;
import dev.weft.catalog.TableRef;
import java.util.List;

/**
 * A row condition, independent of any engine. Columns are catalog names of the table in scope;
 * values are typed Java values (bound as parameters, never spliced into text).
 *
 * <pre>{@code
 * // salary > 50000 AND (dept_no = 'd001' OR last_name LIKE 'S%')
 * new And(List.of(new Compare("salary", CompareOp.GT, 50000),
 *         new Or(List.of(new Compare("dept_no", CompareOp.EQ, "d001"), new Like("last_name", "S%", false, false)))));
 * }</pre>
 */
public sealed interface Predicate {
    Predicate TRUE = new Const(true);
    Predicate FALSE = new Const(false);

    enum CompareOp { EQ, NEQ, GT, GTE, LT, LTE }

    record Const(boolean value) implements Predicate {
    }

    record And(List<Predicate> parts) implements Predicate {
        public And {
            parts = List.copyOf(parts);
        }
    }

    record Or(List<Predicate> parts) implements Predicate {
        public Or {
            parts = List.copyOf(parts);
        }
    }

    record Not(Predicate inner) implements Predicate {
    }

    record Compare(String column, CompareOp op, Object value) implements Predicate {
    }

    record IsNull(String column, boolean isNull) implements Predicate {
    }

    record Like(String column, String pattern, boolean caseInsensitive, boolean negated) implements Predicate {
    }

    /** What a {@link Match} matches with: a regular expression, case-sensitive or not, or SQL's {@code SIMILAR TO} pattern. */
    enum MatchKind { REGEX, IREGEX, SIMILAR }

    /**
     * {@code column} matches (negated: does not match) {@code pattern}, bound as a parameter, by the source's own
     * engine ({@code _regex}, {@code _iregex}, {@code _similar} and their negations); the planner makes one only for
     * a source whose {@link dev.weft.catalog.TextMatching} offers it.
     */
    record Match(String column, MatchKind kind, String pattern, boolean negated) implements Predicate {
    }

    /** The PostgreSQL {@code jsonb} conditions of {@link Json}. */
    enum JsonOp { CONTAINS, CONTAINED_IN, HAS_KEY, HAS_KEYS_ANY, HAS_KEYS_ALL }

    /**
     * A PostgreSQL {@code jsonb} condition: {@code CONTAINS}/{@code CONTAINED_IN} take a JSON document as text
     * ({@code "{\"tags\":[\"a\"]}"}), {@code HAS_KEY} one key, {@code HAS_KEYS_ANY}/{@code HAS_KEYS_ALL} a
     * {@code String[]} of keys; each is bound, never spliced.
     */
    record Json(String column, JsonOp op, Object value) implements Predicate {
    }

    /** {@code columns IN rows} (or {@code NOT IN}); one value per column in each row. An empty list matches nothing. */
    record InList(List<String> columns, List<List<Object>> rows, boolean negated) implements Predicate {
        public InList {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /** Some row of {@code target} whose {@code innerColumns} equal the outer row's {@code outerColumns} matches {@code where}. */
    record Exists(TableRef target, List<String> outerColumns, List<String> innerColumns, Predicate where) implements Predicate {
        public Exists {
            outerColumns = List.copyOf(outerColumns);
            innerColumns = List.copyOf(innerColumns);
        }
    }

    /**
     * Some row related through {@code relationship} (to another source, or through a junction)
     * matches {@code where}. Executors resolve it into an {@link InList} of keys fetched from the
     * related source before rendering ("semi-join"); a renderer never sees it. {@code junctionWhere}
     * limits the junction rows of a many_to_many (the caller's row filter on the junction table).
     */
    record SemiJoin(Relationship relationship, Predicate where, Predicate junctionWhere) implements Predicate {
        /** A semi-join with no condition on the junction rows. */
        public SemiJoin(Relationship relationship, Predicate where) {
            this(relationship, where, TRUE);
        }
    }

    static Predicate and(List<Predicate> parts) {
        List<Predicate> kept = parts.stream().filter(p -> !TRUE.equals(p)).toList();
        if (kept.contains(FALSE)) {
            return FALSE;
        }
        return kept.isEmpty() ? TRUE : kept.size() == 1 ? kept.get(0) : new And(kept);
    }
}
