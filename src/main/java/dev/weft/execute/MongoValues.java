package dev.weft.execute;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import dev.weft.catalog.Table;
import dev.weft.dialect.WeftException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.bson.types.Symbol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts between the driver's BSON values and the Java values of the query model, by the catalog
 * type of each field, losing nothing: Decimal128 becomes {@link BigDecimal}, Int64 {@link Long}, dates
 * {@link OffsetDateTime} in UTC, ObjectIds their 24 hex digits (and back), nested documents maps by
 * field name, arrays lists. {@code JSON} fields become plain JSON values (ObjectIds and dates as
 * strings, Decimal128 as exact numbers, binary as Base64).
 *
 * <p>A value that inference never saw (a document outside the sample) is converted where its type
 * allows (any scalar to text, an integral double to a Long), else read as null and logged once per field.
 */
public final class MongoValues {
    private static final Logger log = LoggerFactory.getLogger(MongoValues.class);
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private MongoValues() {
    }

    /** The column at a dotted path ({@code payload.browser}) of a collection. */
    static Column column(Table table, String path) {
        int dot = path.indexOf('.');
        Column column = table.requireColumn(dot < 0 ? path : path.substring(0, dot));
        while (dot >= 0) {
            int next = path.indexOf('.', dot + 1);
            String name = next < 0 ? path.substring(dot + 1) : path.substring(dot + 1, next);
            Column parent = column;
            column = parent.fields().stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no field " + path + " in " + table.ref()));
            dot = next;
        }
        return column;
    }

