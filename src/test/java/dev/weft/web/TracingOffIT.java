package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ops.RequestTracing;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * README, "Traces": with nothing of tracing configured, tracing is off. No span is sampled, not even under a caller's
 * {@code traceparent} that asks for it, no exporter exists, and no statement gets a span.
 */
@SpringBootTest(classes = dev.weft.WeftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TracingOffIT {
    @Autowired
    ApplicationContext context;

    @Test
    void nothingIsSampledOrExportedAndNoStatementIsTraced() {
        assertThat(context.getBean(RequestTracing.class).tracing()).as("no statement spans, no context carried to other threads").isFalse();
        assertThat(context.getBean(Sampler.class).getDescription()).isEqualTo(Sampler.alwaysOff().getDescription());
        assertThat(context.getBeansOfType(io.opentelemetry.sdk.trace.export.SpanExporter.class)).isEmpty();
        assertThat(context.getEnvironment().getProperty("logging.expect-correlation-id", Boolean.class))
                .as("no empty trace-id field on every log line").isFalse();

        assertThat(context.getBean(Tracer.class)).as("observations get no span at all").isSameAs(Tracer.NOOP);
        Propagator propagator = context.getBean(Propagator.class);
        Map<String, String> headers = Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        Span request = propagator.extract(headers, Map::get).start();
        assertThat(request.isNoop()).as("a caller's traceparent starts nothing").isTrue();
        assertThat(Boolean.TRUE.equals(request.context().sampled())).isFalse();
    }

    @Test
    void springSecurityObservesItsDecisionsButNotEachFilterWithoutTracing() {
        var settings = context.getBean(org.springframework.security.config.observation.SecurityObservationSettings.class);
        assertThat(settings.shouldObserveRequests()).as("no observation around each security filter").isFalse();
        assertThat(settings.shouldObserveAuthentications()).as("spring.security.authentications meters stay").isTrue();
        assertThat(settings.shouldObserveAuthorizations()).as("spring.security.authorizations meters stay").isTrue();
    }
}
