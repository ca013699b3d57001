package dev.weft.write.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * What a MongoDB deployment offers mutations, read once per source at start-up from its {@code hello}
 * answer ({@code isMaster} on servers that predate {@code hello}): multi-document transactions need a
 * replica set member ({@code setName}, wire version 7, MongoDB 4.0, or later) or a mongos router
 * ({@code msg: "isdbgrid"}, wire version 8, MongoDB 4.2, or later), with sessions
 * ({@code logicalSessionTimeoutMinutes}). A standalone server has none of these.
 *
 * <pre>{@code
 * MongoDeployment.of(new Document("setName", "rs0").append("maxWireVersion", 17).append("logicalSessionTimeoutMinutes", 30))
 *     .transactions()   // true
 * }</pre>
 */
record MongoDeployment(boolean transactions, String description) {
    private static final int COMMAND_NOT_FOUND = 59;

    /** Asks the server ({@code hello}, else {@code isMaster}). */
    static MongoDeployment probe(MongoDatabase database) {
        Document hello;
        try {
            hello = database.runCommand(new Document("hello", 1));
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != COMMAND_NOT_FOUND) {
                throw e;
            }
            hello = database.runCommand(new Document("isMaster", 1));
        }
        return of(hello);
    }

    /** The decision for one {@code hello}/{@code isMaster} answer. */
    static MongoDeployment of(Document hello) {
        int wire = hello.get("maxWireVersion") instanceof Number n ? n.intValue() : 0;
        boolean sessions = hello.get("logicalSessionTimeoutMinutes") != null;
        String setName = hello.get("setName") instanceof String s ? s : null;
        boolean router = "isdbgrid".equals(hello.get("msg"));
        if (setName != null) {
            return new MongoDeployment(sessions && wire >= 7, "replica set '" + setName + "'");
        }
        if (router) {
            return new MongoDeployment(sessions && wire >= 8, "sharded cluster (mongos)");
        }
        return new MongoDeployment(false, "standalone server");
    }
}
