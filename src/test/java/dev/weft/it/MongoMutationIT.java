package dev.weft.it;

import static dev.weft.testing.GraphqlAssertions.at;
import static dev.weft.testing.GraphqlAssertions.codes;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import dev.weft.config.AccessFile;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceProperties;
import dev.weft.config.WeftProperties;
import dev.weft.security.Caller;
import dev.weft.testing.Closing;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.testing.MongoTestServer;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Mutations on MongoDB collections (mongo-java-server through the real driver: a standalone server, so the
 * path without transactions), with the database as the oracle. Service {@code shop} (MongoDB) holds
 * {@code accounts} (integer {@code _id}, a unique index on {@code name}, a Decimal128 balance, a date, a nested
 * document) and {@code notes} (ObjectId {@code _id}, a JSON field); service {@code crm} (H2) holds
 * {@code customers}, reached from accounts by a virtual relationship. Reset before every test:
 *
 * <pre>
 * accounts _id  tenant name  balance customer_id profile           notes _id account_id tenant text
 *          1001 t1     alice 100.00  1           {Oslo, vip}             N1  1001       t1     hello
 *          1002 t1     bob    50.00  2                                   N2  2001       t2     hi
 *          2001 t2     carol  70.00  1                              customers 1 Ada, 2 Bea
 *          2002 t2     dave   10.00  -
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MongoMutationIT {
    static final ObjectId N1 = new ObjectId("66a000000000000000000001");
    static final ObjectId N2 = new ObjectId("66a000000000000000000002");

    private MongoTestServer mongo;
    private MongoDatabase shop;
    private WriteEngine crm;
    private WeftRuntime open;
    private WeftRuntime secured;

    @BeforeAll
    void start() {
        mongo = MongoTestServer.start();
        String name = MongoTestServer.uniqueName();
        shop = mongo.database(name);
        mongo.createWithValidator(name, "accounts", Document.parse("""
                {bsonType: "object", required: ["_id", "tenant_id", "name"], properties: {
                  _id: {bsonType: "int"}, tenant_id: {bsonType: "string"}, name: {bsonType: "string"},
                  balance: {bsonType: ["decimal", "null"]}, customer_id: {bsonType: ["int", "null"]},
                  updated_by: {bsonType: ["string", "null"]}, opened_at: {bsonType: ["date", "null"]},
                  profile: {bsonType: ["object", "null"], properties: {city: {bsonType: "string"}, vip: {bsonType: "bool"}}}}}"""));
        mongo.createWithValidator(name, "notes", Document.parse("""
                {bsonType: "object", required: ["_id", "account_id", "tenant_id"], properties: {
                  _id: {bsonType: "objectId"}, account_id: {bsonType: "int"}, tenant_id: {bsonType: "string"},
                  text: {bsonType: ["string", "null"]}, meta: {}}}"""));
        shop.getCollection("accounts").createIndex(new Document("name", 1), new IndexOptions().unique(true).name("accounts_name_key"));
        crm = WriteEngine.create(WriteEngine.Kind.H2);
        crm.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Bea')");
        var services = TestDatabase.services(Map.of("crm", crm.properties(), "shop", new ServiceProperties("mongodb",
                mongo.url(name), null, null, null, null, null, null, null, null, null, null, null, null)));
        var relationships = RelationshipsFile.parse("relationships.yml", """
                relationships:
                  - { service: shop, table: accounts, name: customer, type: belongs_to, field: customer_id,
                      ref_service: crm, ref_table: customers, ref_field: id }
                  - { service: shop, table: accounts, name: notes, type: has_many, field: _id,
                      ref_service: shop, ref_table: notes, ref_field: account_id }
                """);
        open = WeftRuntime.start(services, relationships, WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS);
        secured = WeftRuntime.start(services, relationships, WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS,
                AccessFile.parse("access.yml", """
                        roles:
                          tenant:
                            limits: { max-rows-affected: 3 }
                            shop.accounts:
                              select: { filter: { tenant_id: { _eq: "@claims.tenant_id" } } }
                              insert:
                                columns: [_id, name, balance, customer_id, profile]
                                set: { tenant_id: "@claims.tenant_id" }
                                check: { balance: { _gte: 0 } }
                              update:
                                columns: [balance, name]
                                filter: { tenant_id: { _eq: "@claims.tenant_id" } }
                                check: { balance: { _gte: 0 } }
                                set: { updated_by: "@claims.sub" }
                              delete:
                                filter: { tenant_id: { _eq: "@claims.tenant_id" } }
                            shop.notes:
                              select: { filter: { tenant_id: { _eq: "@claims.tenant_id" } } }
                            crm.customers:
                          reader:
                            shop.accounts:
                            crm.customers:
                          crossdb:
                            shop.accounts:
                              update: { columns: [customer_id], check: { customer: { name: { _neq: "Bea" } } } }
                            crm.customers:
                        """));
    }

    @BeforeEach
    void reset() {
        shop.getCollection("accounts").deleteMany(new Document());
        shop.getCollection("notes").deleteMany(new Document());
        shop.getCollection("accounts").insertMany(List.of(
                account(1001, "t1", "alice", "100.00", 1).append("opened_at", new Date(1704067200000L))
                        .append("profile", new Document("city", "Oslo").append("vip", true)),
                account(1002, "t1", "bob", "50.00", 2), account(2001, "t2", "carol", "70.00", 1),
                account(2002, "t2", "dave", "10.00", null)));
        shop.getCollection("notes").insertMany(List.of(
                new Document("_id", N1).append("account_id", 1001).append("tenant_id", "t1").append("text", "hello"),
                new Document("_id", N2).append("account_id", 2001).append("tenant_id", "t2").append("text", "hi")));
    }

    private static Document account(int id, String tenant, String name, String balance, Integer customer) {
        return new Document("_id", id).append("tenant_id", tenant).append("name", name)
                .append("balance", new Decimal128(new BigDecimal(balance))).append("customer_id", customer);
    }

    @AfterAll
    void stop() {
        Closing.quietly(open, secured, crm, mongo);
    }

    private Map<String, Object> data(String query) {
        return TenantCalls.data(open, query);
    }

    private ExecutionResult asTenant(String tenant, String query) {
        return TenantCalls.asTenant(secured, tenant, query);
    }

    /** _id -> "tenant/name/balance/updated_by" of every account, read from MongoDB. */
    private Map<Object, String> accounts() {
        Map<Object, String> rows = new TreeMap<>();
        for (Document d : shop.getCollection("accounts").find()) {
            Object balance = d.get("balance") instanceof Decimal128 b ? b.bigDecimalValue().setScale(2) : d.get("balance");
            rows.put(d.get("_id"), d.get("tenant_id") + "/" + d.get("name") + "/" + balance + "/" + d.get("updated_by"));
        }
        return rows;
    }

    private Document account(int id) {
        return shop.getCollection("accounts").find(new Document("_id", id)).first();
    }

    private static List<Object> each(Object list, String field) {
        return ((List<?>) list).stream().map(e -> ((Map<?, ?>) e).get(field)).map(Object.class::cast).toList();
    }

    // ---- schema -----------------------------------------------------------------------------------

    @Test
    void theSchemaOffersEveryMutationOnCollectionsWithTypedInputsAndDocs() {
        Map<String, Object> d = new java.util.HashMap<>();
        d.put("m", at(data("{ __type(name: \"Mutation\") { fields { name description } } }"), "__type"));
        for (String[] t : new String[][] {{"i", "ShopAccountsInsertInput"}, {"p", "ShopAccountsProfileInput"},
                {"k", "ShopAccountsPkColumnsInput"}, {"n", "ShopNotesInsertInput"}}) {
            d.put(t[0], at(data("{ __type(name: \"" + t[1] + "\") { inputFields { name type { name } } } }"), "__type"));
        }
        d.put("c", at(data("{ __type(name: \"ShopAccountsConstraint\") { enumValues { name } } }"), "__type"));
        List<Map<String, Object>> fields = at(d, "m.fields");
        assertThat(each(fields, "name")).contains("insert_shop_accounts", "insert_shop_accounts_one", "update_shop_accounts",
                "update_shop_accounts_by_pk", "update_shop_accounts_many", "delete_shop_accounts", "delete_shop_accounts_by_pk",
                "insert_shop_notes_one", "delete_shop_notes_by_pk", "insert_crm_customers");
        assertThat(fields).filteredOn(f -> f.get("name").equals("delete_shop_accounts"))
                .extracting(f -> (String) f.get("description")).containsExactly("Deletes the rows of shop.accounts that match,"
                        + " without a transaction (the source has none): not atomic");
        assertThat(each(at(d, "i.inputFields"), "name")).containsExactly("_id", "tenant_id", "name", "balance", "customer_id",
                "updated_by", "opened_at", "profile");
        assertThat(each(at(d, "p.inputFields"), "name")).containsExactly("city", "vip");
        assertThat(each(at(d, "k.inputFields"), "name")).containsExactly("_id");
        assertThat(each(at(d, "c.enumValues"), "name")).containsExactlyInAnyOrder("_id_", "accounts_name_key");
        assertThat(each(at(d, "n.inputFields"), "type").stream().map(t -> (Object) ((Map<?, ?>) t).get("name")).toList())
                .containsExactly("ObjectId", "Int", "String", "String", "JSON");
    }

    // ---- insert -----------------------------------------------------------------------------------

    @Test
    void insertsTypedDocumentsAndReturnsThemWithRelationshipsToSqlAndMongo() {
        Map<String, Object> d = data("""
                mutation { insert_shop_accounts(objects: [
                    {_id: 3001, tenant_id: "t1", name: "erin", balance: 1.5, customer_id: 2, opened_at: "2024-05-01T09:00:00Z",
                     profile: {city: "Rome", vip: false}},
                    {_id: 3002, tenant_id: "t2", name: "finn"}]) {
                  affected_rows returning { _id name balance opened_at profile { city vip } customer { name } notes { text } } } }""");
        assertThat((Object) at(d, "insert_shop_accounts.affected_rows")).isEqualTo(2);
        assertThat(each(at(d, "insert_shop_accounts.returning"), "name")).containsExactly("erin", "finn");
        assertThat((Object) at(d, "insert_shop_accounts.returning.0.customer.name")).isEqualTo("Bea");
        assertThat((Object) at(d, "insert_shop_accounts.returning.0.profile.city")).isEqualTo("Rome");
        assertThat((String) at(d, "insert_shop_accounts.returning.0.opened_at")).startsWith("2024-05-01T09:00");
        assertThat((Object) at(d, "insert_shop_accounts.returning.1.customer")).isNull();
        assertThat((List<?>) at(d, "insert_shop_accounts.returning.0.notes")).isEmpty();
        Document erin = account(3001);
        assertThat(erin.get("balance")).isEqualTo(new Decimal128(new BigDecimal("1.5")));
        assertThat(erin.get("customer_id")).isInstanceOf(Integer.class);
        assertThat(erin.get("opened_at")).isEqualTo(Date.from(java.time.Instant.parse("2024-05-01T09:00:00Z")));
        assertThat(erin.get("profile")).isEqualTo(new Document("city", "Rome").append("vip", false));
        assertThat(accounts()).hasSize(6).containsEntry(3002, "t2/finn/null/null");

        Map<String, Object> note = data("mutation { insert_shop_notes_one(object: {account_id: 3001, tenant_id: \"t1\", text: \"new\","
                + " meta: {tags: [\"a\"], n: 1}}) { _id account_id meta } }");
        String id = at(note, "insert_shop_notes_one._id");
        assertThat(ObjectId.isValid(id)).isTrue();
        Document stored = shop.getCollection("notes").find(new Document("_id", new ObjectId(id))).first();
        assertThat(stored).as("the generated _id is stored as an ObjectId").isNotNull();
        assertThat(stored.get("meta")).isEqualTo(new Document("tags", List.of("a")).append("n", 1));
        Map<String, Object> withNotes = data("{ shop_accounts_by_pk(_id: 3001) { notes { text } } }");
        assertThat(each(at(withNotes, "shop_accounts_by_pk.notes"), "text")).containsExactly("new");
    }

    @Test
    void aBatchWithADuplicateLeavesNothingAndNamesTheIndexNotTheValue() {
        ExecutionResult r = open.execute("mutation { insert_shop_accounts(objects: [{_id: 5001, tenant_id: \"t1\", name: \"new1\"},"
                + " {_id: 5002, tenant_id: \"t1\", name: \"alice\"}, {_id: 5003, tenant_id: \"t1\", name: \"new2\"}]) { affected_rows } }",
                Map.of());
        assertThat(codes(r)).containsExactly("BAD_USER_INPUT");
        assertThat(r.getErrors().get(0).getPath()).containsExactly("insert_shop_accounts");
        assertThat(r.getErrors().get(0).getMessage()).contains("accounts_name_key").doesNotContain("alice").doesNotContain("E11000");
        assertThat(accounts()).hasSize(4);
        ExecutionResult existingId = open.execute("mutation { insert_shop_accounts(objects: [{_id: 5004, tenant_id: \"t1\", name: \"x\"},"
                + " {_id: 1001, tenant_id: \"t1\", name: \"y\"}]) { affected_rows } }", Map.of());
        assertThat(codes(existingId)).containsExactly("BAD_USER_INPUT");
        assertThat(existingId.getErrors().get(0).getMessage()).contains("'_id_'");
        assertThat(accounts()).hasSize(4).containsEntry(1001, "t1/alice/100.00/null");
        ExecutionResult noId = open.execute("mutation { insert_shop_accounts_one(object: {tenant_id: \"t1\", name: \"z\"}) { _id } }",
                Map.of());
        assertThat(codes(noId)).containsExactly("BAD_USER_INPUT");
        assertThat(noId.getErrors().get(0).getMessage()).contains("give a value for _id");
    }

    @Test
    void upsertsUpdateTheDocumentWithTheSameUniqueValuesOrInsert() {
        Map<String, Object> d = data("mutation { insert_shop_accounts(objects: [{_id: 6001, tenant_id: \"t1\", name: \"alice\", balance: 7},"
                + " {_id: 6002, tenant_id: \"t1\", name: \"hank\", balance: 8}], on_conflict: {constraint: accounts_name_key,"
                + " update_columns: [balance]}) { affected_rows returning { _id name balance } } }");
        assertThat((Object) at(d, "insert_shop_accounts.affected_rows")).isEqualTo(2);
        assertThat(each(at(d, "insert_shop_accounts.returning"), "_id")).containsExactly(1001, 6002);
        assertThat(accounts()).containsEntry(1001, "t1/alice/7.00/null").containsEntry(6002, "t1/hank/8.00/null").hasSize(5);
        Map<String, Object> nothing = data("mutation { insert_shop_accounts_one(object: {_id: 6003, tenant_id: \"t9\", name: \"bob\","
                + " balance: 1}, on_conflict: {constraint: accounts_name_key, update_columns: []}) { _id } }");
        assertThat((Object) at(nothing, "insert_shop_accounts_one")).isNull();
        Map<String, Object> byId = data("mutation { insert_shop_accounts_one(object: {_id: 2002, tenant_id: \"t2\", name: \"dave\","
                + " balance: 11}, on_conflict: {constraint: _id_, update_columns: [balance], where: {balance: {_lt: 50}}}) { balance } }");
        assertThat((Object) at(byId, "insert_shop_accounts_one.balance")).isEqualTo(new BigDecimal("11"));
        assertThat(accounts()).containsEntry(1002, "t1/bob/50.00/null").containsEntry(2002, "t2/dave/11.00/null").hasSize(5);
    }

    // ---- update and delete ------------------------------------------------------------------------

    @Test
    void updatesWithSetAndIncByWhereByPkAndMany() {
        Map<String, Object> d = data("mutation { update_shop_accounts(where: {tenant_id: {_eq: \"t1\"}}, _set: {updated_by: \"x\"},"
                + " _inc: {balance: 2.25}) { affected_rows returning { _id balance } } }");
        assertThat((Object) at(d, "update_shop_accounts.affected_rows")).isEqualTo(2);
        assertThat(accounts()).containsEntry(1001, "t1/alice/102.25/x").containsEntry(1002, "t1/bob/52.25/x")
                .containsEntry(2001, "t2/carol/70.00/null");
        assertThat(account(1001).get("balance")).as("exact decimal arithmetic").isEqualTo(new Decimal128(new BigDecimal("102.25")));
        Map<String, Object> byPk = data("mutation { a: update_shop_accounts_by_pk(pk_columns: {_id: 2001}, _set: {name: \"caro\","
                + " profile: {city: \"Bern\"}}) { _id name profile { city } customer { name } }"
                + " b: update_shop_accounts_by_pk(pk_columns: {_id: 9999}, _set: {name: \"z\"}) { _id } }");
        assertThat((Object) at(byPk, "a.name")).isEqualTo("caro");
        assertThat((Object) at(byPk, "a.profile.city")).isEqualTo("Bern");
        assertThat((Object) at(byPk, "a.customer.name")).isEqualTo("Ada");
        assertThat((Object) at(byPk, "b")).isNull();
        Map<String, Object> many = data("mutation { update_shop_accounts_many(updates: [{where: {_id: {_eq: 1001}}, _set: {balance: 1}},"
                + " {where: {balance: {_lt: 5}}, _inc: {balance: 10}}]) { affected_rows returning { _id balance } } }");
        assertThat(each(at(many, "update_shop_accounts_many"), "affected_rows")).containsExactly(1, 1);
        assertThat(accounts()).containsEntry(1001, "t1/alice/11.00/x");
        ExecutionResult id = open.execute("mutation { update_shop_accounts_by_pk(pk_columns: {_id: 1001}, _set: {_id: 7}) { _id } }",
                Map.of());
        assertThat(codes(id)).as("_id is not in the SetInput: it never changes").containsExactly("GRAPHQL_VALIDATION_FAILED");
        ExecutionResult upsertId = open.execute("mutation { insert_shop_accounts_one(object: {_id: 1001, tenant_id: \"t1\", name: \"q\"},"
                + " on_conflict: {constraint: _id_, update_columns: [_id]}) { _id } }", Map.of());
        assertThat(codes(upsertId)).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(accounts()).containsKey(1001).doesNotContainKey(7);
    }

    @Test
    void incOnAMissingFieldSetsTheAmountAsMongoDbDoes() {
        shop.getCollection("accounts").insertOne(new Document("_id", 3100).append("tenant_id", "t3").append("name", "nobal"));
        Map<String, Object> d = data("mutation { update_shop_accounts_by_pk(pk_columns: {_id: 3100}, _inc: {balance: 5}) { balance } }");
        assertThat((Object) at(d, "update_shop_accounts_by_pk.balance")).isEqualTo(new BigDecimal("5"));
        assertThat(account(3100).get("balance")).isEqualTo(new Decimal128(5));
    }

    @Test
    void deletesByWhereAndByPkReturningTheDeletedDocuments() {
        Map<String, Object> d = data("mutation { delete_shop_accounts(where: {balance: {_lt: 60}}) { affected_rows returning { name"
                + " customer { name } } } delete_shop_notes_by_pk(_id: \"" + N2.toHexString() + "\") { text } }");
        assertThat((Object) at(d, "delete_shop_accounts.affected_rows")).isEqualTo(2);
        assertThat(each(at(d, "delete_shop_accounts.returning"), "name")).containsExactlyInAnyOrder("bob", "dave");
        assertThat((Object) at(d, "delete_shop_notes_by_pk.text")).isEqualTo("hi");
        assertThat(accounts().keySet()).containsExactly(1001, 2001);
        assertThat(shop.getCollection("notes").countDocuments()).isEqualTo(1);
        Map<String, Object> none = data("mutation { delete_shop_accounts_by_pk(_id: 4242) { _id } }");
        assertThat((Object) at(none, "delete_shop_accounts_by_pk")).isNull();
    }

    @Test
    void everyWriteIsReportedToTheRequestsListenersLikeTheSqlWriters() {
        List<dev.weft.execute.activity.StatementRun> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.weft.execute.activity.Activity.during(heard::add, () -> data("mutation {"
                + " insert_shop_accounts_one(object: {_id: 5100, tenant_id: \"t1\", name: \"kim\"}) { _id }"
                + " update_shop_accounts_by_pk(pk_columns: {_id: 5100}, _inc: {balance: 1}) { _id }"
                + " delete_shop_accounts_by_pk(_id: 5100) { _id } }"));
        // the audit log's tables written and the response cache's evictions come from these reports
        assertThat(heard).filteredOn(dev.weft.execute.activity.StatementRun::write)
                .extracting(run -> run.kind() + " " + run.table().name() + " " + run.rows())
                .containsExactly("insert accounts 1", "update accounts 1", "delete accounts 1");
    }

    @Test
    void fieldsRunInDocumentOrderEachOnItsOwn() {
        ExecutionResult r = open.execute("mutation { a: insert_shop_accounts_one(object: {_id: 5000, tenant_id: \"t1\", name: \"ivy\"}) { _id }"
                + " b: update_shop_accounts_by_pk(pk_columns: {_id: 5000}, _inc: {balance: 3}) { balance }"
                + " c: insert_shop_accounts_one(object: {_id: 5001, tenant_id: \"t1\", name: \"ivy\"}) { _id } }", Map.of());
        assertThat(codes(r)).containsExactly("BAD_USER_INPUT");
        assertThat(r.getErrors().get(0).getPath()).containsExactly("c");
        assertThat((Object) at(r.getData(), "b.balance")).isEqualTo(new BigDecimal("3"));
        assertThat(accounts()).containsEntry(5000, "t1/ivy/3.00/null").doesNotContainKey(5001);
    }

    @Test
    void whereAndOnConflictReachTheSqlDatabaseThroughTheVirtualRelationship() {
        Map<String, Object> d = data("mutation { update_shop_accounts(where: {customer: {name: {_eq: \"Bea\"}}}, _set: {updated_by: \"bea\"})"
                + " { affected_rows returning { _id customer { name } } } }");
        assertThat(each(at(d, "update_shop_accounts.returning"), "_id")).containsExactly(1002);
        assertThat(accounts()).containsEntry(1002, "t1/bob/50.00/bea").containsEntry(1001, "t1/alice/100.00/null");
        Map<String, Object> upsert = data("mutation { insert_shop_accounts_one(object: {_id: 9, tenant_id: \"t1\", name: \"carol\","
                + " balance: 1}, on_conflict: {constraint: accounts_name_key, update_columns: [balance], where: {customer: {name:"
                + " {_eq: \"Bea\"}}}}) { _id } }");
        assertThat((Object) at(upsert, "insert_shop_accounts_one")).as("carol's customer is Ada: left alone").isNull();
        assertThat(accounts()).containsEntry(2001, "t2/carol/70.00/null").hasSize(4);
    }

    /** Without transactions (a standalone server), what the README says a failure part-way leaves. */
    @Test
    void withoutTransactionsAFailurePartWayLeavesWhatTheReadmeSays() {
        ExecutionResult many = open.execute("mutation { update_shop_accounts_many(updates: [{where: {_id: {_eq: 1001}},"
                + " _set: {balance: 1}}, {where: {_id: {_eq: 1002}}, _set: {name: \"alice\"}}]) { affected_rows } }", Map.of());
        assertThat(codes(many)).containsExactly("BAD_USER_INPUT");
        assertThat(accounts()).as("the first entry stays written").containsEntry(1001, "t1/alice/1.00/null")
                .containsEntry(1002, "t1/bob/50.00/null");
        ExecutionResult partWay = open.execute("mutation { update_shop_accounts(where: {tenant_id: {_eq: \"t2\"}},"
                + " _set: {name: \"same\"}) { affected_rows } }", Map.of());
        assertThat(codes(partWay)).containsExactly("BAD_USER_INPUT");
        assertThat(partWay.getErrors().get(0).getMessage()).contains("accounts_name_key");
        assertThat(accounts().values()).as("one of the two documents was updated before MongoDB refused the other")
                .filteredOn(v -> v.startsWith("t2/same/")).hasSize(1);
    }

    // ---- permissions ------------------------------------------------------------------------------

    @Test
    void insertPermissionSetsPresetsChecksAndHidesColumns() {
        Map<String, Object> d = GraphqlAssertions.data(asTenant("t2", "mutation { insert_shop_accounts_one(object: {_id: 7001,"
                + " name: \"jo\", balance: 4}) { _id name balance } }"));
        assertThat((Object) at(d, "insert_shop_accounts_one.name")).isEqualTo("jo");
        assertThat(accounts()).containsEntry(7001, "t2/jo/4.00/null");
        assertThat(codes(asTenant("t2", "mutation { insert_shop_accounts_one(object: {_id: 7002, name: \"k\", tenant_id: \"t1\"}) { _id } }")))
                .containsExactly("GRAPHQL_VALIDATION_FAILED");
        ExecutionResult negative = asTenant("t2", "mutation { insert_shop_accounts(objects: [{_id: 7003, name: \"k1\", balance: 1},"
                + " {_id: 7004, name: \"k2\", balance: -1}]) { affected_rows } }");
        assertThat(codes(negative)).containsExactly("BAD_USER_INPUT");
        assertThat(negative.getErrors().get(0).getMessage()).contains("check of the role's insert permission");
        assertThat(accounts()).as("the documents inserted before the check failed are removed again").hasSize(5);
        assertThat(codes(secured.execute("mutation { delete_shop_accounts(where: {}) { affected_rows } }", Map.of(),
                new Caller("reader", Map.of())))).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(accounts()).hasSize(5);
    }

    @Test
    void updateAndDeleteKeepToTheFilterAndTheCheckBeforeWriting() {
        Map<String, Object> d = GraphqlAssertions.data(asTenant("t1", "mutation { update_shop_accounts(where: {}, _inc: {balance: 1})"
                + " { affected_rows } other: update_shop_accounts_by_pk(pk_columns: {_id: 2001}, _set: {name: \"x\"}) { _id }"
                + " gone: delete_shop_accounts_by_pk(_id: 2002) { _id } }"));
        assertThat((Object) at(d, "update_shop_accounts.affected_rows")).isEqualTo(2);
        assertThat((Object) at(d, "other")).isNull();
        assertThat((Object) at(d, "gone")).isNull();
        assertThat(accounts()).containsEntry(1001, "t1/alice/101.00/u-t1").containsEntry(1002, "t1/bob/51.00/u-t1")
                .containsEntry(2001, "t2/carol/70.00/null").containsEntry(2002, "t2/dave/10.00/null");
        ExecutionResult below = asTenant("t1", "mutation { update_shop_accounts(where: {}, _inc: {balance: -60}) { affected_rows } }");
        assertThat(codes(below)).containsExactly("BAD_USER_INPUT");
        assertThat(below.getErrors().get(0).getMessage()).contains("1 of the rows").contains("update permission");
        assertThat(accounts()).as("the check runs before the write: bob's balance never went below 0")
                .containsEntry(1001, "t1/alice/101.00/u-t1").containsEntry(1002, "t1/bob/51.00/u-t1");
        Map<String, Object> deleted = GraphqlAssertions.data(asTenant("t2",
                "mutation { delete_shop_accounts(where: {name: {_in: [\"dave\", \"alice\", \"bob\"]}}) { affected_rows } }"));
        assertThat((Object) at(deleted, "delete_shop_accounts.affected_rows")).isEqualTo(1);
        assertThat(accounts().keySet()).containsExactly(1001, 1002, 2001);
    }

    @Test
    void maxRowsAffectedAndACrossDatabaseCheckHold() {
        ExecutionResult four = asTenant("t1", "mutation { insert_shop_accounts(objects: [{_id: 1, name: \"m1\"}, {_id: 2, name: \"m2\"},"
                + " {_id: 3, name: \"m3\"}, {_id: 4, name: \"m4\"}]) { affected_rows } }");
        assertThat(codes(four)).containsExactly("BAD_USER_INPUT");
        assertThat(four.getErrors().get(0).getMessage()).contains("max-rows-affected (3)");
        assertThat(accounts()).hasSize(4);
        Caller crossdb = new Caller("crossdb", Map.of());
        ExecutionResult bea = secured.execute("mutation { update_shop_accounts_by_pk(pk_columns: {_id: 1001}, _set: {customer_id: 2})"
                + " { _id } }", Map.of(), crossdb);
        assertThat(codes(bea)).containsExactly("BAD_USER_INPUT");
        assertThat(account(1001).get("customer_id")).isEqualTo(1);
        GraphqlAssertions.data(secured.execute("mutation { update_shop_accounts_by_pk(pk_columns: {_id: 1002}, _set: {customer_id: 1})"
                + " { _id customer { name } } }", Map.of(), crossdb));
        assertThat(account(1002).get("customer_id")).isEqualTo(1);
    }

    // ---- injection --------------------------------------------------------------------------------

    @Test
    void operatorsInValuesAreStoredAsValuesOrRefused() {
        Map<String, Object> vars = Map.of("v", "$where", "gt", Map.of("$gt", ""), "path", "$balance");
        GraphqlAssertions.data(open.execute("mutation($v: String!) { insert_shop_accounts_one(object: {_id: 8001, tenant_id: \"t1\","
                + " name: $v}) { _id } }", vars));
        assertThat(account(8001).get("name")).isEqualTo("$where");
        Map<String, Object> matched = GraphqlAssertions.data(open.execute("mutation($v: String!) { update_shop_accounts(where:"
                + " {name: {_eq: $v}}, _set: {updated_by: $v}) { affected_rows } }", vars));
        assertThat((Object) at(matched, "update_shop_accounts.affected_rows")).isEqualTo(1);
        // an update with a check goes through the aggregation that evaluates it: "$balance" must stay a string there too
        GraphqlAssertions.data(asTenant("t1", "mutation { update_shop_accounts_by_pk(pk_columns: {_id: 1002}, _set: {name: \"$balance\"})"
                + " { name } }"));
        assertThat(account(1002).get("name")).isEqualTo("$balance");
        ExecutionResult operatorKey = open.execute("mutation($gt: JSON!) { insert_shop_notes_one(object: {account_id: 1, tenant_id: \"t1\","
                + " meta: $gt}) { _id } }", vars);
        assertThat(codes(operatorKey)).containsExactly("BAD_USER_INPUT");
        assertThat(operatorKey.getErrors().get(0).getMessage()).contains("'$gt'");
        ExecutionResult nested = open.execute("mutation { update_shop_notes(where: {}, _set: {meta: {a: {b: {\"$where\": 1}}}})"
                + " { affected_rows } }", Map.of());
        assertThat(codes(nested)).containsExactly("GRAPHQL_PARSE_FAILED");
        ExecutionResult nestedVar = open.execute("mutation($m: JSON!) { update_shop_notes(where: {}, _set: {meta: $m}) { affected_rows } }",
                Map.of("m", Map.of("a", Map.of("x.y", 1))));
        assertThat(codes(nestedVar)).containsExactly("BAD_USER_INPUT");
        assertThat(shop.getCollection("notes").countDocuments(new Document("meta", new Document("$exists", true)))).isZero();
        Map<String, Object> deleted = GraphqlAssertions.data(open.execute("mutation($path: String!) { delete_shop_accounts(where:"
                + " {_or: [{name: {_eq: $path}}, {tenant_id: {_in: [$path]}}], updated_by: {_neq: $path}}) { affected_rows } }", vars));
        assertThat((Object) at(deleted, "delete_shop_accounts.affected_rows")).isEqualTo(1);
        assertThat(accounts()).hasSize(4).containsEntry(8001, "t1/$where/null/$where").doesNotContainKey(1002);
        Map<String, Object> conflict = GraphqlAssertions.data(open.execute("mutation($v: String!) { insert_shop_accounts_one(object:"
                + " {_id: 8002, tenant_id: \"t1\", name: \"alice\"}, on_conflict: {constraint: accounts_name_key, update_columns:"
                + " [updated_by], where: {name: {_eq: $v}}}) { _id } }", vars));
        assertThat((Object) at(conflict, "insert_shop_accounts_one")).isNull();
        assertThat(account(1001).get("updated_by")).isNull();
        ExecutionResult badId = open.execute("mutation { delete_shop_notes_by_pk(_id: \"{$ne: null}\") { _id } }", Map.of());
        assertThat(codes(badId)).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(shop.getCollection("notes").countDocuments()).isEqualTo(2);
    }

    /**
     * Randomized, as for SQL: two tenants take turns sending generated mutations; after each one the other
     * tenant's documents are exactly as before. The seed is fixed; the failing mutation is in the message.
     */
    @Test
    void randomWritesOfOneTenantNeverTouchAnother() {
        java.util.Random random = new java.util.Random(20261206);
        List<String> names = List.of("alice", "bob", "carol", "dave", "r1", "r2");
        int changed = 0;
        for (int i = 0; i < 80; i++) {
            String me = i % 2 == 0 ? "t1" : "t2";
            String other = me.equals("t1") ? "t2" : "t1";
            int id = List.of(1001, 1002, 2001, 2002, 1, 2).get(random.nextInt(6));
            String name = names.get(random.nextInt(names.size()));
            String where = switch (random.nextInt(4)) {
                case 0 -> "{_id: {_eq: " + id + "}}";
                case 1 -> "{_or: [{_id: {_in: [1001, 2001, " + id + "]}}, {balance: {_gte: " + random.nextInt(100) + "}}]}";
                case 2 -> "{_not: {name: {_eq: \"" + name + "\"}}}";
                default -> "{}";
            };
            String mutation = switch (random.nextInt(6)) {
                case 0 -> "mutation { update_shop_accounts(where: " + where + ", _inc: {balance: " + random.nextInt(5) + "}) { affected_rows } }";
                case 1 -> "mutation { update_shop_accounts_by_pk(pk_columns: {_id: " + id + "}, _set: {name: \"" + name + i + "\"}) { _id } }";
                case 2 -> "mutation { delete_shop_accounts(where: " + where + ") { affected_rows } }";
                case 3 -> "mutation { delete_shop_accounts_by_pk(_id: " + id + ") { _id } }";
                case 4 -> "mutation { insert_shop_accounts_one(object: {_id: " + (100 + i) + ", name: \"" + name + "\", balance: 1},"
                        + " on_conflict: {constraint: accounts_name_key, update_columns: [balance]}) { _id } }";
                default -> "mutation { update_shop_accounts_many(updates: [{where: " + where + ", _set: {balance: 3}}]) { affected_rows } }";
            };
            Map<Object, String> before = ofTenant(other);
            Map<Object, String> mine = ofTenant(me);
            ExecutionResult result = asTenant(me, mutation);
            assertThat(codes(result)).as(mutation).allMatch(c -> c.equals("BAD_USER_INPUT"));
            assertThat(ofTenant(other)).as(me + " sent " + mutation).isEqualTo(before);
            changed += ofTenant(me).equals(mine) ? 0 : 1;
        }
        assertThat(changed).as("mutations that changed their own tenant's documents").isGreaterThan(15);
    }

    private Map<Object, String> ofTenant(String tenant) {
        Map<Object, String> rows = new TreeMap<>();
        accounts().forEach((id, row) -> {
            if (row.startsWith(tenant + "/")) {
                rows.put(id, row);
            }
        });
        return rows;
    }
}
