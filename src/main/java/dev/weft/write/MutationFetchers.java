package dev.weft.write;

import dev.weft.catalog.Column;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.catalog.UniqueKey;
import dev.weft.config.WriteSpec.Kind;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import dev.weft.execute.Row;
import dev.weft.query.Access;
import dev.weft.query.Page;
import dev.weft.query.Predicate;
import dev.weft.query.QueryPlanner;
import dev.weft.query.RowFilterCompiler;
import dev.weft.query.Select;
import dev.weft.schema.MutationBinding;
import dev.weft.schema.MutationFetcherFactory;
import dev.weft.schema.TableBinding;
import dev.weft.security.WritePolicy;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The data fetchers of the mutation fields. Each turns its arguments into {@link WriteStep}s under the
 * caller's write permissions (columns, presets, filter, check; the read filter for {@code returning}),
 * runs them in one transaction on the table's source and shapes the answer ({@code affected_rows},
 * {@code returning}, or the row for {@code _one}/{@code _by_pk}). The rows of {@code returning} are
 * then resolved by the query fetchers (masks, relationships in batches), as for a query.
 *
 * <pre>{@code
 * update_shop_accounts(where: {id: {_eq: 7}}, _inc: {balance: 5}) { affected_rows returning { id balance } }
 * // a role with update filter {tenant_id: {_eq: "@claims.tenant_id"}} updates only its tenant's row 7
 * }</pre>
 */
public final class MutationFetchers implements MutationFetcherFactory {
    private final QueryPlanner planner;
    private final Map<ServiceName, SourceWriter> writers;
    private final UnaryOperator<Select> resolve;
    private final RowFilterCompiler filters;
    private final Function<TableRef, List<UniqueKey>> uniqueKeys;
    private final boolean accessRequired;

    /**
     * @param resolve replaces conditions that reach another source by the keys they match
     * @param accessRequired whether access control is on: a request without an Access then fails
     */
    public MutationFetchers(QueryPlanner planner, Map<ServiceName, SourceWriter> writers, UnaryOperator<Select> resolve,
                            Function<TableRef, List<UniqueKey>> uniqueKeys, boolean accessRequired) {
        this.planner = planner;
        this.writers = Map.copyOf(writers);
        this.resolve = resolve;
        this.filters = new RowFilterCompiler(planner.bindings());
        this.uniqueKeys = uniqueKeys;
        this.accessRequired = accessRequired;
    }

    @Override
    public DataFetcher<?> fetcher(MutationBinding binding) {
        return env -> {
            Access access = access(env);
            Table table = planner.bindings().table(binding.table()).table();
            List<WriteResult> results = writers.get(table.ref().service()).write(steps(binding, env, access, table));
            return switch (binding) {
                case MutationBinding.Insert i when i.one() -> single(results.get(0));
                case MutationBinding.Update u when u.byPk() -> single(results.get(0));
                case MutationBinding.Delete d when d.byPk() -> single(results.get(0));
                case MutationBinding.UpdateMany m -> results.stream().map(MutationFetchers::response).toList();
                default -> response(results.get(0));
            };
        };
    }

    @SuppressWarnings("unchecked")
    private List<WriteStep> steps(MutationBinding binding, DataFetchingEnvironment env, Access access, Table table) {
        WriteRules rules = new WriteRules(access, table);
        Map<String, Object> args = env.getArguments();
        return switch (binding) {
            case MutationBinding.Insert i -> {
                List<Map<String, Object>> objects = i.one() ? List.of((Map<String, Object>) args.get("object"))
                        : (List<Map<String, Object>>) args.get("objects");
                yield List.of(rules.insert(objects, (Map<String, Object>) args.get("on_conflict")));
            }
            case MutationBinding.Update u -> List.of(rules.update(u.byPk() ? rules.pkEquals((Map<String, Object>) args.get("pk_columns"))
                    : rules.where(args.get("where")), (Map<String, Object>) args.get("_set"), (Map<String, Object>) args.get("_inc")));
            case MutationBinding.UpdateMany m -> ((List<Map<String, Object>>) args.get("updates")).stream()
                    .map(u -> rules.update(rules.where(u.get("where")), (Map<String, Object>) u.get("_set"),
                            (Map<String, Object>) u.get("_inc"))).toList();
            case MutationBinding.Delete d -> List.of(rules.delete(d.byPk() ? rules.pkEquals(args) : rules.where(args.get("where"))));
        };
    }

