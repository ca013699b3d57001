package dev.weft.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.ValidationOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * A MongoDB server for a test: mongo-java-server (in memory) on 127.0.0.1 and a free port, reached
 * through the real driver over TCP like any MongoDB. It counts the commands it runs per command and
 * collection ({@code find:clicks}, {@code aggregate:clicks}): N+1 checks count at the server.
 *
 * <p>mongo-java-server accepts a {@code validator} when a collection is created but does not keep it;
 * this server keeps it and reports it in {@code listCollections} ({@code options.validator}) as MongoDB
 * does, so schema inference from {@code $jsonSchema} runs against the wire protocol too.
 *
 * <pre>{@code
 * try (MongoTestServer mongo = MongoTestServer.start()) {
 *     mongo.database("shop").getCollection("clicks").insertOne(new Document("n", 1));
 *     String url = mongo.url("shop"); // mongodb://127.0.0.1:PORT/shop
 * }
 * }</pre>
 */
public final class MongoTestServer implements AutoCloseable {
    private final MongoServer server;
    private final CountingBackend backend;
    private final MongoClient client;

    private MongoTestServer(MongoServer server, CountingBackend backend) {
        this.server = server;
        this.backend = backend;
        this.client = MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString("mongodb://127.0.0.1:" + port()))
                .uuidRepresentation(org.bson.UuidRepresentation.STANDARD).build());
    }

    /** Starts a server; its threads are daemons (started from a daemon thread), so a failing test never hangs the JVM. */
    public static MongoTestServer start() {
        return start(false);
    }

    /**
     * Starts a server that presents itself as a member of replica set {@code rs-test} with sessions ({@code setName},
     * {@code logicalSessionTimeoutMinutes} in its {@code isMaster} answer) and acknowledges {@code commitTransaction}
     * and {@code abortTransaction} without doing anything: the driver then sends a transaction's commands, and a test
     * sees them at the server ({@link #sessionCommands()}). It keeps every write at once and rolls nothing back, so it
     * shows how a transaction is driven, not that it is atomic.
     */
    public static MongoTestServer startAsReplicaSetMember() {
        return start(true);
    }

    private static MongoTestServer start(boolean replicaSet) {
        CountingBackend backend = new CountingBackend(replicaSet);
        MongoServer server = new MongoServer(backend);
        Thread starter = Thread.ofPlatform().daemon().start(() -> server.bind("127.0.0.1", 0));
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return new MongoTestServer(server, backend);
    }

    public int port() {
        return server.getLocalAddress().getPort();
    }

    /** {@code mongodb://127.0.0.1:PORT/<database>}. */
    public String url(String database) {
        return "mongodb://127.0.0.1:" + port() + "/" + database;
    }

    /** A database name no other test uses. */
    public static String uniqueName() {
        return "weft_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** The database {@code name}, through a plain driver client of the test (for seeding and checks). */
    public MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    /** Creates a collection with a {@code $jsonSchema} validator, with the driver's {@code create} command. */
    public void createWithValidator(String database, String collection, Document jsonSchema) {
        database(database).createCollection(collection, new CreateCollectionOptions()
                .validationOptions(new ValidationOptions().validator(new Document("$jsonSchema", jsonSchema))));
    }

    /** Commands run since the last {@link #resetCounts()}, as {@code command:collection} to count, sorted. */
    public Map<String, Integer> commands() {
        return new TreeMap<>(backend.counts);
    }

    /** The reads ({@code find}, {@code aggregate}, {@code count}, {@code distinct}) among {@link #commands()}. */
    public Map<String, Integer> reads() {
        Map<String, Integer> reads = new TreeMap<>();
        backend.counts.forEach((k, v) -> {
            if (k.startsWith("find:") || k.startsWith("aggregate:") || k.startsWith("count:") || k.startsWith("distinct:")) {
                reads.put(k, v);
            }
        });
        return reads;
    }

    public void resetCounts() {
        backend.counts.clear();
        backend.sessionCommands.clear();
    }

    /**
     * The commands sent in a session since the last {@link #resetCounts()}, in order, each as
     * {@code command:collection txn=<txnNumber> [start]} ({@code start}: the command that starts the transaction).
     */
    public List<String> sessionCommands() {
        return List.copyOf(backend.sessionCommands);
    }

    /**
     * From now on, every {@code find} on {@code collection} holds the server's thread for {@code stall} before it
     * answers, whatever {@code maxTimeMS} says: a server too slow for the query timeout that ignores it (as
     * mongo-java-server does), without tying the test to how slow a given query is on a given machine.
     */
    public void stallFinds(String collection, java.time.Duration stall) {
        backend.stalls.put("find:" + collection, stall);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }

    /** The memory backend, counting commands and keeping validators. */
    private static final class CountingBackend extends MemoryBackend {
        final Map<String, Integer> counts = new ConcurrentHashMap<>();
        final Map<String, Object> validators = new ConcurrentHashMap<>();
        final Map<String, java.time.Duration> stalls = new ConcurrentHashMap<>();
        final List<String> sessionCommands = new java.util.concurrent.CopyOnWriteArrayList<>();
        final boolean replicaSet;

        CountingBackend(boolean replicaSet) {
            this.replicaSet = replicaSet;
        }

        @Override
        public de.bwaldvogel.mongo.backend.QueryResult handleQuery(de.bwaldvogel.mongo.wire.message.MongoQuery query) {
            de.bwaldvogel.mongo.backend.QueryResult result = super.handleQuery(query);
            if (!replicaSet || query.getQuery().isEmpty() || !isHello(query.getQuery().keySet().iterator().next())) {
                return result;
            }
            List<de.bwaldvogel.mongo.bson.Document> answers = result.collectDocuments();
            answers.forEach(this::asReplicaSetMember);
            return new de.bwaldvogel.mongo.backend.QueryResult(answers);
        }

        private static boolean isHello(String command) {
            return command.equalsIgnoreCase("isMaster") || command.equalsIgnoreCase("hello");
        }

        private de.bwaldvogel.mongo.bson.Document asReplicaSetMember(de.bwaldvogel.mongo.bson.Document answer) {
            answer.put("setName", "rs-test");
            answer.put("logicalSessionTimeoutMinutes", 30);
            return answer;
        }

        @Override
        public de.bwaldvogel.mongo.bson.Document handleCommand(Channel channel, String databaseName, String command,
                                                               de.bwaldvogel.mongo.bson.Document query) {
            Object target = query.get(command);
            String counted = command + (target instanceof String s ? ":" + s : "");
            counts.merge(counted, 1, Integer::sum);
            if (replicaSet) {
                if (query.get("lsid") != null && !command.equals("endSessions")) {
                    sessionCommands.add(counted + " txn=" + query.get("txnNumber")
                            + (Boolean.TRUE.equals(query.get("startTransaction")) ? " start" : ""));
                }
                if (command.equals("commitTransaction") || command.equals("abortTransaction") || command.equals("endSessions")) {
                    return new de.bwaldvogel.mongo.bson.Document("ok", 1.0);
                }
                if (isHello(command)) {
                    return asReplicaSetMember(super.handleCommand(channel, databaseName, "isMaster", query));
                }
            }
            java.time.Duration stall = stalls.get(counted);
            if (stall != null) {
                try {
                    Thread.sleep(stall);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (command.equals("create") && query.get("validator") != null) {
                validators.put(databaseName + "." + target, query.get("validator"));
            }
            de.bwaldvogel.mongo.bson.Document response = super.handleCommand(channel, databaseName, command, query);
            if (command.equals("listCollections") && response.get("cursor") instanceof de.bwaldvogel.mongo.bson.Document cursor
                    && cursor.get("firstBatch") instanceof List<?> batch) {
                for (Object entry : batch) {
                    if (entry instanceof de.bwaldvogel.mongo.bson.Document info
                            && validators.get(databaseName + "." + info.get("name")) instanceof Object validator) {
                        info.put("options", new de.bwaldvogel.mongo.bson.Document("validator", validator));
                    }
                }
            }
            return response;
        }
    }
}
