package dev.weft.execute;

import com.mongodb.client.model.Filters;
import dev.weft.catalog.Column;
import dev.weft.catalog.Table;
import dev.weft.query.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Translates the query model's {@link Predicate} into a MongoDB filter, built only with the driver's
 * {@link Filters} API: field names come from the catalog, operators from this class, values are BSON
 * values; nothing of a request becomes an operator, and no {@code $where} or JavaScript is ever sent.
 *
 * <p>The result matches what SQL matches, three-valued logic included: a condition on a null or missing
 * field is unknown, so neither it nor its negation holds. Each predicate therefore has two translations,
 * {@link #truth} (rows where it is true) and {@link #falsity} (rows where it is false); {@code _not}
 * swaps them, {@code _and}/{@code _or} follow De Morgan. So {@code _neq: "x"} and {@code _not: {_eq: "x"}}
 * both exclude documents without the field, as {@code <>} and {@code NOT (... = ...)} do in SQL.
 *
 * <p>{@code _like} patterns become anchored regular expressions: {@code %} is {@code .*}, {@code _} is
 * {@code .}, {@code \} escapes the next character, and every other run of characters is quoted
 * ({@link Pattern#quote}); {@code _ilike} adds the {@code i} option, and {@code s} lets {@code %} span lines.
 *
 * <pre>{@code
 * // {salary: {_gt: 5}, _not: {name: {_like: "A%"}}}
 * {$and: [{salary: {$gt: 5}}, {$and: [{name: {$ne: null}}, {name: {$not: /^\QA\E.*\z/s}}]}]}
 * }</pre>
 */
public final class MongoFilters {
    /** Matches every document. */
    static final Bson ALL = new Document();
    /** Matches no document (every document has an {@code _id}; none is in an empty list). */
    static final Bson NONE = Filters.in("_id", List.of());

    private final Table table;

    public MongoFilters(Table table) {
        this.table = table;
    }

    /** Documents for which {@code p} is true. */
    public Bson truth(Predicate p) {
        return switch (p) {
            case Predicate.Const c -> c.value() ? ALL : NONE;
            case Predicate.And and -> and(and.parts().stream().map(this::truth).toList());
            case Predicate.Or or -> or(or.parts().stream().map(this::truth).toList());
            case Predicate.Not not -> falsity(not.inner());
            case Predicate.Compare c -> compare(c);
            case Predicate.IsNull n -> n.isNull() ? Filters.eq(n.column(), null) : Filters.ne(n.column(), null);
            case Predicate.Like like -> like.negated() ? notLike(like) : like(like);
            case Predicate.Match m -> m.negated() ? notMatch(m) : match(m);
            case Predicate.InList in -> in.negated() ? notIn(in) : in(in);
            case Predicate.Json j -> throw new IllegalStateException("a jsonb condition reaches a MongoDB source: " + j.op());
            case Predicate.Exists e -> throw new IllegalStateException("EXISTS reaches a MongoDB source unresolved: " + e);
            case Predicate.SemiJoin s -> throw new IllegalStateException("a semi-join reaches a MongoDB source unresolved");
        };
    }

    /** Documents for which {@code p} is false (not merely unknown). */
    Bson falsity(Predicate p) {
        return switch (p) {
            case Predicate.Const c -> c.value() ? NONE : ALL;
            case Predicate.And and -> or(and.parts().stream().map(this::falsity).toList());
            case Predicate.Or or -> and(or.parts().stream().map(this::falsity).toList());
            case Predicate.Not not -> truth(not.inner());
            case Predicate.IsNull n -> n.isNull() ? Filters.ne(n.column(), null) : Filters.eq(n.column(), null);
            case Predicate.Like like -> like.negated() ? like(like) : notLike(like);
            case Predicate.Match m -> m.negated() ? match(m) : notMatch(m);
            case Predicate.InList in -> in.negated() ? in(in) : notIn(in);
            case Predicate.Json j -> throw new IllegalStateException("a jsonb condition reaches a MongoDB source: " + j.op());
            case Predicate.Compare c -> and(List.of(Filters.ne(c.column(), null), Filters.nor(compare(c))));
            case Predicate.Exists e -> throw new IllegalStateException("EXISTS reaches a MongoDB source unresolved: " + e);
            case Predicate.SemiJoin s -> throw new IllegalStateException("a semi-join reaches a MongoDB source unresolved");
        };
    }

    private Bson compare(Predicate.Compare c) {
        List<Object> values = MongoValues.bson(column(c.column()), c.value());
        String f = c.column();
        Object v = values.get(0);
        return switch (c.op()) {
            case EQ -> values.size() == 1 ? Filters.eq(f, v) : Filters.in(f, values);
            case NEQ -> and(List.of(Filters.nin(f, values), Filters.ne(f, null)));
            case GT -> Filters.gt(f, v);
            case GTE -> Filters.gte(f, v);
            case LT -> Filters.lt(f, v);
            case LTE -> Filters.lte(f, v);
        };
    }

    private Bson like(Predicate.Like like) {
        return Filters.regex(like.column(), regex(like.pattern()), like.caseInsensitive() ? "is" : "s");
    }

    private Bson notLike(Predicate.Like like) {
        return and(List.of(Filters.ne(like.column(), null), Filters.not(like(like))));
    }

    /** {@code $regex} with the pattern as the client wrote it ({@code i} for {@code _iregex}); the schema offers no SIMILAR TO here. */
    private Bson match(Predicate.Match m) {
        if (m.kind() == Predicate.MatchKind.SIMILAR) {
            throw new IllegalStateException("SIMILAR TO reaches a MongoDB source: " + m.column());
        }
        return Filters.regex(m.column(), m.pattern(), m.kind() == Predicate.MatchKind.IREGEX ? "i" : "");
    }

    private Bson notMatch(Predicate.Match m) {
        return and(List.of(Filters.ne(m.column(), null), Filters.not(match(m))));
    }

    private Bson in(Predicate.InList in) {
        if (in.rows().isEmpty()) {
            return NONE;
        }
        if (in.columns().size() == 1) {
            String f = in.columns().get(0);
            Column column = column(f);
            List<Object> values = new ArrayList<>(in.rows().size());
            in.rows().forEach(row -> values.addAll(MongoValues.bson(column, row.get(0))));
            return Filters.in(f, values);
        }
        List<Bson> rows = new ArrayList<>(in.rows().size());
        for (List<Object> row : in.rows()) {
            List<Bson> parts = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                String f = in.columns().get(i);
                List<Object> values = MongoValues.bson(column(f), row.get(i));
                parts.add(values.size() == 1 ? Filters.eq(f, values.get(0)) : Filters.in(f, values));
            }
            rows.add(and(parts));
        }
        return or(rows);
    }

    private Bson notIn(Predicate.InList in) {
        List<Bson> parts = new ArrayList<>();
        in.columns().forEach(c -> parts.add(Filters.ne(c, null)));
        Bson matching = in(in);
        if (matching != NONE) {
            parts.add(Filters.nor(matching));
        }
        return and(parts);
    }

    private Column column(String path) {
        return MongoValues.column(table, path);
    }

    /** All of {@code parts}: {@link #ALL} and {@link #NONE} folded away. */
    public static Bson and(List<Bson> parts) {
        List<Bson> kept = new ArrayList<>();
        for (Bson part : parts) {
            if (part == NONE) {
                return NONE;
            }
            if (part != ALL) {
                kept.add(part);
            }
        }
        return kept.isEmpty() ? ALL : kept.size() == 1 ? kept.get(0) : Filters.and(kept);
    }

    private static Bson or(List<Bson> parts) {
        List<Bson> kept = new ArrayList<>();
        for (Bson part : parts) {
            if (part == ALL) {
                return ALL;
            }
            if (part != NONE) {
                kept.add(part);
            }
        }
        return kept.isEmpty() ? NONE : kept.size() == 1 ? kept.get(0) : Filters.or(kept);
    }

    /**
     * An SQL {@code LIKE} pattern as an anchored regular expression: {@code %} any run of characters,
     * {@code _} one character, {@code \} makes the next character literal; everything else is quoted.
     *
     * <p>It never backtracks more than once: the pattern is cut at each {@code %} into segments of fixed length
     * (literals and {@code _}); the first is anchored at the start, the last at the end ({@code .*last\z}), and
     * each one between is found at its leftmost place and kept there ({@code (?>.*?seg)}, an atomic group).
     * Taking the leftmost place loses no match, since whatever follows can only start later. A plain
     * {@code .*seg1.*seg2...} would try every split of the text, which makes the in-process server (and any
     * backtracking engine) spin for minutes on {@code %a%a%a...%b}.
     */
    static String regex(String like) {
        java.util.List<String> segments = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                literal.append(like.charAt(++i));
            } else if (c == '%') {
                flush(segment, literal);
                segments.add(segment.toString());
                segment.setLength(0);
            } else if (c == '_') {
                flush(segment, literal);
                segment.append('.');
            } else {
                literal.append(c);
            }
        }
        flush(segment, literal);
        segments.add(segment.toString());
        StringBuilder regex = new StringBuilder("^").append(segments.get(0));
        if (segments.size() == 1) {
            return regex.append("\\z").toString(); // \z, not $: $ also matches before a final line break
        }
        for (String middle : segments.subList(1, segments.size() - 1)) {
            if (!middle.isEmpty()) {
                regex.append("(?>.*?").append(middle).append(')');
            }
        }
        return regex.append(".*").append(segments.get(segments.size() - 1)).append("\\z").toString();
    }

    private static void flush(StringBuilder regex, StringBuilder literal) {
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }
}
