package dev.weft.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.env.Environment;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches the requests that arrive on Actuator's own port, when the operator moved Actuator there with
 * {@code management.server.port} (README, "Metrics"): that port is the operator's, so its endpoints answer
 * without credentials, as Spring Boot serves them. Without a port of its own (or with the API's), nothing matches.
 *
 * <p>Example: {@code management.server.port: 9090} serves {@code http://host:9090/actuator/prometheus} to anyone who
 * reaches port 9090, while {@code :8080/actuator/prometheus} still asks for a role with {@code actuator: true}.
 */
final class ManagementPort implements RequestMatcher {
    private final Environment environment;

    ManagementPort(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        // both set once the servers listen; the same number when Actuator shares the API's port
        Integer management = environment.getProperty("local.management.port", Integer.class);
        Integer server = environment.getProperty("local.server.port", Integer.class);
        return management != null && !management.equals(server) && management > 0 && request.getLocalPort() == management;
    }
}