    private static Row single(WriteResult result) {
        return result.returning().isEmpty() ? null : result.returning().get(0);
    }

    private static Map<String, Object> response(WriteResult result) {
        Map<String, Object> shaped = new LinkedHashMap<>();
        shaped.put("affected_rows", result.affectedRows());
        shaped.put("returning", result.returning());
        return shaped;
    }

    private Access access(DataFetchingEnvironment env) {
        return Access.of(env.getGraphQlContext(), accessRequired);
    }

    /** One field's permissions on one table, for one caller, and the conversions of its arguments. */
    private final class WriteRules {
        private final Access access;
        private final Table table;
        private final TableBinding binding;

        WriteRules(Access access, Table table) {
            this.access = access;
            this.table = table;
            this.binding = planner.bindings().table(table.ref());
        }

        WriteStep.Insert insert(List<Map<String, Object>> objects, Map<String, Object> onConflict) {
            WritePolicy policy = policy(Kind.INSERT);
            List<WriteStep.InsertRow> rows = new ArrayList<>();
            for (Map<String, Object> object : objects) {
                rows.add(row(object, policy));
            }
            return new WriteStep.Insert(table, rows, onConflict == null ? null : upsert(onConflict), compiled(policy.check()),
                    visible(), maxRows());
        }

        /**
         * One object of {@code objects}: its columns (presets on top) and its nested inserts through foreign
         * keys ({@code customer: {data: {...}}} inserted first, {@code orders: {data: [...]}} after), each under
         * its own table's insert permission, and its {@code on_conflict} under that table's update permission.
         */
        @SuppressWarnings("unchecked")
        private WriteStep.InsertRow row(Map<String, Object> object, WritePolicy policy) {
            Map<String, Object> plain = new LinkedHashMap<>();
            List<WriteStep.Nested> parents = new ArrayList<>();
            List<WriteStep.Nested> children = new ArrayList<>();
            object.forEach((field, value) -> {
                dev.weft.catalog.Relationship r = binding.relationships().get(field);
                if (r == null || !(value instanceof Map<?, ?> nested)) {
                    plain.put(field, value);
                    return;
                }
                WriteRules target = new WriteRules(access, planner.bindings().table(r.to()).table());
                Object data = nested.get("data");
                Map<String, Object> onConflict = (Map<String, Object>) nested.get("on_conflict");
                if (r.cardinality() == dev.weft.catalog.Relationship.Cardinality.OBJECT) {
                    parents.add(new WriteStep.Nested(r.fromColumns(), r.toColumns(),
                            target.insert(List.of((Map<String, Object>) data), onConflict)));
                } else {
                    children.add(new WriteStep.Nested(r.fromColumns(), r.toColumns(),
                            target.insert((List<Map<String, Object>>) data, onConflict)));
                }
            });
            Map<String, Object> values = columns(plain, policy, "insert");
            values.putAll(presets(policy));
            return new WriteStep.InsertRow(values, parents, children);
        }

        @SuppressWarnings("unchecked")
        private WriteStep.Upsert upsert(Map<String, Object> onConflict) {
            WritePolicy policy = policy(Kind.UPDATE);
            String name = String.valueOf(onConflict.get("constraint"));
            UniqueKey key = uniqueKeys.apply(table.ref()).stream().filter(k -> k.name().equals(name)).findFirst()
                    .orElseThrow(() -> WeftException.badInput("no unique constraint '" + name + "' on " + table.ref()));
            List<String> update = new ArrayList<>();
            for (Object field : (List<Object>) onConflict.getOrDefault("update_columns", List.of())) {
                update.add(column(String.valueOf(field), policy, "update").name());
            }
            Predicate where = Predicate.TRUE.equals(compiled(policy.filter())) ? where(onConflict.get("where"))
                    : new Predicate.And(List.of(compiled(policy.filter()), where(onConflict.get("where"))));
            return new WriteStep.Upsert(name, key.columns(), update, presets(policy), resolved(where), compiled(policy.check()));
        }

