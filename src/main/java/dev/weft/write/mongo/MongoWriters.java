package dev.weft.write.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.weft.catalog.Catalog;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Source;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.catalog.UniqueKey;
import dev.weft.config.ConfigProblem;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftConfigException;
import dev.weft.execute.MongoConnections;
import dev.weft.write.SourceWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up of the MongoDB writers: one {@link MongoSourceWriter} per {@code kind: mongodb} service, on the
 * service's client, transactional or not as its deployment allows ({@link MongoDeployment}, decided here, once,
 * and logged), and the unique indexes of its collections for {@code on_conflict}.
 *
 * <pre>{@code
 * Map<ServiceName, SourceWriter> writers = MongoWriters.of(services, clients);
 * Map<TableRef, List<UniqueKey>> keys = MongoWriters.uniqueKeys(catalog, clients);   // _id_, accounts_name_key, ...
 * }</pre>
 */
public final class MongoWriters {
    private static final Logger log = LoggerFactory.getLogger(MongoWriters.class);

    private MongoWriters() {
    }

    /** A writer per service that has a client; a server that cannot be asked what it is fails the start. */
    public static Map<ServiceName, SourceWriter> of(List<ServiceSettings> services, Map<ServiceName, MongoClient> clients) {
        Map<ServiceName, SourceWriter> writers = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (ServiceSettings s : services) {
            ServiceName name = new ServiceName(s.name());
            MongoClient client = clients.get(name);
            if (client == null) {
                continue;
            }
            try {
                MongoDeployment deployment = MongoDeployment.probe(MongoConnections.database(client, s));
                log.info("MongoDB source '{}' is a {}: its mutations run {}", s.name(), deployment.description(),
                        deployment.transactions() ? "in a transaction per field"
                                : "without transactions (a failing field may leave its updates and deletes)");
                writers.put(name, new MongoSourceWriter(s, client, deployment.transactions()));
            } catch (MongoException e) {
                problems.add(new ConfigProblem(null, "weft.services." + s.name(),
                        "cannot ask MongoDB source '" + s.name() + "' whether it supports transactions: " + e.getClass().getSimpleName()));
            }
        }
        if (!problems.isEmpty()) {
            throw new WeftConfigException(problems);
        }
        return writers;
    }

    /**
     * The unique indexes of every keyed collection of the MongoDB sources ({@code _id_} included), by index name,
     * that name top-level fields only and have no partial filter (only such an index is matched by an inserted
     * document's values alone).
     */
    public static Map<TableRef, List<UniqueKey>> uniqueKeys(Catalog catalog, Map<ServiceName, MongoClient> clients) {
        Map<TableRef, List<UniqueKey>> keys = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (Source source : catalog.sources()) {
            MongoClient client = clients.get(source.name());
            if (client == null) {
                continue;
            }
            try {
                MongoDatabase database = MongoConnections.database(client, source.settings());
                for (Table table : source.tables()) {
                    if (!table.view() && !table.primaryKey().isEmpty()) {
                        keys.put(table.ref(), read(database, table));
                    }
                }
            } catch (MongoException e) {
                problems.add(new ConfigProblem(null, "weft.services." + source.name(),
                        "cannot read the unique indexes of source '" + source.name() + "': " + e.getClass().getSimpleName()));
            }
        }
        if (!problems.isEmpty()) {
            throw new WeftConfigException(problems);
        }
        return keys;
    }

    private static List<UniqueKey> read(MongoDatabase database, Table table) {
        List<UniqueKey> keys = new ArrayList<>();
        for (Document index : database.getCollection(table.ref().name()).listIndexes()) {
            String name = index.getString("name");
            boolean unique = Boolean.TRUE.equals(index.get("unique")) || "_id_".equals(name);
            Document key = index.get("key") instanceof Document k ? k : new Document();
            if (!unique || name == null || index.containsKey("partialFilterExpression") || key.isEmpty()) {
                continue;
            }
            List<String> columns = new ArrayList<>();
            for (var entry : key.entrySet()) {
                boolean plain = entry.getValue() instanceof Number n && Math.abs(n.doubleValue()) == 1;
                if (!plain || table.column(entry.getKey()).filter(c -> c.isScalar()).isEmpty()) {
                    columns = null;
                    break;
                }
                columns.add(entry.getKey());
            }
            if (columns != null) {
                keys.add(new UniqueKey(name, columns));
            }
        }
        keys.sort(java.util.Comparator.comparing(UniqueKey::name));
        return keys;
    }
}
