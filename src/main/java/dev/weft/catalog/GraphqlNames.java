package dev.weft.catalog;

import dev.weft.config.ConfigValidator;
import java.util.Locale;

/**
 * The naming rules, in one place (the README repeats them):
 * <ul>
 *   <li>a field is the column's name with every character outside {@code [_0-9A-Za-z]} turned into
 *       {@code _}, a leading {@code _} added before a digit, and an {@code x} before a reserved leading
 *       {@code __} ({@code "first name"} gives {@code first_name}, {@code 2fa} gives {@code _2fa});</li>
 *   <li>a type is the service's type prefix plus the table name in PascalCase ({@code HrEmployeeStatus});
 *       an all-upper-case word is read as a word ({@code EMPLOYEE_STATUS} gives {@code EmployeeStatus});</li>
 *   <li>a root field is the service's prefix plus the table's field name ({@code hr_employees}).</li>
 *   <li>on a source that folds unquoted names to upper case (DB2), a table or column name without a lower-case
 *       letter is lower-cased first ({@code EMPLOYEE_STATUS} gives {@code hrstatus_employee_status}, column
 *       {@code EMP_NO} gives {@code emp_no}).</li>
 * </ul>
 */
public final class GraphqlNames {
    public static final String BY_PK = "_by_pk";
    public static final String AGGREGATE_FIELD = "_aggregate";

    private GraphqlNames() {
    }

    /**
     * {@link #field(String)} for a source that folds unquoted names to upper case (DB2): there an identifier
     * with no lower-case letter is lower-cased first ({@code EMP_NO} gives {@code emp_no}, {@code "Emp_No"} and
     * {@code "first name"} stay as they are). SQL always uses the exact catalogued name.
     */
    public static String field(String identifier, boolean foldsToUpperCase) {
        boolean allUpper = identifier.equals(identifier.toUpperCase(Locale.ROOT))
                && !identifier.equals(identifier.toLowerCase(Locale.ROOT));
        return field(foldsToUpperCase && allUpper ? identifier.toLowerCase(Locale.ROOT) : identifier);
    }

    /** A legal GraphQL name for a catalog identifier, by the rule above. */
    public static String field(String identifier) {
        StringBuilder out = new StringBuilder(identifier.length() + 1);
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            boolean legal = c == '_' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            out.append(legal ? c : '_');
        }
        if (out.isEmpty() || Character.isDigit(out.charAt(0))) {
            out.insert(0, '_');
        }
        if (out.toString().startsWith("__")) {
            out.insert(0, 'x');
        }
        return out.toString();
    }

    public static String type(String typePrefix, String tableName) {
        return typePrefix + ConfigValidator.pascalCase(field(tableName));
    }

    /**
     * The object type of a nested document (MongoDB): the enclosing type's name plus the field in PascalCase
     * ({@code EventsClicks} and {@code payload} give {@code EventsClicksPayload}); it has {@code BoolExp} and
     * {@code OrderBy} inputs like a table's type.
     */
    public static String nestedType(String enclosingType, Column column) {
        return enclosingType + ConfigValidator.pascalCase(column.fieldName());
    }

    /** {@code manager_id} gives {@code manager}; other names give empty (the rule for object relationship names). */
    static String withoutIdSuffix(String column) {
        String lower = column.toLowerCase(Locale.ROOT);
        return lower.endsWith("_id") && column.length() > 3 ? column.substring(0, column.length() - 3) : "";
    }
}
