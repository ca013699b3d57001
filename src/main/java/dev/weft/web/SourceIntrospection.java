package dev.weft.web;

import dev.weft.catalog.Catalog;
import dev.weft.catalog.CatalogResolver;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Source;
import dev.weft.config.ConfigProblem;
import dev.weft.config.Redaction;
import dev.weft.config.RelationshipSpec;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftConfigException;
import dev.weft.execute.JdbcPools;
import dev.weft.introspect.ConnectFailure;
import dev.weft.introspect.JdbcIntrospector;
import dev.weft.reload.SourceSupply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * The start-up stages of {@link WeftRuntime} that read the sources: every source introspected in parallel, each one
 * that cannot be read reported with its reason, and the catalog resolved with the relationships.
 */
final class SourceIntrospection {
    private SourceIntrospection() {
    }

    /** The catalog, or every problem: include globs that select nothing first, then those of the relationships. */
    static Catalog resolve(List<Source> sources, List<RelationshipSpec> relationships) {
        List<ConfigProblem> problems = new ArrayList<>(IncludeGlobs.unmatched(sources));
        try {
            Catalog catalog = new CatalogResolver().resolve(sources, relationships);
            if (problems.isEmpty()) {
                return catalog;
            }
        } catch (WeftConfigException e) {
            problems.addAll(e.problems());
        }
        throw new WeftConfigException(problems);
    }

    /** The services that cannot be read now, each with the reason; used to report them with other problems. */
    static List<ConfigProblem> unreachable(List<ServiceSettings> services) {
        Map<ServiceName, DataSource> pools = new LinkedHashMap<>();
        MongoSources mongo = new MongoSources(services);
        services.stream().filter(s -> !mongo.serves(s)).forEach(s -> pools.put(new ServiceName(s.name()), SourceFactory.pool(s)));
        try {
            introspectAll(services, pools, mongo, SourceSupply.fresh());
            return List.of();
        } catch (WeftConfigException e) {
            return e.problems();
        } finally {
            pools.values().forEach(JdbcPools::close);
            mongo.close();
        }
    }

    static List<Source> introspectAll(List<ServiceSettings> services, Map<ServiceName, DataSource> pools,
                                              MongoSources mongo, SourceSupply supply) {
        List<Source> sources = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Source>> futures = services.stream()
                    .map(s -> parallel.submit(() -> supply.source(s, () -> mongo.serves(s) ? mongo.introspect(s)
                            : introspect(s, pools.get(new ServiceName(s.name()))))))
                    .toList();
            for (int i = 0; i < services.size(); i++) {
                try {
                    sources.add(futures.get(i).get());
                } catch (Exception e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    if (cause instanceof OutOfMemoryError outOfMemory) {
                        throw outOfMemory; // not the source's fault: reported with the heap to try
                    }
                    ServiceSettings s = services.get(i);
                    problems.add(new ConfigProblem(null, "weft.services." + s.name(),
                            "cannot read source '" + s.name() + "' at " + Redaction.redact(s.url()) + ": "
                                    + Redaction.redact(ConnectFailure.describe(cause))));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new WeftConfigException(problems);
        }
        return sources;
    }

    private static Source introspect(ServiceSettings settings, DataSource pool) throws Exception {
        return new JdbcIntrospector(settings, SourceFactory.dialect(settings)).read(pool);
    }
}
