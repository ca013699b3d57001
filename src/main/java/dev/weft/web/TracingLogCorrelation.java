package dev.weft.web;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Keeps the log lines free of an empty trace-id field while tracing is off ({@link TracingConfiguration}): Spring
 * Boot reserves one on every line as soon as Micrometer Tracing is on the classpath. Once tracing is configured, the
 * lines carry the trace and span ids as Spring Boot writes them; {@code logging.expect-correlation-id} set by the
 * operator wins either way.
 *
 * <p>Example: {@code ... [weft] [main] dev.weft.WeftApplication : Started ...} rather than
 * {@code ... [weft] [main] [                                                 ] dev.weft.WeftApplication : Started ...}.
 */
final class TracingLogCorrelation implements EnvironmentPostProcessor {
    private static final String BOOTS = "logCorrelation"; // Spring Boot's own source of the same property

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MutablePropertySources sources = environment.getPropertySources();
        Source source = new Source(environment);
        if (sources.contains(BOOTS)) {
            sources.addBefore(BOOTS, source);
        } else {
            sources.addLast(source);
        }
    }

    private static final class Source extends EnumerablePropertySource<Object> {
        private final ConfigurableEnvironment environment;

        Source(ConfigurableEnvironment environment) {
            super("weftTracingLogCorrelation", new Object());
            this.environment = environment;
        }

        @Override
        public String[] getPropertyNames() {
            return new String[] {LoggingSystem.EXPECT_CORRELATION_ID_PROPERTY};
        }

        @Override
        public Object getProperty(String name) {
            return name.equals(LoggingSystem.EXPECT_CORRELATION_ID_PROPERTY) && !TracingConfiguration.configured(environment)
                    ? Boolean.FALSE : null;
        }
    }
}
