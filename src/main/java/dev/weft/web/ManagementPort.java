package dev.weft.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.core.env.Environment;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches the requests that arrive on Actuator's own port, when the operator moved Actuator there with
 * {@code management.server.port} (README, "Metrics"): that port is the operator's, so its endpoints answer
 * without credentials, as Spring Boot serves them. Spring Boot binds that port to every interface unless
 * {@code management.server.address} says otherwise, so the port is open only where the operator chose its
 * address, or on the loopback interface; anywhere else its requests need credentials as on the API's port.
 * Without a port of its own (or with the API's), nothing matches.
 *
 * <p>Example: {@code management.server.port: 9090} and {@code management.server.address: 10.0.0.5} serve
 * {@code http://10.0.0.5:9090/actuator/prometheus} to anyone who reaches it, while {@code :8080/actuator/prometheus}
 * still asks for a role with {@code actuator: true}.
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
        return management != null && !management.equals(server) && management > 0 && request.getLocalPort() == management
                && (environment.containsProperty("management.server.address") || isLoopback(request.getLocalAddr()));
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress(); // an IP literal: no look-up
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
