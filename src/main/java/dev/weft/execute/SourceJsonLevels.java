package dev.weft.execute;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import dev.weft.catalog.Relationship;
import dev.weft.execute.sourcejson.FieldKind;
import dev.weft.execute.sourcejson.SourceJsonList;
import dev.weft.execute.sourcejson.SourceJsonShape;
import dev.weft.limits.RequestBudget;
import dev.weft.query.Access;
import dev.weft.query.Select;
import dev.weft.schema.Scalars;
import dev.weft.schema.TableBinding;
import graphql.normalized.ExecutableNormalizedField;
import graphql.scalars.ExtendedScalars;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Levels the source can write as JSON itself ({@link dev.weft.execute.sourcejson}): array relationships and root lists
 * whose every field is a plain column of a kind whose JSON the source prints as Weft
 * does (or {@code __typename}), none masked for the caller, no relationship below. Then the level is one
 * {@code JSON_AGG} statement (per batch of parents; a relationship's rows paged, or ordered by a total order that
 * holds the primary key) and each list a {@link SourceJsonList} that copies the source's
 * bytes into the response; the rows never become Java values. Anything else, or a token the check does not take (a
 * null in a non-null field, a decimal printed with an exponent, a date past year 9999), and the caller reads the level
 * as rows.
 *
 * <p>Example: {@code customers { orders { id total created_at } }} with orders in PostgreSQL reads
 * {@code [[10, 147.18, "2024-01-07T22:40:00"], ...]} per customer and writes {@code [{"id":10,"total":147.18,...}]}.
 */
final class SourceJsonLevels {
    private final DirectRun run;
    private final Fetchers fetchers;
    private final RelationshipLoaders loaders;
    private final Access access;
    private final RequestBudget budget;

    SourceJsonLevels(DirectRun run, Fetchers fetchers, Access access, RequestBudget budget) {
        this.run = run;
        this.fetchers = fetchers;
        this.loaders = fetchers.loaders();
        this.access = access;
        this.budget = budget;
    }

    /** A level the source writes: its shape and the columns of its row arrays, in order. */
    private record Level(SourceJsonShape shape, List<String> columns) {
    }

    /**
     * The value of array relationship {@code f} per parent row ({@code rowKey}: each row's index in {@code keys}, or
     * negative), charged to the request's budget; null when the level is to be read as rows.
     */
    List<Object> values(Relationship r, TableBinding target, ExecutableNormalizedField f, List<List<Object>> keys,
                        int[] rowKey, Select select) {
        Level level = large(keys.size()) ? level(target, f.getChildren()) : null;
        if (level == null || select.page().isAll() && !ordersTotally(target, select)) {
            return null;
        }
        Optional<List<byte[]>> json = loaders.jsonPerParent(r, keys, select, level.columns(), budget);
        if (json.isEmpty()) {
            return null;
        }
        List<SourceJsonList> lists = new ArrayList<>(keys.size());
        for (byte[] bytes : json.get()) {
            SourceJsonList list = bytes == null ? null : SourceJsonList.of(level.shape(), bytes);
            if (bytes != null && list == null) {
                return null; // a value Weft writes otherwise than the source: the level as rows
            }
            if (list != null) {
                budget.checkList(list.size());
            }
            lists.add(list);
        }
        List<Object> values = new ArrayList<>(rowKey.length);
        long bytes = 0;
        for (int key : rowKey) {
            SourceJsonList list = key < 0 ? null : lists.get(key);
            values.add(list == null ? List.of() : list);
            bytes += list == null ? 0 : list.estimatedBytes(); // what the parents hold, repeats included
        }
        budget.charge(bytes);
        return values;
    }

    /** The root list {@code f} as one {@link SourceJsonList}, checked against max-rows and charged; null: read it as rows. */
    SourceJsonList rootList(TableBinding binding, ExecutableNormalizedField f, Select select) {
        Long limit = select.page().limit();
        Level level = limit == null || large(limit) ? level(binding, f.getChildren()) : null;
        if (level == null || limit == null && !large(mostRows(select))) {
            return null;
        }
        byte[] json = fetchers.rootListJson(select, level.columns(), budget).map(SourceExecutor.JsonRows::json).orElse(null);
        SourceJsonList list = json == null ? null : SourceJsonList.of(level.shape(), json);
        if (list != null) {
            budget.checkList(list.size());
            budget.charge(list.estimatedBytes());
        }
        return list;
    }

