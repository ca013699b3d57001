package dev.weft.web;

import com.mongodb.client.MongoClient;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Source;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.config.ServiceSettings;
import dev.weft.execute.MongoConnections;
import dev.weft.execute.MongoSourceExecutor;
import dev.weft.execute.SourceExecutor;
import dev.weft.introspect.MongoIntrospector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The MongoDB clients of the {@code kind: mongodb} services of one start-up ({@link SourceFactory#isMongo}),
 * what JDBC pools are to SQL services: one client per service, its introspection and its executor, which
 * owns the client from then on. {@link #close()} closes them all (closing twice is harmless).
 */
final class MongoSources implements AutoCloseable {
    private final Map<ServiceName, MongoClient> clients = new LinkedHashMap<>();
    /** Services whose client could not even be created (a URL the driver rejects): reported when introspected. */
    private final Map<ServiceName, RuntimeException> failures = new LinkedHashMap<>();

    MongoSources(List<ServiceSettings> services) {
        for (ServiceSettings s : services) {
            if (SourceFactory.isMongo(s)) {
                try {
                    clients.put(new ServiceName(s.name()), MongoConnections.create(s));
                } catch (RuntimeException e) {
                    failures.put(new ServiceName(s.name()), e);
                }
            }
        }
    }

    boolean serves(ServiceSettings settings) {
        ServiceName name = new ServiceName(settings.name());
        return clients.containsKey(name) || failures.containsKey(name);
    }

    Source introspect(ServiceSettings settings) {
        RuntimeException failure = failures.get(new ServiceName(settings.name()));
        if (failure != null) {
            throw failure;
        }
        return new MongoIntrospector(settings).read(MongoConnections.database(client(settings), settings));
    }

    SourceExecutor executor(ServiceSettings settings, Function<TableRef, Table> tables) {
        return new MongoSourceExecutor(settings, client(settings), tables);
    }

    /** The clients by service (shared with the executors, which own them). */
    Map<ServiceName, MongoClient> clients() {
        return Map.copyOf(clients);
    }

    private MongoClient client(ServiceSettings settings) {
        return clients.get(new ServiceName(settings.name()));
    }

    @Override
    public void close() {
        clients.values().forEach(MongoClient::close);
    }
}
