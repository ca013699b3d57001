package dev.weft.web;

import dev.weft.config.BreakerProperties;
import dev.weft.config.BreakerSettings;
import dev.weft.config.ConfigProblem;
import dev.weft.config.ConfigValidator;
import dev.weft.config.FederationSettings;
import dev.weft.config.FederationSpec;
import dev.weft.config.LimitSettings;
import dev.weft.config.RelationshipSpec;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.SecuritySettings;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftConfigException;
import dev.weft.config.WeftProperties;
import dev.weft.ops.SourceBreakers;
import dev.weft.ops.AuditLog;
import dev.weft.ops.RequestMeters;
import dev.weft.ops.SourceOperations;
import io.micrometer.core.instrument.MeterRegistry;
import dev.weft.security.Caller;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.dataloader.DataLoaderRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlInterceptor;

/**
 * Spring wiring: binds {@code weft.*} (with the file and line of every key for messages), falls back
 * to the embedded demo when no service is configured, starts the {@link WeftRuntime} and hands its
 * schema to Spring for GraphQL.
 */
@Configuration(proxyBeanMethods = false)
public class WeftConfiguration {
    private static final Logger log = LoggerFactory.getLogger(WeftConfiguration.class);

    @Bean(destroyMethod = "close")
    WeftRuntime weftRuntime(ConfigurableEnvironment environment, SecuritySettings.Validation security,
                            SourceBreakers breakers, org.springframework.beans.factory.ObjectProvider<MeterRegistry> meters,
                            dev.weft.reload.SourceSupply supply, dev.weft.ops.RequestTracing tracing) {
        long start = System.nanoTime();
        PropertyOrigins origins = origins(environment);
        ConfigValidator validator = new ConfigValidator(origins);
        List<ConfigProblem> problems = new java.util.ArrayList<>(validator.unknownKeys(weftKeys(environment, false)));
        validator.unknownAmbientKeys(weftKeys(environment, true)).forEach(problem ->
                log.warn("Ignored {} (from {}): {}", problem.key(), problem.location(), problem.message()));
        problems.addAll(security.problems()); // weft.security and access.yml (WeftSecurityConfiguration)
        Binder binder = Binder.get(environment);
        WeftProperties properties = binder.bind("weft", Bindable.of(WeftProperties.class))
                .orElse(WeftProperties.of(null, Map.of()));
        boolean demo = properties.services().isEmpty();
        List<RelationshipSpec> relationships = List.of();
        try {
            relationships = demo && properties.relationships() == null ? DemoDatabases.relationships()
                    : RelationshipsFile.load(properties.relationships());
        } catch (WeftConfigException e) {
            problems.addAll(e.problems());
        }
        if (demo && !problems.isEmpty()) {
            // a typo such as "servics:" leaves no services: report it rather than start the demo
            throw new WeftConfigException(origins.locate(problems));
        }
        if (demo) {
            log.info("No weft.services configured: serving the embedded demo (H2 databases hr, hrstatus and pm; MongoDB events)");
            properties = new WeftProperties(properties.relationships(), DemoDatabases.create(), properties.crossSourceMaxKeys(),
                    properties.crossSourceMaxKeysInMemory(), properties.security(), properties.limits(),
                    properties.naming(), properties.stringifyNumericTypes(), properties.sourceJsonThreshold());
        }
        ConfigValidator.Validation validation = validator.check(properties);
        List<ServiceSettings> services = validation.services();
        problems.addAll(validation.problems());
        LimitSettings limits = properties.limits().resolve(origins, problems);
        FederationSettings federation = binder.bind("weft.federation", Bindable.of(FederationSettings.class))
                .orElse(FederationSettings.DEFAULT);
        FederationSpec federationSpec = FederationSpec.NONE;
        try {
            federationSpec = federation.spec();
        } catch (WeftConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            // still try the valid services, so one message lists every problem, unreachable sources included
            problems.addAll(WeftRuntime.unreachable(services));
            throw new WeftConfigException(origins.locate(problems));
        }
        WeftRuntime runtime;
        try {
            XaConfiguration.configure(binder);
            runtime = WeftRuntime.start(services, relationships, properties.crossSourceMaxKeysInMemoryOrDefault(),
                    security.settings().map(SecuritySettings::access).orElse(null), limits,
                    new SourceOperations(breakers, meters.getIfAvailable(),
                            binder.bind("weft.log.statements", Boolean.class).orElse(false), tracing), federation.on(), federationSpec, supply,
                    properties.stringifyNumericTypesOrDefault(), properties.sourceJsonThresholdOrDefault());
        } catch (StartupMemory.Exhausted e) {
            throw e; // its own advice: a larger heap, not a configuration fix
        } catch (WeftConfigException e) {
            throw new WeftConfigException(origins.locate(e.problems()));
        }
        if (properties.crossSourceMaxKeys() != null) {
            log.warn("weft.cross-source-max-keys ({}) is read as weft.cross-source-max-keys-in-memory, the memory budget of"
                    + " cross-source plans (a where through another source no longer stops at it); rename the key{}",
                    properties.crossSourceMaxKeys(), properties.crossSourceMaxKeysInMemory() == null ? ""
                            : ": weft.cross-source-max-keys-in-memory is also set and wins");
        }
        log.info("Weft serves {} services, {} tables, {} relationships (start-up took {} ms)", services.size(),
                runtime.catalog().tables().size(), runtime.catalog().relationships().size(),
                (System.nanoTime() - start) / 1_000_000);
        return runtime;
    }

