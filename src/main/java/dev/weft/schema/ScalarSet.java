package dev.weft.schema;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.GraphQLScalarType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The scalar of each column type in one naming and rendering: Weft's ({@code Long}, {@code DateTime}, ...) or
 * Hasura's names ({@code bigint}, {@code numeric}, {@code timestamptz}, {@code uuid}, {@code jsonb}, ...), with
 * 64-bit integers and decimals written as JSON strings when {@code weft.stringify-numeric-types} is on. Both
 * execution paths serialize through these scalars, so their bytes agree; a JSON writer that renders leaves
 * itself takes the field's scalar from the schema once per column and calls its coercing per value.
 *
 * <pre>{@code
 * ScalarSet.of(true, false).of(ColumnType.TIMESTAMPTZ)   // timestamptz: 2017-09-21T09:39:44+00:00
 * ScalarSet.of(false, true).of(ColumnType.BIGINT)        // Long, serialized "9007199254740993"
 * }</pre>
 */
public final class ScalarSet {
    /** Hasura's rendering of {@code timestamptz}: seconds always, fraction when present, offset {@code +00:00} (never Z). */
    public static final DateTimeFormatter HASURA_TIMESTAMPTZ = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HH:MM", "+00:00").toFormatter(Locale.ROOT);
    private static final Set<ColumnType> STRINGIFIED = Set.of(ColumnType.BIGINT, ColumnType.BIGINTEGER, ColumnType.DECIMAL);
    private static final ScalarSet[] SETS = {new ScalarSet(false, false), new ScalarSet(false, true),
            new ScalarSet(true, false), new ScalarSet(true, true)};

    private final boolean hasura;
    private final boolean stringify;
    private final Map<ColumnType, GraphQLScalarType> scalars = new EnumMap<>(ColumnType.class);
    private final GraphQLScalarType json;
    private final GraphQLScalarType sumOfInt;
    private final GraphQLScalarType sumOfDecimal;

    private ScalarSet(boolean hasura, boolean stringify) {
        this.hasura = hasura;
        this.stringify = stringify;
        for (ColumnType type : ColumnType.values()) {
            GraphQLScalarType scalar = hasura ? hasura(type) : Scalars.of(type);
            scalars.put(type, stringify && STRINGIFIED.contains(type) ? stringified(scalar) : scalar);
        }
        json = hasura ? renamed(graphql.scalars.ExtendedScalars.Json, "json") : Scalars.of(ColumnType.JSON);
        sumOfInt = scalars.get(ColumnType.BIGINT);
        sumOfDecimal = scalars.get(ColumnType.DECIMAL);
    }

    /** The set of a naming ({@code hasura}: Hasura's scalar names and renderings) and of {@code weft.stringify-numeric-types}. */
    public static ScalarSet of(boolean hasura, boolean stringify) {
        return SETS[(hasura ? 2 : 0) + (stringify ? 1 : 0)];
    }

    /** The scalar of a column; in Hasura's naming a PostgreSQL {@code json} column is {@code json}, not {@code jsonb}. */
    public GraphQLScalarType of(Column column) {
        return hasura && column.type() == ColumnType.JSON && "json".equalsIgnoreCase(column.sqlType()) ? json : of(column.type());
    }

    public GraphQLScalarType of(ColumnType type) {
        return scalars.get(type);
    }

    /** The scalar of {@code sum(column)}: 64-bit for 32-bit integers, exact decimal for wider ones (as {@link Scalars#sumOf}). */
    public GraphQLScalarType sumOf(ColumnType type) {
        return switch (type) {
            case INT -> sumOfInt;
            case FLOAT -> of(ColumnType.FLOAT);
            default -> sumOfDecimal;
        };
    }

    private static GraphQLScalarType hasura(ColumnType type) {
        return switch (type) {
            case BIGINT -> renamed(Scalars.of(type), "bigint");
            case DECIMAL -> renamed(Scalars.of(type), "numeric");
            case FLOAT -> renamed(Scalars.of(type), "float8");
            case DATE -> renamed(Scalars.of(type), "date");
            case TIME -> renamed(Scalars.of(type), "time");
            case TIMETZ -> renamed(Scalars.of(type), "timetz");
            case TIMESTAMP -> renamed(Scalars.of(type), "timestamp");
            case TIMESTAMPTZ -> IsoScalar.of("timestamptz", "A timestamp with time zone, as Hasura writes it "
                    + "(2017-09-21T09:39:44.123456+00:00)", OffsetDateTime.class, OffsetDateTime::parse, HASURA_TIMESTAMPTZ::format);
            case JSON -> renamed(Scalars.of(type), "jsonb");
            case UUID -> renamed(Scalars.of(type), "uuid");
            case BYTES -> renamed(Scalars.of(type), "bytea");
            default -> Scalars.of(type); // Int, String, Boolean, BigInteger (unsigned 64-bit), ObjectId
        };
    }

    private static GraphQLScalarType renamed(GraphQLScalarType scalar, String name) {
        return GraphQLScalarType.newScalar(scalar).name(name).build();
    }

    /** {@code scalar} written as a JSON string: {@code 9007199254740993} gives {@code "9007199254740993"}, decimals in plain notation. */
    private static GraphQLScalarType stringified(GraphQLScalarType scalar) {
        Coercing<?, ?> base = scalar.getCoercing();
        return GraphQLScalarType.newScalar(scalar).coercing(new Coercing<Object, String>() {
            @Override
            public String serialize(Object value, GraphQLContext context, Locale locale) {
                Object number = base.serialize(value, context, locale);
                return number instanceof BigDecimal d ? d.toPlainString() : String.valueOf(number);
            }

            @Override
            public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                return base.parseValue(input, context, locale);
            }

            @Override
            public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                return base.parseLiteral(input, variables, context, locale);
            }

            @Override
            public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                return base.valueToLiteral(input, context, locale);
            }
        }).build();
    }
}
