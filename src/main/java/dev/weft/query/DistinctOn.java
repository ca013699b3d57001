package dev.weft.query;

import dev.weft.dialect.WeftException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hasura's rule for {@code distinct_on}: when the field also has an {@code order_by}, its first terms (as
 * many as {@code distinct_on} names, after flattening the list and each element's keys in order) must be
 * plain columns of the table and exactly the {@code distinct_on} columns, in any order; otherwise the
 * request fails with {@code BAD_USER_INPUT} and Hasura's message. Judged on GraphQL field names, so the
 * argument check ({@code dev.weft.precheck}) and the planner apply the same rule.
 *
 * <pre>{@code
 * check(["dept_no"], [{dept_no: asc}, {salary: desc}])   // fine
 * check(["dept_no"], [{salary: desc}, {dept_no: asc}])   // BAD_USER_INPUT
 * check(["dept_no"], null)                                // fine: ordered by dept_no (so is [])
 * }</pre>
 */
public final class DistinctOn {
    /** Hasura's message, word for word. */
    public static final String MISMATCH = "\"distinct_on\" columns must match initial \"order_by\" columns";

    private DistinctOn() {
    }

    /** The field names of a {@code distinct_on} argument (a list of enum values, or one value); empty for none. */
    public static List<String> names(Object distinctOn) {
        if (distinctOn == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Object v : distinctOn instanceof List<?> l ? l : List.of(distinctOn)) {
            if (v != null) {
                names.add(v.toString());
            }
        }
        return names;
    }

    /** Throws {@code BAD_USER_INPUT} when {@code orderBy} does not start with the {@code distinct_on} columns. */
    public static void check(List<String> distinctOn, Object orderBy) {
        if (distinctOn.isEmpty() || orderBy == null) {
            return;
        }
        List<String> initial = new ArrayList<>();
        boolean any = false;
        for (Object element : orderBy instanceof List<?> l ? l : List.of(orderBy)) {
            if (!(element instanceof Map<?, ?> spec)) {
                continue;
            }
            for (Map.Entry<?, ?> entry : spec.entrySet()) {
                any |= entry.getValue() != null;
                if (entry.getValue() != null && initial.size() < distinctOn.size()) {
                    // a column's direction is an enum value; a relationship, aggregate or document is an object
                    initial.add(entry.getValue() instanceof Map<?, ?> ? null : entry.getKey().toString());
                }
            }
        }
        if (any && (initial.size() < distinctOn.size() || initial.contains(null) || !initial.containsAll(distinctOn)
                || !distinctOn.containsAll(initial))) {
            throw WeftException.badInput(MISMATCH);
        }
    }
}
