package dev.weft.it;

import static dev.weft.testing.GraphqlAssertions.at;
import static dev.weft.testing.GraphqlAssertions.codes;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import dev.weft.config.ServiceProperties;
import dev.weft.config.WeftProperties;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.testing.MongoTestServer;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The transactional path of MongoDB mutations, as far as it can run here: no MongoDB server with transactions
 * exists on this machine, so the in-memory server presents itself as a replica set member and acknowledges
 * {@code commitTransaction}/{@code abortTransaction} ({@link MongoTestServer#startAsReplicaSetMember}). The real
 * driver then runs each mutation field in a session with a transaction, and the test checks at the server what
 * the driver sent: every command of a field in one transaction (one {@code txnNumber}, the first one starting
 * it), a commit at the end of a field that succeeded, an abort (and no compensating delete) for one that failed.
 * Atomicity itself is MongoDB's; this server does not roll back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MongoTransactionIT {
    private MongoTestServer mongo;
    private MongoDatabase shop;
    private WeftRuntime weft;

    @BeforeAll
    void start() {
        mongo = MongoTestServer.startAsReplicaSetMember();
        String name = MongoTestServer.uniqueName();
        shop = mongo.database(name);
        mongo.createWithValidator(name, "accounts", Document.parse("""
                {bsonType: "object", required: ["_id", "name"], properties: {
                  _id: {bsonType: "int"}, name: {bsonType: "string"}, balance: {bsonType: ["int", "null"]}}}"""));
        shop.getCollection("accounts").createIndex(new Document("name", 1), new IndexOptions().unique(true).name("accounts_name_key"));
        weft = WeftRuntime.start(TestDatabase.services(Map.of("shop", new ServiceProperties("mongodb", mongo.url(name),
                null, null, null, null, null, null, null, null, null, null, null, null))), List.of(),
                WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS);
    }

    @BeforeEach
    void reset() {
        shop.getCollection("accounts").deleteMany(new Document());
        shop.getCollection("accounts").insertMany(List.of(new Document("_id", 1).append("name", "alice").append("balance", 10),
                new Document("_id", 2).append("name", "bob").append("balance", 20)));
        mongo.resetCounts();
    }

    @AfterAll
    void stop() {
        if (weft != null) {
            weft.close();
        }
        mongo.close();
    }

    @Test
    void theSchemaSaysEachFieldRunsInOneTransaction() {
        Map<String, Object> d = GraphqlAssertions.data(weft.execute("{ __type(name: \"Mutation\") { fields { name description } } }",
                Map.of()));
        List<Map<String, Object>> fields = at(d, "__type.fields");
        assertThat(fields).filteredOn(f -> f.get("name").equals("update_shop_accounts")).extracting(f -> f.get("description"))
                .containsExactly("Updates the rows of shop.accounts that match, in one transaction");
    }

    @Test
    void everyCommandOfAFieldRunsInItsTransactionWhichCommits() {
        Map<String, Object> d = GraphqlAssertions.data(weft.execute("mutation { update_shop_accounts(where: {balance: {_gte: 10}},"
                + " _inc: {balance: 5}) { affected_rows returning { _id balance } } }", Map.of()));
        assertThat((Object) at(d, "update_shop_accounts.affected_rows")).isEqualTo(2);
        List<String> commands = mongo.sessionCommands();
        assertThat(commands).hasSize(4);
        String txn = commands.get(0).split(" ")[1];
        assertThat(commands).containsExactly("find:accounts " + txn + " start", "update:accounts " + txn, "find:accounts " + txn,
                "commitTransaction " + txn);
        assertThat(shop.getCollection("accounts").find(new Document("_id", 1)).first().get("balance")).isEqualTo(15);
    }

    @Test
    void aFailingFieldAbortsItsTransactionAndDeletesNothing() {
        ExecutionResult r = weft.execute("mutation { insert_shop_accounts(objects: [{_id: 3, name: \"carol\"}, {_id: 4, name: \"alice\"}])"
                + " { affected_rows } }", Map.of());
        assertThat(codes(r)).containsExactly("BAD_USER_INPUT");
        assertThat(r.getErrors().get(0).getMessage()).contains("accounts_name_key");
        List<String> commands = mongo.sessionCommands();
        String txn = commands.get(0).split(" ")[1];
        assertThat(commands).containsExactly("insert:accounts " + txn + " start", "abortTransaction " + txn);
        assertThat(mongo.commands()).as("a transaction is aborted, not compensated").doesNotContainKey("delete:accounts");
    }

    @Test
    void twoFieldsAreTwoTransactions() {
        GraphqlAssertions.data(weft.execute("mutation { a: delete_shop_accounts_by_pk(_id: 1) { _id }"
                + " b: insert_shop_accounts_one(object: {_id: 5, name: \"erin\"}) { _id } }", Map.of()));
        List<String> commands = mongo.sessionCommands();
        assertThat(commands).filteredOn(c -> c.endsWith(" start")).hasSize(2);
        assertThat(commands).filteredOn(c -> c.startsWith("commitTransaction")).hasSize(2);
        assertThat(commands.stream().map(c -> c.split(" ")[1]).distinct()).hasSize(2);
    }
}
