package dev.weft.execute;

import dev.weft.catalog.Relationship;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import dev.weft.schema.TableBinding;
import graphql.normalized.ExecutableNormalizedField;
import java.util.List;
import java.util.Map;

/**
 * GraphQL's null propagation (spec 6.4.4) on the direct executor's path, as graphql-java applies it field by
 * field: a non-null field that is null nulls its parent object, a list whose (non-null) element is null is
 * itself null, up to the nearest nullable field. Only relationships.yml's {@code required: true} makes a
 * field that can fail non-null ({@link Relationship#required()}); root fields, list elements' lists and
 * aggregate fields stay nullable, so a null stops at the latest at its root field. The error stays where the
 * null began (one error, at the required field's path); the fields it nulls on its way up add none.
 *
 * <pre>{@code
 * // status is required: HrstatusEmployeeStatus!; employee 10020 has no (visible) status
 * { hr_employees_by_pk(emp_no: 10020) { emp_no status { status } } }
 * -> {"data": {"hr_employees_by_pk": null}, "errors": [{"path": ["hr_employees_by_pk", "status"], ...}]}
 * }</pre>
 */
final class NullPropagation {
    private NullPropagation() {
    }

    /**
     * The failure of a required object relationship without a row for its parent. The same whether no row exists or
     * the caller's row filter hides it, so the answer tells nothing about rows the caller may not see.
     */
    static WeftException missing(Relationship r) {
        return new WeftException(ErrorCode.INTERNAL, "no row of " + r.to() + " for the non-null field '" + r.fieldName()
                + "' (none exists, or the role may not read it)");
    }

    /** The list, or null when one of its elements is null (Weft's list elements are non-null: {@code [T!]}). */
    static <T> List<T> listOrNull(List<T> elements) {
        for (T element : elements) {
            if (element == null) {
                return null;
            }
        }
        return elements;
    }

    /** Nulls each object (in place) in which one of the {@code related} fields is a required relationship that is null. */
    static void nullObjectsOfNullRequired(TableBinding binding, List<ExecutableNormalizedField> related,
                                          List<Map<String, Object>> objects) {
        for (ExecutableNormalizedField f : related) {
            Relationship r = binding.relationships().get(f.getName()); // null for an aggregate field: never required
            if (r == null || !r.required()) {
                continue;
            }
            for (int i = 0; i < objects.size(); i++) {
                if (objects.get(i) != null && objects.get(i).get(f.getResultKey()) == null) {
                    objects.set(i, null);
                }
            }
        }
    }
}
