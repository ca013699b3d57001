package dev.weft.query;

import dev.weft.dialect.WeftException;
import java.util.Map;

/**
 * The pages of a request under its role's {@code max-limit}, which caps the rows returned and never
 * what an aggregate computes. With {@code max-limit: 100}:
 *
 * <pre>{@code
 * hr_employees                                  -> Page[100, null]         (no limit means the max)
 * hr_employees(limit: 101)                      -> BAD_USER_INPUT
 * hr_employees_aggregate { aggregate {count} }  -> aggregate Page[null, null], every row counted
 * hr_employees_aggregate { nodes { emp_no } }   -> nodes Page[100, null], the first rows of the aggregated page
 * hr_employees_aggregate(limit: 500) { aggregate { count } }   -> Page[500, null]: no rows returned, allowed
 * }</pre>
 */
final class Paging {
    private Paging() {
    }

    /** The page of a list: the caller's, within max-limit (no limit means the max-limit; more is an error). */
    static Page list(Map<String, Object> arguments, Access access) {
        return nodes(aggregate(arguments, true, access), access);
    }

    /**
     * The page an aggregate field computes over: the caller's {@code limit} and {@code offset} as given.
     * A {@code limit} above the role's max-limit is an error only when the field returns its
     * {@code nodes}, since only they are rows returned.
     */
    static Page aggregate(Map<String, Object> arguments, boolean wantsNodes, Access access) {
        Long limit = nonNegative(arguments, "limit");
        Integer max = access.maxLimit();
        if (wantsNodes && max != null && limit != null && limit > max) {
            throw WeftException.badInput("limit " + limit + " is more than the " + max + " rows role '" + access.role()
                    + "' may read at once (max-limit)");
        }
        return new Page(limit, nonNegative(arguments, "offset"));
    }

    /**
     * The rows an aggregate field's {@code nodes} return: its page, cut to the role's max-limit when
     * the caller gave no limit. Its rows are always the first ones of the aggregated page.
     */
    static Page nodes(Page aggregatePage, Access access) {
        Integer max = access.maxLimit();
        return aggregatePage.limit() == null && max != null ? new Page(Long.valueOf(max), aggregatePage.offset()) : aggregatePage;
    }

    private static Long nonNegative(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        if (value == null) {
            return null;
        }
        long n = ((Number) value).longValue();
        if (n < 0) {
            throw WeftException.badInput(name + " must not be negative, was " + n);
        }
        return n;
    }
}