    /**
     * The most rows a root list without a limit may hold: {@code max-rows}, or fewer where its table is smaller by its
     * source's statistics (a filter only makes the list shorter). No estimate (a view, a table never analyzed): max-rows.
     */
    private long mostRows(Select select) {
        long estimate = fetchers.executor(select.table()).estimatedRows(select.table());
        return estimate > 0 ? Math.min(estimate, budget.listReadCap()) : budget.listReadCap();
    }

    /**
     * Whether a level of this size (a relationship's parent keys, a root list's rows at most) is worth its source's work:
     * building JSON costs PostgreSQL about as much CPU as it saves Weft, and saves memory only where there is much.
     */
    private boolean large(long size) {
        int threshold = fetchers.sourceJsonThreshold();
        return threshold >= 0 && size >= threshold;
    }

    /**
     * Whether the select's order leaves no tie: its plain column terms hold the whole primary key. An unpaged level is
     * read as rows in the statement's {@code ORDER BY} (or none), its JSON in a window's order: rows that tie could come
     * out otherwise. A paged level is numbered by the same window either way.
     */
    private static boolean ordersTotally(TableBinding target, Select select) {
        List<String> key = target.table().primaryKey();
        java.util.Set<String> ordered = new java.util.HashSet<>();
        select.orderBy().stream().filter(t -> t.hops().isEmpty() && !t.isAggregate()).forEach(t -> ordered.add(t.column()));
        return !key.isEmpty() && ordered.containsAll(key);
    }

    private Level level(TableBinding target, List<ExecutableNormalizedField> fields) {
        SourceJsonShape.Builder shape = SourceJsonShape.builder();
        List<String> columns = new ArrayList<>();
        for (ExecutableNormalizedField f : fields) {
            if (f.getName().equals("__typename")) {
                shape.constant(f.getResultKey(), DirectRun.typeName(target, f));
                continue;
            }
            Column column = target.columns().get(f.getName());
            if (column == null || !column.isScalar() || !f.getChildren().isEmpty() || !f.getResolvedArguments().isEmpty()
                    || access.mask(target.table().ref(), column.name()) != null) {
                return null;
            }
            GraphQLFieldDefinition definition = run.definition(target, f);
            FieldKind kind = kindOf(column.type(), run.scalar(target, f, column));
            if (definition == null || kind == null) {
                return null;
            }
            shape.column(f.getResultKey(), kind, !GraphQLTypeUtil.isNonNull(definition.getType()));
            columns.add(column.name());
        }
        return new Level(shape.build(), columns);
    }

    /** The kind of a column whose scalar writes exactly what the source prints for it; null for any other. */
    static FieldKind kindOf(ColumnType type, GraphQLScalarType scalar) {
        return switch (type) {
            case INT -> scalar == graphql.Scalars.GraphQLInt ? FieldKind.INT : null;
            case BIGINT -> scalar == ExtendedScalars.GraphQLLong ? FieldKind.LONG : null;
            case DECIMAL -> scalar == ExtendedScalars.GraphQLBigDecimal ? FieldKind.DECIMAL : null;
            case BOOLEAN -> scalar == graphql.Scalars.GraphQLBoolean ? FieldKind.BOOLEAN : null;
            case STRING -> scalar == graphql.Scalars.GraphQLString ? FieldKind.STRING : null;
            case UUID -> scalar == graphql.Scalars.GraphQLString || scalar == ExtendedScalars.UUID ? FieldKind.STRING : null;
            case DATE -> scalar == ExtendedScalars.Date ? FieldKind.DATE : null;
            case TIMESTAMP -> scalar == Scalars.LOCAL_DATE_TIME ? FieldKind.TIMESTAMP : null;
            default -> null;
        };
    }
}
