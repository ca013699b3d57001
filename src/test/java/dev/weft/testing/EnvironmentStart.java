package dev.weft.testing;

import dev.weft.WeftApplication;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Starts the real application (web server on a free port) as if the process had exactly the environment
 * variables {@code variables} and the command-line arguments {@code args}: the JVM's own environment
 * and system properties are left out, so a test controls every input Spring reads.
 *
 * <pre>{@code
 * try (var weft = EnvironmentStart.run(Map.of("WEFT_SERVICE_HOST", "10.0.0.1"), "--server.port=0")) {
 *     int port = EnvironmentStart.port(weft);
 * }
 * }</pre>
 */
public final class EnvironmentStart {

    private EnvironmentStart() {
    }

    public static ConfigurableApplicationContext run(Map<String, String> variables, String... args) {
        SpringApplication application = new SpringApplication(WeftApplication.class);
        application.setEnvironment(new StandardEnvironment() {
            @Override
            protected void customizePropertySources(MutablePropertySources sources) {
                sources.addLast(new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.copyOf(variables)));
            }
        });
        return application.run(Stream.concat(Stream.of("--server.port=0", "--spring.main.banner-mode=off"),
                List.of(args).stream()).toArray(String[]::new));
    }

    /** The port the started web server listens on. */
    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
