package dev.weft.query;

import dev.weft.catalog.Column;
import dev.weft.catalog.Relationship;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import dev.weft.schema.Scalars;
import dev.weft.schema.SchemaBindings;
import dev.weft.schema.TableBinding;
import dev.weft.security.Caller;
import dev.weft.security.TablePolicy;
import graphql.GraphQLContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles a role's row filter (access.yml, the {@code where} syntax by GraphQL field names) into a
 * predicate for one caller: {@code "@claims.<name>"} values become the caller's claim, and every value
 * is read by its column's scalar as if it came from a GraphQL variable. A claim the caller lacks makes
 * the request FORBIDDEN (never an unfiltered read).
 *
 * <pre>{@code
 * filter: { tenant_id: { _eq: "@claims.tenant_id" } }   with claims {tenant_id: "t1"}   gives  tenant_id = 't1'
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
        if (caller == null && raw instanceof String s && s.startsWith(CLAIM)) {
            return placeholder(column); // start-up check: the claim is bound per request
        }
        return coerce(column, claim(raw, caller));
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
        Map<String, Object> ops = new LinkedHashMap<>();
        for (var op : ((Map<String, Object>) condition).entrySet()) {
            Object v = op.getValue();
            ops.put(op.getKey(), switch (op.getKey()) {
                case "_in", "_nin" -> (v instanceof List<?> l ? l : List.of(v)).stream().map(x -> value(column, x, caller)).toList();
                case "_is_null" -> v;
                case "_like", "_nlike", "_ilike", "_nilike" -> caller == null ? v : String.valueOf(claim(v, caller));
                default -> value(column, v, caller);
            });
        }
        return ops;
    }

    private Object value(Column column, Object raw, Caller caller) {
        if (caller == null) {
            return raw instanceof String s && s.startsWith(CLAIM) ? placeholder(column) : coerce(column, raw);
        }
        return coerce(column, claim(raw, caller));
    }

    private static Object claim(Object raw, Caller caller) {
        if (raw instanceof String s && s.startsWith(CLAIM)) {
            String name = s.substring(CLAIM.length());
            Object value = caller.claims().get(name);
            if (value == null) {
                throw new WeftException(ErrorCode.FORBIDDEN, "the caller has no claim '" + name
                        + "', which the row filter of role '" + caller.role() + "' needs");
            }
            return value;
        }
        return raw;
    }

    private static Object coerce(Column column, Object raw) {
        try {
            return Scalars.of(column.type()).getCoercing().parseValue(raw, GraphQLContext.getDefault(), Locale.ROOT);
        } catch (RuntimeException e) {
            throw new WeftException(ErrorCode.FORBIDDEN, "a row filter value for '" + column.fieldName()
                    + "' is not a " + column.type().name().toLowerCase(Locale.ROOT) + ": " + raw);
        }
    }

    /** A value of the column's type, standing in for a claim while checking a filter's structure. */
    private static Object placeholder(Column column) {
        return switch (column.type()) {
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
