package dev.weft.config;

import java.util.List;
import java.util.Map;

/**
 * One entry of relationships.yml as written (DreamFactory's field names), checked for form but not
 * yet against the catalog. Knows the line of each of its keys, so later stages can say
 * {@code relationships.yml:12: ref_field: no column 'cust_id' in crm.customers}.
 *
 * <pre>{@code
 * - service: hr            # parent side
 *   table: employees
 *   name: status           # the GraphQL field added to the parent type
 *   type: has_one          # belongs_to | has_one | has_many | many_to_many
 *   field: emp_no          # parent column(s)
 *   ref_service: hrstatus
 *   ref_table: employee_status
 *   ref_field: emp_no
 *   required: true         # optional: the field is non-null (HrstatusEmployeeStatus!, or [T!]! for a list)
 * }</pre>
 */
public record RelationshipSpec(
        String file,
        int line,
        Map<String, Integer> keyLines,
        String service,
        String table,
        String name,
        Type type,
        List<String> field,
        String refService,
        String refTable,
        List<String> refField,
        String description,
        String junctionService,
        String junctionTable,
        List<String> junctionField,
        List<String> junctionRefField,
        boolean required) {

    public RelationshipSpec {
        keyLines = Map.copyOf(keyLines);
        field = List.copyOf(field);
        refField = List.copyOf(refField);
        junctionField = List.copyOf(junctionField);
        junctionRefField = List.copyOf(junctionRefField);
    }

    public enum Type {
        BELONGS_TO, HAS_ONE, HAS_MANY, MANY_TO_MANY;

        /** Whether the field is a single object (belongs_to, has_one) rather than a list. */
        public boolean isObject() {
            return this == BELONGS_TO || this == HAS_ONE;
        }
    }

    /** {@code file:line} of {@code key} in this entry (the entry's first line when the key is absent). */
    public String locationOf(String key) {
        return file + ":" + keyLines.getOrDefault(key, line);
    }

    /** A problem about {@code key} of this entry. */
    public ConfigProblem problem(String key, String message) {
        return new ConfigProblem(locationOf(key), key, message);
    }

    /** The service that holds the junction table: {@code junction_service}, else {@code ref_service}. */
    public String junctionServiceOrDefault() {
        return junctionService != null ? junctionService : refService;
    }
}
