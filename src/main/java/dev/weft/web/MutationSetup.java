package dev.weft.web;

import com.mongodb.client.MongoClient;
import dev.weft.catalog.Catalog;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.TableRef;
import dev.weft.catalog.UniqueKey;
import dev.weft.config.ServiceSettings;
import dev.weft.execute.Fetchers;
import dev.weft.query.QueryPlanner;
import dev.weft.schema.MutationOptions;
import dev.weft.schema.SchemaBindings;
import dev.weft.security.SecurityModel;
import dev.weft.write.MutationFetchers;
import dev.weft.write.SourceWriter;
import dev.weft.write.Writers;
import dev.weft.write.mongo.MongoSourceWriter;
import dev.weft.write.mongo.MongoWriters;
import dev.weft.xa.CrossSourceWrites;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Start-up of mutations: a writer per writable source (on its JDBC pool or MongoDB client), the unique
 * constraints of their tables, and the options the schema generator needs (access.yml's write permissions
 * are checked by {@link AccessPolicyChecks}).
 */
final class MutationSetup {
    private MutationSetup() {
    }

    static MutationOptions options(List<ServiceSettings> services, Map<ServiceName, DataSource> pools,
                                   Map<ServiceName, MongoClient> mongo, Catalog catalog,
                                   SchemaBindings bindings, Fetchers fetchers, SecurityModel security) {
        Map<TableRef, List<UniqueKey>> uniqueKeys = new LinkedHashMap<>(Writers.uniqueKeys(catalog, pools));
        uniqueKeys.putAll(MongoWriters.uniqueKeys(catalog, mongo));
        Map<ServiceName, SourceWriter> writers = new LinkedHashMap<>(Writers.of(services, pools, SourceFactory::dialect));
        writers.putAll(MongoWriters.of(services, mongo));
        CrossSourceWrites crossSource = CrossSourceWrites.of(services, pools, writers, catalog);
        MutationFetchers mutations = new MutationFetchers(new QueryPlanner(bindings), crossSource.writers(), fetchers::resolve,
                ref -> uniqueKeys.getOrDefault(ref, List.of()), security != null);
        return new MutationOptions(Writers::writable, ref -> uniqueKeys.getOrDefault(ref, List.of()), mutations,
                source -> !(writers.get(source.name()) instanceof MongoSourceWriter mongoWriter) || mongoWriter.transactional(),
                crossSource::offers);
    }
}
