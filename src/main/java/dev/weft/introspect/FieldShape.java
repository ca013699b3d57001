package dev.weft.introspect;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import dev.weft.catalog.GraphqlNames;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What schema inference learnt about one field of a MongoDB collection: the BSON types its values had,
 * whether it was missing or null somewhere, the fields of its nested documents and the elements of its
 * arrays. Filled from sampled documents ({@link #observe}) or from a {@code $jsonSchema} validator
 * ({@link MongoIntrospector}), then turned into a {@link Column} by the widening rule:
 *
 * <table>
 *   <caption>types seen (nulls aside) and the field's type</caption>
 *   <tr><td>int</td><td>{@code Int}</td></tr>
 *   <tr><td>long, or int and long</td><td>{@code Long}</td></tr>
 *   <tr><td>double, or int and double</td><td>{@code Float}</td></tr>
 *   <tr><td>decimal with any numbers, or long with double</td><td>{@code BigDecimal} (no digit lost)</td></tr>
 *   <tr><td>string (and symbol)</td><td>{@code String}</td></tr>
 *   <tr><td>objectId</td><td>{@code ObjectId}</td></tr>
 *   <tr><td>objectId and string</td><td>{@code String} (ObjectIds read as their hex digits)</td></tr>
 *   <tr><td>bool / date / binData subtype 4 / other binData</td><td>{@code Boolean} / {@code DateTime} (UTC) / {@code UUID} / {@code Base64}</td></tr>
 *   <tr><td>object</td><td>a nested object type, its fields inferred the same way</td></tr>
 *   <tr><td>array</td><td>a list of the type its elements widen to</td></tr>
 *   <tr><td>only null, any other mix, arrays of arrays, other BSON types</td><td>{@code JSON}</td></tr>
 * </table>
 * A field is nullable unless it held a non-null value in every document (or the validator requires it
 * and does not allow null); {@code _id} never is.
 */
final class FieldShape {
    /** The BSON types inference tells apart; {@code OTHER} covers timestamp, regex, JavaScript, min/max key. */
    enum Kind { INT, LONG, DOUBLE, DECIMAL, STRING, OBJECT_ID, BOOL, DATE, UUID, BINARY, DOCUMENT, ARRAY, OTHER }

    private static final Set<Kind> NUMBERS = EnumSet.of(Kind.INT, Kind.LONG, Kind.DOUBLE, Kind.DECIMAL);

    final EnumSet<Kind> kinds = EnumSet.noneOf(Kind.class);
    /** Documents (or parent documents) in which the field held a value, null included. */
    int present;
    boolean nullSeen;
    /** Of the values that were documents: how many, and their fields in order of first appearance. */
    int documents;
    final Map<String, FieldShape> fields = new LinkedHashMap<>();
    /** Of the values that were arrays: their elements, merged. */
    FieldShape elements;

    /** Records one value of the field (null for an explicit null). */
    void observe(Object value) {
        present++;
        add(value);
    }

    private void add(Object value) {
        if (value == null) {
            nullSeen = true;
            return;
        }
        Kind kind = kindOf(value);
        kinds.add(kind);
        if (kind == Kind.DOCUMENT) {
            observeDocument((org.bson.Document) value);
        } else if (kind == Kind.ARRAY) {
            if (elements == null) {
                elements = new FieldShape();
            }
            for (Object element : (List<?>) value) {
                elements.observe(element);
            }
        }
    }

    /** Records a document value: each field present in it, in its order. */
    void observeDocument(org.bson.Document document) {
        documents++;
        document.forEach((name, v) -> fields.computeIfAbsent(name, n -> new FieldShape()).observe(v));
    }

    /**
     * The shape a {@code $jsonSchema} (MongoDB's validator dialect) gives a field: its {@code bsonType} (or
     * JSON Schema {@code type}), one name or several; {@code properties} and {@code required} of an object;
     * {@code items} of an array. {@code number} is int, long, double and decimal ({@code BigDecimal}); a field
     * without a type is {@code JSON}; a field not {@code required}, or allowing {@code null}, is nullable.
     */
    static FieldShape fromJsonSchema(org.bson.Document schema, boolean required) {
        FieldShape shape = new FieldShape();
        shape.present = required ? 1 : 0;
        Object type = schema.containsKey("bsonType") ? schema.get("bsonType") : schema.get("type");
        List<?> types = type instanceof List<?> l ? l : type == null ? List.of() : List.of(type);
        if (types.isEmpty() && schema.containsKey("properties")) {
            types = List.of("object");
        }
        for (Object t : types) {
            switch (String.valueOf(t)) {
                case "null" -> shape.nullSeen = true;
                case "object" -> shape.addObjectSchema(schema);
                case "array" -> {
                    shape.kinds.add(Kind.ARRAY);
                    shape.elements = schema.get("items") instanceof org.bson.Document items ? fromJsonSchema(items, true)
                            : new FieldShape();
                }
                case "int" -> shape.kinds.add(Kind.INT);
                case "long" -> shape.kinds.add(Kind.LONG);
                case "integer" -> shape.kinds.addAll(EnumSet.of(Kind.INT, Kind.LONG));
                case "double" -> shape.kinds.add(Kind.DOUBLE);
                case "decimal" -> shape.kinds.add(Kind.DECIMAL);
                case "number" -> shape.kinds.addAll(NUMBERS);
                case "string", "symbol" -> shape.kinds.add(Kind.STRING);
                case "objectId" -> shape.kinds.add(Kind.OBJECT_ID);
                case "bool", "boolean" -> shape.kinds.add(Kind.BOOL);
                case "date" -> shape.kinds.add(Kind.DATE);
                case "binData" -> shape.kinds.add(Kind.BINARY);
                default -> shape.kinds.add(Kind.OTHER);
            }
        }
        if (types.isEmpty()) {
            shape.kinds.add(Kind.OTHER); // any value: JSON
        }
        return shape;
    }

    /** The fields of an object schema ({@code properties}, {@code required}), as if one document had been seen. */
    void addObjectSchema(org.bson.Document schema) {
        kinds.add(Kind.DOCUMENT);
        documents = 1;
        List<?> required = schema.get("required") instanceof List<?> r ? r : List.of();
        if (schema.get("properties") instanceof org.bson.Document properties) {
            properties.forEach((name, property) -> {
                if (property instanceof org.bson.Document p) {
                    fields.put(name, fromJsonSchema(p, required.contains(name)));
                }
            });
        }
    }

    static Kind kindOf(Object value) {
        return switch (value) {
            case Integer i -> Kind.INT;
            case Long l -> Kind.LONG;
            case Double d -> Kind.DOUBLE;
            case org.bson.types.Decimal128 d -> Kind.DECIMAL;
            case String s -> Kind.STRING;
            case org.bson.types.Symbol s -> Kind.STRING;
            case org.bson.types.ObjectId id -> Kind.OBJECT_ID;
            case Boolean b -> Kind.BOOL;
            case java.util.Date d -> Kind.DATE;
            case java.util.UUID u -> Kind.UUID;
            case org.bson.types.Binary b -> b.getType() == 4 && b.length() == 16 ? Kind.UUID : Kind.BINARY;
            case org.bson.Document d -> Kind.DOCUMENT;
            case List<?> l -> Kind.ARRAY;
            default -> Kind.OTHER;
        };
    }

    /**
     * The column for this field.
     *
     * @param parentCount documents the field could have been in (the sample's size, or the parent's document count)
     */
    Column toColumn(String name, int parentCount) {
        boolean nullable = nullSeen || present < parentCount || kinds.isEmpty();
        return resolve(name, nullable);
    }

    private Column resolve(String name, boolean nullable) {
        String field = GraphqlNames.field(name);
        if (kinds.equals(EnumSet.of(Kind.DOCUMENT))) {
            List<Column> nested = nestedColumns();
            return nested.isEmpty() ? new Column(name, field, ColumnType.JSON, nullable, "object")
                    : new Column(name, field, ColumnType.JSON, nullable, "object", nested, false);
        }
        if (kinds.equals(EnumSet.of(Kind.ARRAY))) {
            return array(name, field, nullable);
        }
        ColumnType type = scalar(kinds);
        return new Column(name, field, type, nullable, bsonTypes(kinds));
    }

    private List<Column> nestedColumns() {
        List<Column> columns = new ArrayList<>();
        fields.forEach((n, shape) -> columns.add(shape.toColumn(n, documents)));
        return columns;
    }

    private Column array(String name, String field, boolean nullable) {
        FieldShape e = elements == null ? new FieldShape() : elements;
        if (e.kinds.equals(EnumSet.of(Kind.DOCUMENT))) {
            List<Column> nested = e.nestedColumns();
            if (!nested.isEmpty()) {
                return new Column(name, field, ColumnType.JSON, nullable, "array<object>", nested, true);
            }
        }
        if (e.kinds.contains(Kind.ARRAY) || e.kinds.contains(Kind.DOCUMENT)) {
            return new Column(name, field, ColumnType.JSON, nullable, "array");
        }
        return new Column(name, field, scalar(e.kinds), nullable, "array<" + bsonTypes(e.kinds) + ">", List.of(), true);
    }

    /** The widening rule for scalar types (see the class comment). */
    static ColumnType scalar(Set<Kind> kinds) {
        if (kinds.isEmpty()) {
            return ColumnType.JSON;
        }
        if (NUMBERS.containsAll(kinds)) {
            if (kinds.contains(Kind.DECIMAL) || kinds.containsAll(EnumSet.of(Kind.LONG, Kind.DOUBLE))) {
                return ColumnType.DECIMAL;
            }
            return kinds.contains(Kind.DOUBLE) ? ColumnType.FLOAT : kinds.contains(Kind.LONG) ? ColumnType.BIGINT : ColumnType.INT;
        }
        if (EnumSet.of(Kind.STRING, Kind.OBJECT_ID).containsAll(kinds)) {
            return kinds.contains(Kind.STRING) ? ColumnType.STRING : ColumnType.OBJECT_ID;
        }
        if (kinds.size() == 1) {
            return switch (kinds.iterator().next()) {
                case BOOL -> ColumnType.BOOLEAN;
                case DATE -> ColumnType.TIMESTAMPTZ;
                case UUID -> ColumnType.UUID;
                case BINARY -> ColumnType.BYTES;
                default -> ColumnType.JSON;
            };
        }
        return EnumSet.of(Kind.UUID, Kind.BINARY).containsAll(kinds) ? ColumnType.BYTES : ColumnType.JSON;
    }

    /** The BSON type names seen, as {@code $type} names them ({@code int|long}): the column's {@code sqlType}. */
    static String bsonTypes(Set<Kind> kinds) {
        if (kinds.isEmpty()) {
            return "null";
        }
        return kinds.stream().map(k -> switch (k) {
            case INT -> "int";
            case LONG -> "long";
            case DOUBLE -> "double";
            case DECIMAL -> "decimal";
            case STRING -> "string";
            case OBJECT_ID -> "objectId";
            case BOOL -> "bool";
            case DATE -> "date";
            case UUID -> "uuid";
            case BINARY -> "binData";
            case DOCUMENT -> "object";
            case ARRAY -> "array";
            case OTHER -> "other";
        }).collect(Collectors.joining("|"));
    }
}
