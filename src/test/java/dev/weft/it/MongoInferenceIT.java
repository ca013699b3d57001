package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import dev.weft.catalog.Table;
import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftConfigException;
import dev.weft.config.WeftProperties;
import dev.weft.testing.MongoTestServer;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Schema inference of MongoDB collections, against mongo-java-server through the real driver over TCP:
 * from a sample of documents (nested documents, arrays, fields seen with several types widened by the
 * README's rule, nullability), from a {@code $jsonSchema} validator, include/exclude globs, sample-size,
 * field names made legal GraphQL names, and every value read back without loss.
 */
class MongoInferenceIT {
    private static MongoTestServer mongo;

    @BeforeAll
    static void startServer() {
        mongo = MongoTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    static ServiceSettings service(String name, String database, Integer sampleSize, List<String> include, List<String> exclude) {
        ServiceProperties p = new ServiceProperties("mongodb", mongo.url(database), null, null, null, include, exclude,
                null, null, null, null, null, sampleSize, null);
        return new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, Map.of(name, p))).get(0);
    }

    private static Map<String, Column> columns(Table table) {
        return table.columns().stream().collect(Collectors.toMap(Column::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    private static String describe(Column c) {
        String type = c.isDocument() ? "{" + c.fields().stream().map(MongoInferenceIT::describe).collect(Collectors.joining(", ")) + "}"
                : c.type().name();
        return c.fieldName() + ":" + (c.list() ? "[" + type + "]" : type) + (c.nullable() ? "" : "!");
    }

    @Test
    void sampledDocumentsGiveTypesNestedDocumentsArraysAndTheWideningRule() {
        String db = MongoTestServer.uniqueName();
        ObjectId id1 = new ObjectId("65a000000000000000000001");
        mongo.database(db).getCollection("people").insertMany(List.of(
                new Document("_id", id1).append("name", "Ann").append("age", 31).append("height", 1.7).append("visits", 5L)
                        .append("balance", new Decimal128(new java.math.BigDecimal("10.50"))).append("ratio", 5L)
                        .append("joined", new Date(1700000000123L)).append("active", true).append("tags", List.of("a", "b"))
                        .append("address", new Document("city", "Oslo").append("geo", new Document("lat", 59.9).append("lng", 10.7)))
                        .append("orders", List.of(new Document("sku", "x").append("qty", 1)))
                        .append("photo", new Binary(new byte[] {1, 2, 3})).append("token", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))
                        .append("first name", "A").append("2fa", true).append("mixed", 1).append("ref", new ObjectId("65a0000000000000000000ff"))
                        .append("matrix", List.of(List.of(1, 2))),
                new Document("_id", new ObjectId("65a000000000000000000002")).append("name", "Bob").append("age", 40).append("height", 2)
                        .append("visits", 7).append("balance", 3).append("ratio", 0.5).append("joined", new Date(1700000001000L))
                        .append("active", false).append("tags", List.of()).append("address", new Document("city", "Bergen"))
                        .append("orders", List.of(new Document("sku", "y").append("qty", 2).append("note", "gift")))
                        .append("first name", "B").append("mixed", "one").append("ref", "legacy-7").append("only_null", null)
                        .append("matrix", List.of()),
                new Document("_id", new ObjectId("65a000000000000000000003")).append("name", null).append("age", 22)));
        try (WeftRuntime weft = WeftRuntime.start(List.of(service("crm", db, null, null, null)))) {
            Table people = weft.catalog().sources().get(0).tables().get(0);
            assertThat(people.ref().name()).isEqualTo("people");
            assertThat(people.primaryKey()).containsExactly("_id");
            assertThat(people.columns().stream().map(MongoInferenceIT::describe).toList()).containsExactly(
                    "_id:OBJECT_ID!",
                    "name:STRING",                 // null in one document
                    "age:INT!",                    // int in every document
                    "height:FLOAT",                // double and int
                    "visits:BIGINT",               // long and int
                    "balance:DECIMAL",             // decimal and int
                    "ratio:DECIMAL",               // long and double: a double cannot hold every long
                    "joined:TIMESTAMPTZ",
                    "active:BOOLEAN",
                    "tags:[STRING]",
                    "address:{city:STRING!, geo:{lat:FLOAT!, lng:FLOAT!}}",  // geo missing in one address
                    "orders:[{sku:STRING!, qty:INT!, note:STRING}]",
                    "photo:BYTES",
                    "token:UUID",
                    "first_name:STRING",           // "first name": the column rule
                    "_2fa:BOOLEAN",                // "2fa"
                    "mixed:JSON",                  // int and string
                    "ref:STRING",                  // ObjectId and string: text, ObjectIds as hex
                    "matrix:JSON",                 // arrays of arrays
                    "only_null:JSON");
            Column address = columns(people).get("address");
            assertThat(address.fields().get(1).nullable()).as("geo is missing in one address").isTrue();
            assertThat(columns(people).get("ref").sqlType()).isEqualTo("string|objectId");

            ExecutionResult r = weft.execute("{ crm_people(order_by: [{_id: asc}], limit: 2) { _id name age height visits balance ratio "
                    + "joined active tags address { city geo { lat lng } } orders { sku qty note } photo token first_name _2fa mixed ref matrix } }",
                    Map.of());
            assertThat(r.getErrors()).isEmpty();
            List<Map<String, Object>> rows = r.<Map<String, List<Map<String, Object>>>>getData().get("crm_people");
            Map<String, Object> ann = new LinkedHashMap<>();
            ann.put("_id", "65a000000000000000000001");
            ann.put("name", "Ann");
            ann.put("age", 31);
            ann.put("height", 1.7);
            ann.put("visits", 5L);
            ann.put("balance", new java.math.BigDecimal("10.50"));
            ann.put("ratio", new java.math.BigDecimal("5"));
            ann.put("joined", "2023-11-14T22:13:20.123Z");
            ann.put("active", true);
            ann.put("tags", List.of("a", "b"));
            ann.put("address", Map.of("city", "Oslo", "geo", Map.of("lat", 59.9, "lng", 10.7)));
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("sku", "x");
            order.put("qty", 1);
            order.put("note", null);
            ann.put("orders", List.of(order));
            ann.put("photo", "AQID");
            ann.put("token", "123e4567-e89b-12d3-a456-426614174000");
            ann.put("first_name", "A");
            ann.put("_2fa", true);
            ann.put("mixed", 1);
            ann.put("ref", "65a0000000000000000000ff");
            ann.put("matrix", List.of(List.of(1, 2)));
            assertThat(rows.get(0)).isEqualTo(ann);
            assertThat(rows.get(1)).containsEntry("height", 2.0).containsEntry("visits", 7L)
                    .containsEntry("balance", new java.math.BigDecimal("3")).containsEntry("ratio", new java.math.BigDecimal("0.5"))
                    .containsEntry("mixed", "one").containsEntry("ref", "legacy-7").containsEntry("tags", List.of());
            assertThat(rows.get(1).get("address")).isEqualTo(addressWithoutGeo());
        }
    }

    private static Map<String, Object> addressWithoutGeo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("city", "Bergen");
        m.put("geo", null);
        return m;
    }

    @Test
    void sixtyFourBitIntegersDecimalsAndDatesLoseNothing() {
        String db = MongoTestServer.uniqueName();
        mongo.database(db).getCollection("ledger").insertMany(List.of(
                new Document("_id", 1).append("big", 9007199254740993L).append("amount",
                        new Decimal128(new java.math.BigDecimal("12345678901234567890.123456789012"))).append("at", new Date(1L)),
                new Document("_id", 2).append("big", Long.MAX_VALUE).append("amount", new Decimal128(new java.math.BigDecimal("-0.000001")))
                        .append("at", new Date(1717243200999L))));
        try (WeftRuntime weft = WeftRuntime.start(List.of(service("books", db, null, null, null)))) {
            ExecutionResult r = weft.execute("{ books_ledger(order_by: [{_id: asc}]) { _id big amount at } "
                    + "books_ledger_aggregate { aggregate { sum { big amount } max { big amount at } } } }", Map.of());
            assertThat(r.getErrors()).isEmpty();
            assertThat(r.<Map<String, Object>>getData().get("books_ledger")).isEqualTo(List.of(
                    Map.of("_id", 1, "big", 9007199254740993L, "amount", new java.math.BigDecimal("12345678901234567890.123456789012"),
                            "at", "1970-01-01T00:00:00.001Z"),
                    Map.of("_id", 2, "big", Long.MAX_VALUE, "amount", new java.math.BigDecimal("-0.000001"),
                            "at", "2024-06-01T12:00:00.999Z")));
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> aggregate = (Map<String, Map<String, Object>>) r.<Map<String, Map<String, Object>>>getData()
                    .get("books_ledger_aggregate").get("aggregate");
            assertThat(aggregate.get("max")).isEqualTo(Map.of("big", Long.MAX_VALUE,
                    "amount", new java.math.BigDecimal("12345678901234567890.123456789012"), "at", "2024-06-01T12:00:00.999Z"));
            assertThat(aggregate.get("sum").get("amount")).isEqualTo(new java.math.BigDecimal("12345678901234567890.123455789012"));
        }
    }

    @Test
    void aJsonSchemaValidatorGivesTheFieldsInsteadOfTheDocuments() {
        String db = MongoTestServer.uniqueName();
        mongo.createWithValidator(db, "products", Document.parse("""
                {bsonType: "object", required: ["name", "price", "meta"],
                 properties: {
                   name: {bsonType: "string"},
                   price: {bsonType: "decimal"},
                   qty: {bsonType: ["int", "null"]},
                   weight: {bsonType: "number"},
                   meta: {bsonType: "object", required: ["color"], properties: {color: {bsonType: "string"}, size: {bsonType: "int"}}},
                   sizes: {bsonType: "array", items: {bsonType: "int"}},
                   owner: {bsonType: "objectId"},
                   added: {bsonType: "date"},
                   anything: {description: "no type given"}}}"""));
        mongo.database(db).getCollection("products").insertOne(new Document("_id", 7).append("name", "Lamp")
                .append("price", new Decimal128(new java.math.BigDecimal("19.90"))).append("meta", new Document("color", "red"))
                .append("undeclared", "not in the validator"));
        try (WeftRuntime weft = WeftRuntime.start(List.of(service("shop", db, null, null, null)))) {
            Table products = weft.catalog().sources().get(0).tables().get(0);
            assertThat(products.columns().stream().map(MongoInferenceIT::describe).toList()).containsExactly(
                    "_id:INT!",                    // not in the validator: from the documents
                    "name:STRING!", "price:DECIMAL!", "qty:INT", "weight:DECIMAL",
                    "meta:{color:STRING!, size:INT}!", "sizes:[INT]", "owner:OBJECT_ID", "added:TIMESTAMPTZ", "anything:JSON");
            ExecutionResult r = weft.execute("{ shop_products_by_pk(_id: 7) { name price meta { color size } sizes } }", Map.of());
            assertThat(r.getErrors()).isEmpty();
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("color", "red");
            meta.put("size", null);
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("name", "Lamp");
            expected.put("price", new java.math.BigDecimal("19.90"));
            expected.put("meta", meta);
            expected.put("sizes", null);
            assertThat(r.<Map<String, Object>>getData().get("shop_products_by_pk")).isEqualTo(expected);
        }
    }

    @Test
    void includeAndExcludeGlobsSelectCollectionsAndAnEmptyCollectionHasItsId() {
        String db = MongoTestServer.uniqueName();
        for (String name : List.of("app_users", "app_logs", "billing", "app_users_backup")) {
            mongo.database(db).createCollection(name);
        }
        mongo.database(db).getCollection("app_logs").insertOne(new Document("line", "x"));
        try (WeftRuntime weft = WeftRuntime.start(List.of(service("app", db, null, List.of("app_*"), List.of("*_backup"))))) {
            List<Table> tables = weft.catalog().sources().get(0).tables();
            assertThat(tables).extracting(t -> t.ref().name()).containsExactly("app_logs", "app_users");
            assertThat(tables.get(1).columns().stream().map(MongoInferenceIT::describe).toList()).containsExactly("_id:OBJECT_ID!");
            assertThat(tables.get(0).columns().stream().map(MongoInferenceIT::describe).toList())
                    .containsExactly("_id:OBJECT_ID!", "line:STRING!");
            assertThat(weft.execute("{ app_app_users { _id } app_app_users_aggregate { aggregate { count } } }", Map.of())
                    .toSpecification().get("data")).isEqualTo(Map.of("app_app_users", List.of(),
                    "app_app_users_aggregate", Map.of("aggregate", Map.of("count", 0))));
        }
    }

    @Test
    void sampleSizeBoundsTheDocumentsInferenceReads() {
        String db = MongoTestServer.uniqueName();
        for (int i = 1; i <= 5; i++) {
            Document d = new Document("_id", i).append("n", i);
            if (i == 5) {
                d.append("late", "only in the fifth document");
            }
            mongo.database(db).getCollection("events").insertOne(d);
        }
        try (WeftRuntime small = WeftRuntime.start(List.of(service("ev", db, 3, null, null)));
             WeftRuntime full = WeftRuntime.start(List.of(service("ev", db, null, null, null)))) {
            assertThat(small.catalog().sources().get(0).tables().get(0).columns()).extracting(Column::name).containsExactly("_id", "n");
            assertThat(full.catalog().sources().get(0).tables().get(0).columns()).extracting(Column::name)
                    .containsExactly("_id", "n", "late");
            assertThat(full.catalog().sources().get(0).tables().get(0).requireColumn("late").nullable()).isTrue();
        }
    }

    @Test
    void fieldsThatBecomeOneGraphqlNameAreAStartUpProblemNamingBoth() {
        String db = MongoTestServer.uniqueName();
        mongo.database(db).getCollection("odd").insertOne(new Document("_id", 1).append("a-b", 1).append("a_b", 2)
                .append("doc", new Document("x y", 1).append("x_y", 2)));
        assertThatThrownBy(() -> WeftRuntime.start(List.of(service("odd", db, null, null, null))))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("columns 'a-b' and 'a_b' of table odd.odd both become the GraphQL field 'a_b'")
                .hasMessageContaining("fields 'doc.x y' and 'doc.x_y' of odd.odd both become the GraphQL field 'x_y'");
    }

    @Test
    void anUnreachableServerIsAStartUpProblem() {
        ServiceProperties p = new ServiceProperties("mongodb", "mongodb://127.0.0.1:1/nothing", null, null, null, null, null,
                null, null, new ServiceProperties.PoolProperties(null, java.time.Duration.ofSeconds(1)), null, null, null, null);
        ServiceProperties bad = new ServiceProperties("mongodb", "mongodb://127.0.0.1:99999/nothing", null, null, null, null, null,
                null, null, null, null, null, null, null);
        List<ServiceSettings> settings = new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null,
                Map.of("gone", p, "bad", bad)));
        assertThatThrownBy(() -> WeftRuntime.start(settings))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("cannot read source 'gone' at mongodb://127.0.0.1:1/nothing: host not answering")
                .hasMessageContaining("cannot read source 'bad' at mongodb://127.0.0.1:99999/nothing: cannot connect");
    }

    @Test
    void theColumnTypesOfTheTableAreThoseOfTheCatalog() {
        assertThat(ColumnType.OBJECT_ID.isComparable()).isTrue();
        assertThat(ColumnType.OBJECT_ID.canEqual(ColumnType.INT)).isTrue();
        assertThat(ColumnType.OBJECT_ID.canEqual(ColumnType.JSON)).isFalse();
    }
}