    /** The raw value at a dotted path of a document; null when a part is missing or not a document. */
    static Object at(Document document, String path) {
        Object value = document;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Document d)) {
                return null;
            }
            value = d.get(part);
        }
        return value;
    }

    /** The Java value of a BSON value read for {@code column}. */
    public static Object read(Column column, Object value) {
        if (value == null || !column.list()) {
            return one(column, value);
        }
        List<?> elements = value instanceof List<?> l ? l : List.of(value); // a lone value where arrays were seen
        List<Object> result = new ArrayList<>(elements.size());
        for (Object element : elements) {
            result.add(one(column, element));
        }
        return result;
    }

    private static Object one(Column column, Object value) {
        if (value == null) {
            return null;
        }
        if (column.isDocument()) {
            if (!(value instanceof Document document)) {
                return unexpected(column, value);
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Column field : column.fields()) {
                fields.put(field.name(), read(field, document.get(field.name())));
            }
            return fields;
        }
        Object result = scalar(column.type(), value);
        return result == null ? unexpected(column, value) : result;
    }

    private static Object scalar(ColumnType type, Object value) {
        return switch (type) {
            case INT -> value instanceof Integer i ? i : integral(value) instanceof Long l && l == l.intValue() ? l.intValue() : null;
            case BIGINT -> value instanceof Long || value instanceof Integer ? ((Number) value).longValue() : integral(value);
            case DECIMAL -> decimal(value);
            case FLOAT -> value instanceof Double d ? d : decimal(value) instanceof BigDecimal d ? d.doubleValue() : null;
            case STRING -> text(value);
            case OBJECT_ID -> value instanceof ObjectId id ? id.toHexString() : value instanceof String s ? s : null;
            case BOOLEAN -> value instanceof Boolean b ? b : null;
            case TIMESTAMPTZ -> value instanceof Date d ? OffsetDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC) : null;
            case UUID -> value instanceof UUID u ? u : value instanceof Binary b && b.getType() == 4 && b.length() == 16
                    ? uuid(b.getData()) : null;
            case BYTES -> value instanceof Binary b ? b.getData() : value instanceof byte[] bytes ? bytes
                    : value instanceof UUID u ? uuidBytes(u) : null;
            case JSON -> json(value);
            default -> throw new IllegalStateException("MongoDB fields are never of type " + type);
        };
    }

    /** A JSON value: documents as maps, arrays as lists, BSON-only scalars as exact numbers or strings. */
    static Object json(Object value) {
        return switch (value) {
            case null -> null;
            case Document d -> {
                Map<String, Object> map = new LinkedHashMap<>();
                d.forEach((k, v) -> map.put(k, json(v)));
                yield map;
            }
            case List<?> l -> l.stream().map(MongoValues::json).toList();
            case ObjectId id -> id.toHexString();
            case Date d -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC));
            case Decimal128 d -> d.isNaN() || d.isInfinite() ? d.toString() : d.bigDecimalValue();
            case Binary b -> Base64.getEncoder().encodeToString(b.getData());
            case byte[] b -> Base64.getEncoder().encodeToString(b);
            case UUID u -> u.toString();
            case Symbol s -> s.getSymbol();
            case String s -> s;
            case Number n -> n;
            case Boolean b -> b;
            default -> value.toString();
        };
    }

    private static String text(Object value) {
        return switch (value) {
            case String s -> s;
            case ObjectId id -> id.toHexString();
            case Symbol s -> s.getSymbol();
            case Decimal128 d -> d.isNaN() || d.isInfinite() ? d.toString() : d.bigDecimalValue().toPlainString();
            case Date d -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC));
            case Document d -> null;
            case List<?> l -> null;
            case Binary b -> null;
            default -> value.toString();
        };
    }

    private static Long integral(Object value) {
        BigDecimal d = decimal(value);
        try {
            return d == null ? null : d.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static BigDecimal decimal(Object value) {
        return switch (value) {
            case Decimal128 d -> d.isNaN() || d.isInfinite() ? null : d.bigDecimalValue();
            case Double d -> d.isNaN() || d.isInfinite() ? null : new BigDecimal(Double.toString(d));
            case Float f -> new BigDecimal(Float.toString(f));
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case BigDecimal d -> d;
            default -> null;
        };
    }

    private static UUID uuid(byte[] b) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(b);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static byte[] uuidBytes(UUID u) {
        return java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    private static Object unexpected(Column column, Object value) {
        String key = column.name() + ":" + column.sqlType() + ":" + value.getClass().getSimpleName();
        if (REPORTED.add(key)) {
            log.warn("MongoDB field '{}' (inferred as {}) holds a {} outside the documents inference read; it reads as null. "
                    + "Raise sample-size or give the collection a $jsonSchema validator.", column.name(), column.sqlType(),
                    value.getClass().getSimpleName());
        }
        return null;
    }

    /**
     * The BSON values a query value of {@code column} may be stored as: one, except for text fields where
     * ObjectIds were seen too (a 24-hex-digit string is then also looked up as an ObjectId).
     */
    public static List<Object> bson(Column column, Object value) {
        Object converted = switch (column.type()) {
            case OBJECT_ID -> value instanceof String s && ObjectId.isValid(s) ? new ObjectId(s) : value;
            case DECIMAL, BIGINTEGER -> decimal128(value);
            case INT -> value instanceof Number n && !(value instanceof Integer) ? n.intValue() : value;
            case BIGINT -> value instanceof Number n && !(value instanceof Long) ? n.longValue() : value;
            case FLOAT -> value instanceof Number n && !(value instanceof Double) ? n.doubleValue() : value;
            case TIMESTAMPTZ -> value instanceof OffsetDateTime t ? Date.from(t.toInstant()) : value;
            case BYTES -> value instanceof byte[] b ? new Binary(b) : value;
            default -> value;
        };
        if (column.type() == ColumnType.STRING && column.sqlType().contains("objectId") && value instanceof String s
                && ObjectId.isValid(s)) {
            return List.of(s, new ObjectId(s));
        }
        return List.of(converted);
    }

    private static Object decimal128(Object value) {
        BigDecimal d = value instanceof BigDecimal b ? b : decimal(value);
        if (d == null) {
            return value;
        }
        try {
            return new Decimal128(d);
        } catch (NumberFormatException e) {
            try {
                return new Decimal128(d.round(MathContext.DECIMAL128));
            } catch (NumberFormatException tooLarge) {
                throw WeftException.badInput("the number " + d.toString().toLowerCase(Locale.ROOT)
                        + " is beyond MongoDB's Decimal128");
            }
        }
    }
}
