package dev.weft.query;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import dev.weft.catalog.Relationship;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import dev.weft.schema.SchemaBindings;
import dev.weft.schema.TableBinding;
import dev.weft.security.Caller;
import dev.weft.security.TablePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a role's row filter (access.yml, the {@code where} syntax by GraphQL field names) into a
 * predicate for one caller: {@code "@claims.<name>"} values become the caller's claim ({@link Caller#claim}),
 * read as the column's type the way tokens carry claims ({@link ClaimValues}: {@code "3"} is 3 for an
 * integer column; a list claim, or {@code "{1,2}"}, gives the values of {@code _in}/{@code _nin}). A
 * claim the caller lacks, or one that is not a value of the column's type, makes the request FORBIDDEN
 * (never an unfiltered read). Start-up {@link #check}s a filter through the same steps, a value of the
 * right type standing in for each claim, so a filter accepted there fails later only for a caller's claims.
 *
 * <pre>{@code
 * filter: { tenant_id: { _eq: "@claims.tenant_id" } }   with claims {tenant_id: "7"}       gives  tenant_id = 7
 * filter: { region: { _in: "@claims.regions" } }        with claims {regions: "{n,s}"}    gives  region IN ('n', 's')
 * }</pre>
 */
public final class RowFilterCompiler {
    private static final String CLAIM = "@claims.";

    private final SchemaBindings bindings;
    private final QueryPlanner planner;

    public RowFilterCompiler(SchemaBindings bindings) {
        this.bindings = bindings;
        this.planner = new QueryPlanner(bindings); // filters are not themselves filtered
    }

    public Predicate compile(TablePolicy policy, Caller caller) {
        TableBinding binding = bindings.table(policy.table());
        return planner.where(binding, bind(binding, policy.filter(), caller));
    }

    /** Checks a filter at start-up: every field and operator exists; claims are left unbound. */
    public void check(TablePolicy policy) {
        TableBinding binding = bindings.table(policy.table());
        planner.where(binding, bind(binding, policy.filter(), null));
    }

    /** A write permission's {@code filter} or {@code check} (the where syntax) for one caller. */
    public Predicate compile(dev.weft.catalog.TableRef table, Map<String, Object> where, Caller caller) {
        TableBinding binding = bindings.table(table);
        return planner.where(binding, bind(binding, where, caller));
    }

    /** Checks a write permission's {@code filter} or {@code check} at start-up, as {@link #check(TablePolicy)}. */
    public void check(dev.weft.catalog.TableRef table, Map<String, Object> where) {
        TableBinding binding = bindings.table(table);
        planner.where(binding, bind(binding, where, null));
    }

    /** A preset of a write permission ({@code set}): the value, or the caller's claim it names, as the column's type. */
    public static Object preset(Column column, Object raw, Caller caller) {
        return value(column.fieldName(), column.type(), raw, caller); // a placeholder while checking at start-up
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> bind(TableBinding binding, Map<String, Object> where, Caller caller) {
        Map<String, Object> bound = new LinkedHashMap<>();
        for (var entry : where.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            switch (key) {
                case "_and", "_or" -> {
                    List<Object> parts = new ArrayList<>();
                    for (Object part : value instanceof List<?> l ? l : List.of(value)) {
                        parts.add(bind(binding, (Map<String, Object>) part, caller));
                    }
                    bound.put(key, parts);
                }
                case "_not" -> bound.put(key, bind(binding, (Map<String, Object>) value, caller));
                default -> bound.put(key, field(binding, key, value, caller));
            }
        }
        return bound;
    }

    @SuppressWarnings("unchecked")
    private Object field(TableBinding binding, String field, Object condition, Caller caller) {
        if (!(condition instanceof Map<?, ?>)) {
            throw WeftException.badInput("the condition on '" + field + "' must be a mapping of operators");
        }
        Column column = binding.columns().get(field);
        if (column == null) {
            Relationship r = binding.relationships().get(field);
            if (r == null) {
                throw WeftException.badInput("unknown field '" + field + "' in " + binding.table().ref());
            }
            return bind(bindings.table(r.to()), (Map<String, Object>) condition, caller);
        }
        return column.isDocument() ? document(column, (Map<String, Object>) condition, caller)
                : operators(column, (Map<String, Object>) condition, caller);
    }

    /** A condition on a nested document (MongoDB): its fields by name, with {@code _and}, {@code _or}, {@code _not}. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> document(Column document, Map<String, Object> condition, Caller caller) {
        Map<String, Object> bound = new LinkedHashMap<>();
        for (var entry : condition.entrySet()) {
            Object value = entry.getValue();
            switch (entry.getKey()) {
                case "_and", "_or" -> bound.put(entry.getKey(), (value instanceof List<?> l ? l : List.of(value)).stream()
                        .map(part -> (Object) document(document, (Map<String, Object>) part, caller)).toList());
                case "_not" -> bound.put("_not", document(document, (Map<String, Object>) value, caller));
                default -> {
                    Column nested = document.fields().stream().filter(f -> f.fieldName().equals(entry.getKey())).findFirst()
                            .orElseThrow(() -> WeftException.badInput("unknown field '" + entry.getKey() + "' of '"
                                    + document.fieldName() + "'"));
                    if (!(value instanceof Map<?, ?>)) {
                        throw WeftException.badInput("the condition on '" + entry.getKey() + "' must be a mapping of operators");
                    }
                    bound.put(entry.getKey(), nested.isDocument() ? document(nested, (Map<String, Object>) value, caller)
                            : operators(nested, (Map<String, Object>) value, caller));
                }
            }
        }
        return bound;
    }

    private Map<String, Object> operators(Column column, Map<String, Object> condition, Caller caller) {
        Map<String, Object> ops = new LinkedHashMap<>();
        for (var op : condition.entrySet()) {
            Object v = op.getValue();
            ops.put(op.getKey(), switch (op.getKey()) {
                case "_in", "_nin" -> list(column, v, caller);
                case "_is_null" -> value(column.fieldName(), ColumnType.BOOLEAN, v, caller);
                case "_like", "_nlike", "_ilike", "_nilike", "_regex", "_iregex", "_nregex", "_niregex", "_similar", "_nsimilar" -> value(column.fieldName(), ColumnType.STRING, v, caller);
                default -> value(column.fieldName(), column.type(), v, caller);
            });
        }
        return ops;
    }

    /**
     * The values of {@code _in}/{@code _nin}: a list of values and claims, or one claim that holds a list
     * (a JSON array, or a PostgreSQL array literal {@code "{1,2}"}); a list claim inside a list adds its values.
     */
    private List<Object> list(Column column, Object operand, Caller caller) {
        List<Object> values = new ArrayList<>();
        for (Object element : operand instanceof List<?> l ? l : List.of(operand)) {
            String name = claimName(element);
            if (name == null) {
                values.add(value(column.fieldName(), column.type(), element, caller));
            } else if (caller == null) {
                values.add(placeholder(column.type()));
            } else {
                List<Object> elements;
                try {
                    elements = ClaimValues.list(claim(name, caller));
                } catch (IllegalArgumentException e) {
                    throw forbidden(name, caller, e.getMessage());
                }
                for (Object x : elements) {
                    values.add(coerceClaim(name, column.fieldName(), column.type(), x, caller));
                }
            }
        }
        return values;
    }

    /** One value: a literal of the filter, or a claim (a placeholder of the type while checking at start-up). */
    private static Object value(String field, ColumnType type, Object raw, Caller caller) {
        String name = claimName(raw);
        if (name == null) {
            try {
                return ClaimValues.single(raw, type);
            } catch (ClaimValues.NotCoercible e) {
                throw new WeftException(ErrorCode.FORBIDDEN, "a row filter value for '" + field + "' is not "
                        + e.getMessage() + ": " + raw);
            }
        }
        return caller == null ? placeholder(type) : coerceClaim(name, field, type, claim(name, caller), caller);
    }

    private static Object coerceClaim(String name, String field, ColumnType type, Object value, Caller caller) {
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            throw forbidden(name, caller, "it holds " + (value instanceof List<?> ? "a list" : "an object")
                    + " where '" + field + "' needs one value; a list claim works with _in and _nin");
        }
        try {
            return ClaimValues.single(value, type);
        } catch (ClaimValues.NotCoercible e) {
            throw forbidden(name, caller, "'" + value + "' is not " + e.getMessage() + ", as '" + field + "' needs");
        }
    }

    private static String claimName(Object raw) {
        return raw instanceof String s && s.startsWith(CLAIM) ? s.substring(CLAIM.length()) : null;
    }

    private static Object claim(String name, Caller caller) {
        return caller.claim(name).orElseThrow(() -> new WeftException(ErrorCode.FORBIDDEN, "the caller has no claim '"
                + name + "', which the row filter of role '" + caller.role() + "' needs"));
    }

    private static WeftException forbidden(String name, Caller caller, String why) {
        return new WeftException(ErrorCode.FORBIDDEN, "the claim '" + name + "' of the caller cannot be used in the row filter of role '"
                + caller.role() + "': " + why);
    }

    /** A value of the column's type, standing in for a claim while checking a filter's structure. */
    private static Object placeholder(ColumnType type) {
        return switch (type) {
            case INT -> 0;
            case BIGINT -> 0L;
            case BIGINTEGER -> java.math.BigInteger.ZERO;
            case DECIMAL -> java.math.BigDecimal.ZERO;
            case FLOAT -> 0.0;
            case BOOLEAN -> false;
            default -> "";
        };
    }
}