    /**
     * Spring's view of the schema. Requests run through {@link WeftExecutionService}, never through this
     * source's GraphQL; Spring's own builder would copy and re-traverse the whole schema (seconds and a
     * second schema in memory on a thousand tables), so the runtime's schema is handed over as it is.
     */
    @Bean
    GraphQlSource graphQlSource(dev.weft.reload.Snapshots<Served> snapshots) {
        Map<WeftRuntime, graphql.GraphQL> built = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
        return new GraphQlSource() {
            @Override
            public graphql.GraphQL graphQl() {
                return built.computeIfAbsent(snapshots.current().runtime(),
                        runtime -> runtime.configure(graphql.GraphQL.newGraphQL(runtime.schema().schema())).build());
            }

            @Override
            public graphql.schema.GraphQLSchema schema() {
                return snapshots.current().runtime().schema().schema();
            }
        };
    }

    /** Gives every request its own DataLoader registry: loaders are created lazily per relationship field. */
    @Bean
    WebGraphQlInterceptor weftRequestInterceptor() {
        return (request, chain) -> {
            request.configureExecutionInput((input, builder) -> builder.dataLoaderRegistry(new DataLoaderRegistry()).build());
            return chain.next(request);
        };
    }

    /** Apollo's federated traces for a request that asks for them (a subgraph's, unless federation is off). */
    @Bean
    WebGraphQlInterceptor weftTraceInterceptor(@org.springframework.beans.factory.annotation.Value(
            "${weft.federation.enabled:true}") boolean federation) {
        return dev.weft.web.tracing.FederatedTraces.interceptor(federation);
    }

    /** {@code GET /graphql}: ordered before Spring's route, which answers GET with 405. */
    @Bean
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse> graphqlGetRoute(
            org.springframework.graphql.server.WebGraphQlHandler handler,
            @org.springframework.beans.factory.annotation.Value("${spring.graphql.http.path:/graphql}") String path) {
        GraphqlGetHandler get = new GraphqlGetHandler(handler);
        return org.springframework.web.servlet.function.RouterFunctions.route()
                .GET(path, get::handle).build();
    }

    /** {@code GET /graphql/schema}: the SDL of the caller's own schema (its role's, with access control). */
    @Bean
    org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse> schemaRoute(
            dev.weft.reload.Snapshots<Served> snapshots,
            @org.springframework.beans.factory.annotation.Value("${spring.graphql.http.path:/graphql}") String path) {
        return org.springframework.web.servlet.function.RouterFunctions.route().GET(path + "/schema", request -> {
            Caller caller = (Caller) request.attributes().get(Caller.CONTEXT_KEY);
            String sdl = new graphql.schema.idl.SchemaPrinter().print(snapshots.current().runtime().schemaFor(caller));
            return org.springframework.web.servlet.function.ServerResponse.ok()
                    .contentType(org.springframework.http.MediaType.TEXT_PLAIN).body(sdl);
        }).build();
    }

    /** The audit log: one JSON record per request on the logger weft.audit. */
    @Bean
    AuditLog auditLog() {
        return new AuditLog();
    }

    /** weft.requests and weft.requests.refused, on Actuator's registry when there is one. */
    @Bean
    RequestMeters requestMeters(org.springframework.beans.factory.ObjectProvider<MeterRegistry> meters) {
        return new RequestMeters(meters.getIfAvailable());
    }

    /**
     * A source that does not answer: {@code DEGRADED}, not {@code DOWN}, as only its own fields fail. The
     * instance's status is then {@code DEGRADED} too, still HTTP 200 (application.yml orders the statuses).
     */
    static final org.springframework.boot.health.contributor.Status SOURCE_UNAVAILABLE =
            new org.springframework.boot.health.contributor.Status("DEGRADED", "the source does not answer: its fields fail until it does");

