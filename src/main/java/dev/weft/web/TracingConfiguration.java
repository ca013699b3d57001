package dev.weft.web;

import dev.weft.ops.RequestTracing;
import graphql.ExecutionInput;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.graphql.observation.GraphQlObservationInstrumentation;

/**
 * Traces (README, "Traces"): Spring Boot's Micrometer Tracing over OpenTelemetry, off until the operator configures
 * it. Tracing is on when {@code management.opentelemetry.tracing.export.otlp.endpoint} or
 * {@code management.tracing.sampling.probability} is set; until then no span is made or sampled (not even for a
 * caller whose {@code traceparent} asks for it), nothing is exported, and no statement is traced.
 *
 * <pre>{@code
 * management:
 *   opentelemetry.tracing.export.otlp.endpoint: http://collector:4318/v1/traces
 *   tracing.sampling.probability: 1.0
 * }</pre>
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {
    static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String PROBABILITY = "management.tracing.sampling.probability";

    /**
     * The request observation (the {@code graphql.request} timer, and span when tracing) and the statements' spans.
     * While tracing is off the timer is recorded without an observation ({@link RequestTimer}), unless the observation
     * is switched off ({@code management.observations.enable.graphql: false}) or given key values of its own
     * ({@code management.observations.key-values.*}), which only an observation carries.
     */
    @Bean
    RequestTracing requestTracing(Environment environment, ObjectProvider<ObservationRegistry> observations,
                                  ObjectProvider<Tracer> tracer, ObjectProvider<MeterRegistry> meters) {
        ObservationRegistry registry = observations.getIfAvailable();
        MeterRegistry meterRegistry = meters.getIfAvailable();
        RequestObservation request = registry == null ? null
                : configured(environment) || meterRegistry == null || !timedWithoutObservation(environment, registry)
                ? new RequestObservation(registry) : new RequestTimer(registry, meterRegistry);
        return new RequestTracing(request, configured(environment) ? tracer.getIfAvailable() : null);
    }

    private static boolean timedWithoutObservation(Environment environment, ObservationRegistry registry) {
        boolean keyValues = !Binder.get(environment).bind("management.observations.key-values",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of()).isEmpty();
        return !keyValues && !Observation.createNotStarted(RequestTimer.NAME, registry).isNoop();
    }

    /**
     * Spring for GraphQL's request and data-fetcher observations, without its DataLoader observation: that one copies
     * every request's DataLoader registry into a new one, for DataLoaders that the direct executor, which runs the
     * queries, does not use; the statements' spans show the batches instead.
     */
    static class RequestObservation extends GraphQlObservationInstrumentation {
        RequestObservation(ObservationRegistry registry) {
            super(registry);
        }

        @Override
        public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
                                                       InstrumentationState state) {
            return input;
        }
    }

    /** Spring Boot samples 10% of requests by default; Weft samples none until tracing is configured. */
    @Bean
    @Conditional(NotConfigured.class)
    Sampler weftTracingOff() {
        return Sampler.alwaysOff();
    }

    /**
     * Until tracing is configured, the observations of every request (HTTP, Spring Security, GraphQL) get Micrometer's
     * no-op tracer instead of OpenTelemetry's, and no {@code traceparent} is read: no span object at all.
     */
    @Bean
    @Conditional(NotConfigured.class)
    Tracer weftNoTracer() {
        return Tracer.NOOP;
    }

    @Bean
    @Conditional(NotConfigured.class)
    Propagator weftNoPropagation() {
        return Propagator.NOOP;
    }

    /**
     * Until tracing is configured, Spring Security does not observe its filter chain: that observation wraps each of
     * its filters in an observation with events (a meter lookup per filter and request) and gives nothing but spans
     * and a per-filter timer. Its authentication and authorization observations (their meters) stay; once tracing is
     * configured, the filter chain's spans are there again (README, "Tracing").
     */
    @Bean
    @Conditional(NotConfigured.class)
    SecurityObservationSettings weftNoFilterChainObservations() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
    }

    static boolean configured(Environment environment) {
        return environment.containsProperty(ENDPOINT) || environment.containsProperty(PROBABILITY);
    }

    static final class NotConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !configured(context.getEnvironment());
        }
    }
}
