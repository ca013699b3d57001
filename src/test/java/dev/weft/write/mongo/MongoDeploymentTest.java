package dev.weft.write.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The choice between a transaction per mutation field and none, from a deployment's {@code hello} answer:
 * the answers of a replica set member, a mongos and a standalone server as MongoDB documents them, and the
 * real answer of the in-memory server the tests use (which knows only {@code isMaster}, and has no transactions).
 */
class MongoDeploymentTest {

    private static Document hello(String json) {
        return Document.parse(json);
    }

    @Test
    void aReplicaSetMemberWithSessionsRunsTransactions() {
        MongoDeployment rs = MongoDeployment.of(hello("{isWritablePrimary: true, setName: 'rs0', maxWireVersion: 21,"
                + " logicalSessionTimeoutMinutes: 30, ok: 1}"));
        assertThat(rs.transactions()).isTrue();
        assertThat(rs.description()).isEqualTo("replica set 'rs0'");
        assertThat(MongoDeployment.of(hello("{setName: 'rs0', maxWireVersion: 6, logicalSessionTimeoutMinutes: 30}")).transactions())
                .as("MongoDB 3.6 has no multi-document transactions").isFalse();
        assertThat(MongoDeployment.of(hello("{setName: 'rs0', maxWireVersion: 21}")).transactions())
                .as("no sessions, no transactions").isFalse();
    }

    @Test
    void aRouterOfAShardedClusterRunsTransactionsFromMongoDb42() {
        MongoDeployment mongos = MongoDeployment.of(hello("{isWritablePrimary: true, msg: 'isdbgrid', maxWireVersion: 17,"
                + " logicalSessionTimeoutMinutes: 30, ok: 1}"));
        assertThat(mongos.transactions()).isTrue();
        assertThat(mongos.description()).contains("sharded");
        assertThat(MongoDeployment.of(hello("{msg: 'isdbgrid', maxWireVersion: 7, logicalSessionTimeoutMinutes: 30}")).transactions())
                .as("MongoDB 4.0 has transactions on replica sets only").isFalse();
    }

    @Test
    void aStandaloneServerRunsNone() {
        MongoDeployment standalone = MongoDeployment.of(hello("{isWritablePrimary: true, maxWireVersion: 21,"
                + " logicalSessionTimeoutMinutes: 30, ok: 1}"));
        assertThat(standalone.transactions()).isFalse();
        assertThat(standalone.description()).isEqualTo("standalone server");
    }

    @Test
    void theTestServerIsProbedOverTheWireAndHasNoTransactions() {
        try (MongoTestServer mongo = MongoTestServer.start()) {
            mongo.resetCounts();
            MongoDeployment deployment = MongoDeployment.probe(mongo.database(MongoTestServer.uniqueName()));
            assertThat(deployment.transactions()).isFalse();
            assertThat(deployment.description()).isEqualTo("standalone server");
            assertThat(mongo.commands()).as("hello is unknown there: the probe falls back to isMaster")
                    .containsKeys("hello", "isMaster");
        }
    }
}