        WriteStep update(Predicate where, Map<String, Object> set, Map<String, Object> inc) {
            WritePolicy policy = policy(Kind.UPDATE);
            Map<String, Object> values = set == null ? new LinkedHashMap<>() : columns(set, policy, "update");
            values.putAll(presets(policy));
            Map<String, Object> increments = inc == null ? new LinkedHashMap<>() : columns(inc, policy, "update");
            increments.keySet().removeAll(policy.presets().keySet()); // a preset wins over the caller's _inc
            increments.keySet().forEach(values::remove);
            return new WriteStep.Update(table, restricted(where, policy), values, increments, compiled(policy.check()),
                    visible(), maxRows());
        }

        WriteStep delete(Predicate where) {
            return new WriteStep.Delete(table, restricted(where, policy(Kind.DELETE)), visible(), maxRows());
        }

        /** The caller's {@code where}, with relationship conditions kept to the rows the caller may read. */
        Predicate where(Object where) {
            return planner.forAccess(access).where(binding, where);
        }

        Predicate pkEquals(Map<String, Object> values) {
            List<Predicate> parts = new ArrayList<>();
            for (String pk : table.primaryKey()) {
                parts.add(new Predicate.Compare(pk, Predicate.CompareOp.EQ, values.get(table.requireColumn(pk).fieldName())));
            }
            return parts.size() == 1 ? parts.get(0) : new Predicate.And(parts);
        }

        private Predicate restricted(Predicate where, WritePolicy policy) {
            Predicate filter = compiled(policy.filter());
            return resolved(Predicate.TRUE.equals(filter) ? where : new Predicate.And(List.of(where, filter)));
        }

        /** The role's {@code max-rows-affected}, or null. */
        private Integer maxRows() {
            return access.policy() == null ? null : access.policy().maxRowsAffected();
        }

        private Predicate visible() {
            return resolved(access.filter(table.ref()));
        }

        private Predicate compiled(Map<String, Object> where) {
            return where == null ? Predicate.TRUE : resolved(filters.compile(table.ref(), where, access.caller()));
        }

        private Predicate resolved(Predicate where) {
            return resolve.apply(new Select(table.ref(), table.primaryKey(), where, List.of(), Page.ALL)).where();
        }

        /** Input fields by GraphQL name to values by column; a column the permission does not allow is refused. */
        private Map<String, Object> columns(Map<String, Object> input, WritePolicy policy, String kind) {
            Map<String, Object> values = new LinkedHashMap<>();
            input.forEach((field, value) -> values.put(column(field, policy, kind).name(), value));
            return values;
        }

        private Column column(String field, WritePolicy policy, String kind) {
            Column column = binding.columns().get(field);
            if (column == null || !policy.columns().contains(column.name())) {
                throw WeftException.badInput("role '" + access.role() + "' may not " + kind + " the column '" + field
                        + "' of " + table.ref());
            }
            return column;
        }

        private Map<String, Object> presets(WritePolicy policy) {
            Map<String, Object> values = new LinkedHashMap<>();
            policy.presets().forEach((column, raw) -> values.put(column,
                    RowFilterCompiler.preset(table.requireColumn(column), raw, access.caller())));
            return values;
        }

        private WritePolicy policy(Kind kind) {
            if (access.policy() == null) {
                return WritePolicy.open(kind, table);
            }
            return access.policy().table(table.ref()).flatMap(p -> p.write(kind)).orElseThrow(() -> new WeftException(
                    ErrorCode.FORBIDDEN, "role '" + access.role() + "' may not " + kind.configName() + " rows of " + table.ref()));
        }
    }
}
