package dev.weft.execute.sql;

import dev.weft.query.Predicate;
import java.util.List;

/**
 * PostgreSQL's {@code jsonb} operators of a {@link Predicate.Json}, every value bound: {@code @>} and {@code <@}
 * with a {@code jsonb} parameter, and for keys the functions behind {@code ?}, {@code ?|} and {@code ?&}
 * ({@code jsonb_exists}, {@code jsonb_exists_any}, {@code jsonb_exists_all}), since a {@code ?} in the text
 * would be read by JDBC as a placeholder.
 *
 * <pre>{@code
 * JsonbSql.render(new Predicate.Json("data", HAS_KEYS_ANY, new String[] {"a", "b"}), "t0.\"data\"", params)
 *     // jsonb_exists_any(t0."data", CAST(? AS text[])), params + ["a", "b"]
 * }</pre>
 */
final class JsonbSql {
    private JsonbSql() {
    }

    static String render(Predicate.Json json, String column, List<Object> params) {
        params.add(json.value());
        return switch (json.op()) {
            case CONTAINS -> column + " @> CAST(? AS jsonb)";
            case CONTAINED_IN -> column + " <@ CAST(? AS jsonb)";
            case HAS_KEY -> "jsonb_exists(" + column + ", CAST(? AS text))";
            case HAS_KEYS_ANY -> "jsonb_exists_any(" + column + ", CAST(? AS text[]))";
            case HAS_KEYS_ALL -> "jsonb_exists_all(" + column + ", CAST(? AS text[]))";
        };
    }
}
