package dev.weft.schema;

import dev.weft.catalog.ColumnType;
import graphql.scalars.ExtendedScalars;
import graphql.schema.GraphQLScalarType;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * The GraphQL scalar of each {@link ColumnType}. 64-bit and decimal values use extended-scalars'
 * {@code Long}, {@code BigInteger} and {@code BigDecimal}, written as exact JSON numbers.
 */
public final class Scalars {
    public static final GraphQLScalarType LOCAL_DATE_TIME = IsoScalar.of("LocalDateTime",
            "A timestamp without time zone, ISO-8601 (2024-05-01T13:45:00.123456)", LocalDateTime.class,
            LocalDateTime::parse, DateTimeFormatter.ISO_LOCAL_DATE_TIME::format); // toString() drops ":00" seconds
    public static final GraphQLScalarType DATE_TIME = IsoScalar.of("DateTime",
            "A timestamp with offset, ISO-8601 (2024-05-01T13:45:00.123456Z)", OffsetDateTime.class,
            OffsetDateTime::parse, DateTimeFormatter.ISO_OFFSET_DATE_TIME::format);
    public static final GraphQLScalarType BASE64 = IsoScalar.of("Base64", "Binary data as a Base64 string",
            byte[].class, s -> Base64.getDecoder().decode(s), b -> Base64.getEncoder().encodeToString(b));

    /** A MongoDB ObjectId as its 24 hex digits; input is checked and read in lower case. */
    public static final GraphQLScalarType OBJECT_ID = ObjectIdScalar.TYPE;

    private Scalars() {
    }

    public static GraphQLScalarType of(ColumnType type) {
        return switch (type) {
            case INT -> graphql.Scalars.GraphQLInt;
            case BIGINT -> ExtendedScalars.GraphQLLong;
            case BIGINTEGER -> BoundedBigIntegerScalar.TYPE;
            case DECIMAL -> ExtendedScalars.GraphQLBigDecimal;
            case FLOAT -> graphql.Scalars.GraphQLFloat;
            case STRING -> graphql.Scalars.GraphQLString;
            case BOOLEAN -> graphql.Scalars.GraphQLBoolean;
            case DATE -> ExtendedScalars.Date;
            case TIME -> ExtendedScalars.LocalTime;
            case TIMETZ -> ExtendedScalars.Time;
            case TIMESTAMP -> LOCAL_DATE_TIME;
            case TIMESTAMPTZ -> DATE_TIME;
            case JSON -> ExtendedScalars.Json;
            case UUID -> ExtendedScalars.UUID;
            case BYTES -> BASE64;
            case OBJECT_ID -> OBJECT_ID;
        };
    }

    /** The scalar of {@code sum(column)}: 64-bit for 32-bit integers, exact decimal for wider ones. */
    public static GraphQLScalarType sumOf(ColumnType type) {
        return switch (type) {
            case INT -> ExtendedScalars.GraphQLLong;
            case FLOAT -> graphql.Scalars.GraphQLFloat;
            default -> ExtendedScalars.GraphQLBigDecimal;
        };
    }

    /** The sort direction enum of every {@code order_by} input, named {@code name}. */
    static graphql.schema.GraphQLEnumType orderByEnum(String name) {
        return graphql.schema.GraphQLEnumType.newEnum().name(name).description("Sort direction; asc puts nulls last, desc first")
                .value("asc").value("desc").value("asc_nulls_first").value("asc_nulls_last")
                .value("desc_nulls_first").value("desc_nulls_last").build();
    }
}
