package dev.weft.xa;

import dev.weft.catalog.Catalog;
import dev.weft.catalog.Relationship;
import dev.weft.catalog.ServiceName;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftConfigException;
import dev.weft.config.SourceKind;
import dev.weft.write.JdbcSourceWriter;
import dev.weft.write.SourceWriter;
import dev.weft.write.WriteStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Nested inserts through a relationship between two sources (declared in relationships.yml): which
 * relationships take them, and the writers that run them. A relationship is offered when both sources
 * are of a kind that takes part in a two-phase commit (PostgreSQL, MariaDB, MySQL); whether a server
 * can right now (PostgreSQL's {@code max_prepared_transactions}) is checked when a mutation needs it,
 * and the field is refused with the reason when it cannot. Offering any starts the {@link XaCoordinator};
 * the sources that can take part are registered with its recovery (at start, or when they first can),
 * which runs once at start (a crash of the previous process may have left prepared branches).
 *
 * <pre>{@code
 * CrossSourceWrites xa = CrossSourceWrites.of(services, pools, Writers.of(services, pools, dialects), catalog);
 * new MutationFetchers(planner, xa.writers(), ...);   // a field reaching two sources runs as one XA transaction
 * new MutationOptions(writable, uniqueKeys, fetchers, atomic, xa::offers);
 * }</pre>
 */
public final class CrossSourceWrites {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CrossSourceWrites.class);
    private static final Set<SourceKind> XA_KINDS = Set.of(SourceKind.POSTGRES, SourceKind.MARIADB, SourceKind.MYSQL);

    private final Map<ServiceName, SourceWriter> writers;
    private final Set<ServiceName> capable;

    private CrossSourceWrites(Map<ServiceName, SourceWriter> writers, Set<ServiceName> capable) {
        this.writers = writers;
        this.capable = capable;
    }

    public static CrossSourceWrites of(List<ServiceSettings> services, Map<ServiceName, DataSource> pools,
                                       Map<ServiceName, SourceWriter> writers, Catalog catalog) {
        Map<ServiceName, JdbcSourceWriter> jdbc = new LinkedHashMap<>();
        Map<ServiceName, XaSource> sources = new LinkedHashMap<>();
        for (ServiceSettings s : services) {
            ServiceName name = new ServiceName(s.name());
            if (XA_KINDS.contains(s.kind()) && writers.get(name) instanceof JdbcSourceWriter writer) {
                jdbc.put(name, writer);
                sources.put(name, XaSource.of(s, pools.get(name)));
            }
        }
        Set<ServiceName> involved = new java.util.LinkedHashSet<>();
        for (Relationship r : catalog.relationships()) {
            if (offered(r, sources.keySet())) {
                involved.add(r.from().service());
                involved.add(r.to().service());
            }
        }
        if (involved.isEmpty()) {
            return new CrossSourceWrites(writers, Set.of());
        }
        XaCoordinator coordinator;
        try {
            coordinator = XaCoordinator.started();
        } catch (WeftConfigException e) {
            if (!XaCoordinator.configured().logDir().equals(XaSettings.defaultLogDir())) {
                throw e; // the configured directory is wrong: say so at start
            }
            // nobody asked for cross-source inserts: Weft serves everything else, without them
            log.warn("No nested insert into another source is offered: {} Set weft.transactions.log-dir to a writable directory"
                    + " to offer them.", e.getMessage());
            return new CrossSourceWrites(writers, Set.of());
        }
        List<XaSource> capableNow = involved.stream().map(sources::get).filter(s -> s.refusal().isEmpty()).toList();
        capableNow.forEach(s -> s.joinRecovery(coordinator));
        if (!capableNow.isEmpty()) { // the previous process may have left prepared branches
            Thread.ofVirtual().name("weft-xa-recovery-at-start").start(coordinator::recover);
        }
        CrossSourceInsert insert = new CrossSourceInsert(jdbc, sources);
        Map<ServiceName, SourceWriter> wrapped = new LinkedHashMap<>();
        writers.forEach((name, writer) -> wrapped.put(name, !involved.contains(name) ? writer : steps ->
                steps.size() == 1 && steps.get(0) instanceof WriteStep.Insert i && CrossSourceInsert.reachesOtherSource(i)
                        ? List.of(insert.run(i)) : writer.write(steps)));
        return new CrossSourceWrites(Map.copyOf(wrapped), Set.copyOf(involved));
    }

    /** The writers: a field whose nested inserts reach another source runs as one XA transaction, any other as before. */
    public Map<ServiceName, SourceWriter> writers() {
        return writers;
    }

    /** Whether the mutation schema offers nested inserts through {@code r} (to another source, by two-phase commit). */
    public boolean offers(Relationship r) {
        return offered(r, capable);
    }

    private static boolean offered(Relationship r, Set<ServiceName> capable) {
        return !r.sameSource() && r.junction().isEmpty() && capable.contains(r.from().service())
                && capable.contains(r.to().service());
    }
}
