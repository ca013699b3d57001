package dev.weft.query;

import dev.weft.catalog.TableRef;
import dev.weft.config.AccessSpec.MaskStrategy;
import dev.weft.security.Caller;
import dev.weft.security.RolePolicy;
import dev.weft.security.TablePolicy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * What one request's caller may see, ready for the planner and executors: the row filter of each
 * table (claims bound, compiled once per table and request), the masked columns, and the role's
 * maximum {@code limit}. {@link #UNRESTRICTED} applies nothing: the caller when no access control is
 * configured.
 *
 * <pre>{@code
 * Access access = Access.of(policy, caller, compiler::compile);
 * Predicate rows = access.filter(employees);   // e.g. tenant_id = 't1'
 * }</pre>
 */
public final class Access {
    public static final Access UNRESTRICTED = new Access(null, null, null);

    /** Where a request's Access sits in its GraphQL context (put there by the web stage for each request). */
    public static final String CONTEXT_KEY = Access.class.getName();

    /**
     * The request's Access from its GraphQL context. With access control on ({@code required}), a context
     * without one is a wiring fault and is refused rather than read unrestricted.
     */
    public static Access of(graphql.GraphQLContext context, boolean required) {
        Access access = context == null ? null : context.get(CONTEXT_KEY);
        if (access == null && required) {
            throw new IllegalStateException("a request reached the data without the caller's access: refused");
        }
        return access == null ? UNRESTRICTED : access;
    }

    private final RolePolicy policy;
    private final Caller caller;
    private final BiFunction<TablePolicy, Caller, Predicate> compiler;
    private final Map<TableRef, Predicate> filters = new ConcurrentHashMap<>();

    private Access(RolePolicy policy, Caller caller, BiFunction<TablePolicy, Caller, Predicate> compiler) {
        this.policy = policy;
        this.caller = caller;
        this.compiler = compiler;
    }

    /** The access of {@code caller} under its role's policy; {@code compiler} turns a table's filter into a predicate. */
    public static Access of(RolePolicy policy, Caller caller, BiFunction<TablePolicy, Caller, Predicate> compiler) {
        return new Access(policy, caller, compiler);
    }

    /** The rows of {@code table} the caller may see; {@link Predicate#FALSE} for a table the role may not select. */
    public Predicate filter(TableRef table) {
        if (policy == null) {
            return Predicate.TRUE;
        }
        return filters.computeIfAbsent(table, t -> policy.table(t)
                .map(p -> p.filter() == null ? Predicate.TRUE : compiler.apply(p, caller))
                .orElse(Predicate.FALSE));
    }

    /** Whether the caller may address rows of {@code table} by key values ({@link RolePolicy#mayAddressByKey}). */
    public boolean mayAddressByKey(dev.weft.catalog.Table table) {
        return policy == null ? !table.primaryKey().isEmpty() : policy.mayAddressByKey(table);
    }

    /** How {@code column} of {@code table} is masked for the caller, or null. */
    public MaskStrategy mask(TableRef table, String column) {
        return policy == null ? null : policy.table(table).map(p -> p.masks().get(column)).orElse(null);
    }

    /** The most rows one list may return for the caller's role, or null. */
    public Integer maxLimit() {
        return policy == null ? null : policy.maxLimit();
    }

    /** The role's policy, or null for {@link #UNRESTRICTED}. */
    public RolePolicy policy() {
        return policy;
    }

    /** The request's caller, or null for {@link #UNRESTRICTED}. */
    public Caller caller() {
        return caller;
    }

    public String role() {
        return policy == null ? null : policy.name();
    }
}
