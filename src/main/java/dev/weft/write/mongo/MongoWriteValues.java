package dev.weft.write.mongo;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import dev.weft.catalog.Table;
import dev.weft.dialect.WeftException;
import dev.weft.execute.MongoValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The BSON value written for a mutation's value, by the catalog type of its field, the inverse of what the
 * read path gives ({@link MongoValues}): an {@code ObjectId} field's 24 hex digits become an ObjectId, dates
 * BSON dates, decimals Decimal128, integers Int32 or Int64 as the field was inferred, nested documents (given
 * by GraphQL field name, as the schema shows them) documents with the stored field names, arrays arrays.
 *
 * <p>Nothing in a value is ever an operator: values only go into documents ({@code insertMany}) and into the
 * value side of {@code $set}/{@code $inc}, where MongoDB stores them as they are. A JSON value's keys are
 * refused when they start with {@code $} or hold a {@code .} or NUL: MongoDB versions differ in whether such
 * keys may be stored, and in an update they would name operators or paths.
 *
 * <pre>{@code
 * MongoWriteValues.bson(openedAt, OffsetDateTime.parse("2024-05-01T09:00Z"))   // Date 2024-05-01T09:00Z
 * MongoWriteValues.bson(payload, Map.of("$where", "1"))                         // BAD_USER_INPUT
 * }</pre>
 */
final class MongoWriteValues {
    private MongoWriteValues() {
    }

    /** An inserted document, or the fields of {@code $set}/{@code $inc}: values by top-level field name, converted. */
    static Document document(Table table, Map<String, Object> values) {
        Document document = new Document();
        values.forEach((name, value) -> document.append(name, bson(table.requireColumn(name), value)));
        return document;
    }

    /** The BSON value of a value of {@code column}; null stays null. */
    static Object bson(Column column, Object value) {
        if (value == null) {
            return null;
        }
        if (!column.list()) {
            return one(column, value);
        }
        if (!(value instanceof List<?> elements)) {
            throw WeftException.badInput("the field '" + column.fieldName() + "' takes a list");
        }
        List<Object> stored = new ArrayList<>(elements.size());
        elements.forEach(e -> stored.add(one(column, e)));
        return stored;
    }

    private static Object one(Column column, Object value) {
        if (value == null) {
            return null;
        }
        if (column.isDocument()) {
            if (!(value instanceof Map<?, ?> given)) {
                throw WeftException.badInput("the field '" + column.fieldName() + "' takes a document");
            }
            Document document = new Document();
            for (Column field : column.fields()) {
                if (given.containsKey(field.fieldName())) {
                    document.append(field.name(), bson(field, given.get(field.fieldName())));
                }
            }
            return document;
        }
        if (column.type() == ColumnType.JSON) {
            return json(column.fieldName(), value);
        }
        if (column.type() == ColumnType.OBJECT_ID && !(value instanceof String s && ObjectId.isValid(s))) {
            throw WeftException.badInput("'" + value + "' is not an ObjectId (field '" + column.fieldName() + "')");
        }
        return MongoValues.bson(column, value).get(0);
    }

    /**
     * A JSON value as BSON: objects become documents (keys checked), arrays lists; integers Int32 or Int64 by size,
     * other exact numbers Decimal128 (nothing is rounded), other scalars as they are.
     */
    private static Object json(String field, Object value) {
        if (value instanceof Map<?, ?> map) {
            Document document = new Document();
            map.forEach((k, v) -> document.append(key(field, String.valueOf(k)), json(field, v)));
            return document;
        }
        if (value instanceof List<?> list) {
            List<Object> stored = new ArrayList<>(list.size());
            list.forEach(e -> stored.add(json(field, e)));
            return stored;
        }
        return switch (value) {
            case java.math.BigInteger i -> i.bitLength() < 32 ? (Object) i.intValue() : i.bitLength() < 64 ? (Object) i.longValue()
                    : new org.bson.types.Decimal128(new java.math.BigDecimal(i));
            case java.math.BigDecimal d -> new org.bson.types.Decimal128(d);
            case Float f -> f.doubleValue();
            default -> value;
        };
    }

    private static String key(String field, String key) {
        if (key.startsWith("$") || key.indexOf('.') >= 0 || key.indexOf('\0') >= 0) {
            throw WeftException.badInput("the JSON value of '" + field + "' has the key '" + key.replace("\0", "\\0")
                    + "': MongoDB keys may not start with $ or hold a dot");
        }
        return key;
    }
}