    /** The hits and misses of the validated-document caches ({@code cache.gets{cache="weft.documents",role=...}}). */
    @Bean
    io.micrometer.core.instrument.binder.MeterBinder documentCacheMeters(dev.weft.reload.Snapshots<Served> snapshots) {
        return registry -> {
            java.util.function.Consumer<Served> bind = served -> {
                registry.getMeters().stream().filter(m -> "weft.documents".equals(m.getId().getTag("cache")))
                        .forEach(registry::remove);
                served.runtime().documentCaches().forEach((role, documents) -> io.micrometer.core.instrument.binder.cache
                        .CaffeineCacheMetrics.monitor(registry, documents.cache(), "weft.documents", "role", role));
            };
            bind.accept(snapshots.current());
            snapshots.onSwap(bind); // a reload brings new caches (and perhaps new roles)
        };
    }

    /** Each request runs as its caller: the role's schema, limits, row filters and masks. */
    @Bean
    org.springframework.graphql.ExecutionGraphQlService executionGraphQlService(dev.weft.reload.Snapshots<Served> snapshots,
                                                                                RequestMeters requestMeters, AuditLog audit,
                                                                                dev.weft.cache.ResponseCache cache) {
        return new WeftExecutionService(snapshots, requestMeters, audit, cache);
    }

    /**
     * The circuit breakers of the sources, by {@code weft.breaker.*} and each service's own
     * {@code weft.services.<name>.breaker.*}; a mistake there fails start-up with file and line.
     */
    @Bean
    SourceBreakers sourceBreakers(ConfigurableEnvironment environment) {
        List<ConfigProblem> problems = new java.util.ArrayList<>();
        Binder binder = Binder.get(environment);
        BreakerProperties properties = binder.bind("weft.breaker", Bindable.of(BreakerProperties.class))
                .orElse(BreakerProperties.NONE);
        PropertyOrigins origins = origins(environment);
        ConfigValidator validator = new ConfigValidator(origins);
        BreakerSettings settings = validator.breaker(properties, problems);
        Map<String, BreakerSettings> services = new java.util.LinkedHashMap<>();
        binder.bind("weft.services", Bindable.mapOf(String.class, BreakerProperties.OfService.class)).orElse(Map.of())
                .forEach((name, service) -> {
                    if (service != null && service.breaker() != null) {
                        services.put(name, validator.breaker("weft.services." + name + ".breaker", service.breaker(), settings, problems));
                    }
                });
        if (!problems.isEmpty()) {
            throw new WeftConfigException(origins.locate(problems));
        }
        return new SourceBreakers(settings, services);
    }

    /**
     * {@code /actuator/health} gets a component per source: {@code sources.hr}, {@code sources.hrstatus}, each
     * with its circuit breaker's state ({@code breaker}: CLOSED, OPEN or HALF_OPEN; DISABLED when its breaker is off) in its details.
     */
    @Bean
    CompositeHealthContributor sourcesHealthContributor(dev.weft.reload.Snapshots<Served> snapshots, SourceBreakers breakers) {
        java.util.function.Supplier<CompositeHealthContributor> serving = () -> {
            Map<String, HealthIndicator> indicators = new java.util.LinkedHashMap<>();
            snapshots.current().runtime().executors().forEach((name, executor) -> indicators.put(name.value(), () -> {
                Health.Builder health = executor.isHealthy() ? Health.up() : Health.status(SOURCE_UNAVAILABLE);
                health.withDetail("breaker", breakers.state(name.value()).orElse("DISABLED"));
                return health.build();
            }));
            return CompositeHealthContributor.fromMap(indicators);
        };
        return new CompositeHealthContributor() { // the sources of the serving version: a reload may add or remove some
            @Override
            public org.springframework.boot.health.contributor.HealthContributor getContributor(String name) {
                return serving.get().getContributor(name);
            }

            @Override
            public java.util.stream.Stream<Entry> stream() {
                return serving.get().stream();
            }
        };
    }

    /**
     * The keys under {@code weft.} of the configuration files, command line, system properties and
     * {@code SPRING_APPLICATION_JSON} ({@code ambient} false), or of the environment variables ({@code ambient}
     * true), whose unknown keys are only warned about: a pod's environment holds variables Weft never asked for.
     */
    private static List<String> weftKeys(ConfigurableEnvironment environment, boolean ambient) {
        TreeSet<String> keys = new TreeSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable
                    && (source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource) == ambient) {
                iterable.stream().map(ConfigurationPropertyName::toString).filter(k -> k.startsWith("weft."))
                        .forEach(keys::add);
            }
        }
        return List.copyOf(keys);
    }

    /** Where each key was set, with {@link PropertyOrigins}' fallback to its section for keys that are not. */
    static PropertyOrigins origins(ConfigurableEnvironment environment) {
        return PropertyOrigins.of(ConfigurationPropertySources.get(environment));
    }
}
