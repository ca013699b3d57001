package dev.weft.web;

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
import dev.weft.write.Writers;
import dev.weft.xa.CrossSourceWrites;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Start-up of mutations: a writer per writable source, the unique constraints of their tables, and the
 * options the schema generator needs (access.yml's write permissions are checked by {@link AccessPolicyChecks}).
 */
final class MutationSetup {
    private MutationSetup() {
    }

    static MutationOptions options(List<ServiceSettings> services, Map<ServiceName, DataSource> pools, Catalog catalog,
                                   SchemaBindings bindings, Fetchers fetchers, SecurityModel security) {
        Map<TableRef, List<UniqueKey>> uniqueKeys = Writers.uniqueKeys(catalog, pools);
        CrossSourceWrites writers = CrossSourceWrites.of(services, pools, Writers.of(services, pools, SourceFactory::dialect), catalog);
        MutationFetchers mutations = new MutationFetchers(new QueryPlanner(bindings), writers.writers(), fetchers::resolve,
                ref -> uniqueKeys.getOrDefault(ref, List.of()), security != null);
        return new MutationOptions(Writers::writable, ref -> uniqueKeys.getOrDefault(ref, List.of()), mutations, writers::offers);
    }
}
