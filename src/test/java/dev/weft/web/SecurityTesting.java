package dev.weft.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.weft.security.ApiKey;
import dev.weft.security.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared by the authentication tests: turns access control on for a test's Spring context and points
 * it at an access.yml over the embedded demo's tables, sends HTTP requests with credentials, mints
 * tokens, serves a JWK set, and (through {@link CallerProbe}) tells in each GraphQL response which
 * {@link Caller} the GraphQL context held.
 */
final class SecurityTesting {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ANALYST_KEY = "analyst-key-0001";
    static final String MANAGER_KEY = "manager-key-0002";
    static final String BOTH_KEY = "both-key-0003";
    static final String QUERY = "{ hr_employees(limit: 1, order_by: [{emp_no: asc}]) { emp_no } }";
    /** A query that every role of {@link #ACCESS_YML} may run. */
    static final String PROJECTS = "{ pm_projects(limit: 1, order_by: [{id: asc}]) { id } }";

    /** Roles analyst, manager and viewer over the demo; three keys. */
    static final String ACCESS_YML = """
            api-keys:
              - name: analyst
                key-sha256: %s
                role: analyst
                claims: { gender: "F", level: 3 }
              - name: manager
                key-sha256: %s
                role: manager
              - name: both
                key-sha256: %s
                roles: [analyst, manager]
                claims: { gender: "M" }
            roles:
              analyst:
                hr.employees:
                  select:
                    columns: [emp_no, first_name, email]
                    filter: { gender: { _eq: "@claims.gender" } }
                  mask: { email: email }
              manager:
                hr.employees:
                pm.projects:
              viewer:
                pm.projects:
            """.formatted(ApiKey.sha256Hex(ANALYST_KEY), ApiKey.sha256Hex(MANAGER_KEY), ApiKey.sha256Hex(BOTH_KEY));

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SecurityTesting() {
    }

    /**
     * For a {@code @DynamicPropertySource}: turns access control on (the context reads the switch while
     * it starts; the test turns it off in {@code @AfterAll}) and sets {@code weft.security.access} to a
     * temporary file holding {@code accessYml}.
     */
    static void accessControl(DynamicPropertyRegistry registry, String accessYml) {
        registry.add("weft.security.access", () -> write(accessYml).toString());
    }

    static Path write(String text) {
        try {
            Path file = Files.createTempFile("weft-access-", ".yml");
            file.toFile().deleteOnExit();
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response: status, headers, the body as JSON (null when it is not JSON) and as text. */
    record Response(int status, HttpHeaders headers, JsonNode json, String text) {
        /** The role of the caller the GraphQL context held (extensions.caller.role). */
        String role() {
            return json.at("/extensions/caller/role").asString();
        }

        JsonNode claims() {
            return json.at("/extensions/caller/claims");
        }

        /** extensions.code of the first error. */
        String code() {
            return json.at("/errors/0/extensions/code").asString();
        }

        String message() {
            return json.at("/errors/0/message").asString();
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    /** POST /graphql with {@code query}; headers as name, value, name, value... */
    static Response post(int port, String query, String... headers) {
        return postTo(port, "/graphql", query, headers);
    }

    /** POST {@code query} to {@code path} ({@code /v1/graphql}); headers as name, value, name, value... */
    static Response postTo(int port, String path, String query, String... headers) {
        return send(HttpRequest.newBuilder(uri(port, path))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))), headers);
    }

    /** GET {@code path}; headers as name, value, name, value... */
    static Response get(int port, String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(port, path)).GET(), headers);
    }

    /** OPTIONS {@code path}, as a browser's CORS preflight; headers as name, value, name, value... */
    static Response options(int port, String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(port, path)).method("OPTIONS", HttpRequest.BodyPublishers.noBody()), headers);
    }

    static String getQuery(String query) {
        return "/graphql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static Response send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = JSON.readTree(response.body());
            } catch (RuntimeException e) {
                // not JSON: an HTML page, a script
            }
            return new Response(response.statusCode(), response.headers(), json, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Claims valid for five minutes, with {@code more} added. */
    static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> more) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject("user-7").issueTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plusSeconds(300)));
        more.accept(builder);
        return builder.build();
    }

    static String sign(JWTClaimsSet claims, JWSHeader header, JWSSigner signer) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String signRs256(JWTClaimsSet claims, RSAKey key) {
        try {
            return sign(claims, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A tiny identity provider on 127.0.0.1 and a free port: {@code /realm/jwks} serves the public
     * keys, {@code /realm/.well-known/openid-configuration} names issuer {@code <base>/realm} and that
     * JWK set. Stop it with {@code stop(0)}.
     */
    static HttpServer identityProvider(JWK... keys) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/realm";
            String jwks = new JWKSet(java.util.Arrays.stream(keys).map(JWK::toPublicJWK).toList()).toString();
            String discovery = JSON.writeValueAsString(Map.of("issuer", base, "jwks_uri", base + "/jwks"));
            server.createContext("/realm/jwks", exchange -> reply(exchange, jwks));
            server.createContext("/realm/.well-known/openid-configuration", exchange -> reply(exchange, discovery));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String realm(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realm";
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /**
     * Adds {@code extensions.caller} ({@code {role, claims}}, or {@code "none"}) to every GraphQL
     * response: the {@link Caller} that the execution's GraphQL context held under
     * {@link Caller#CONTEXT_KEY}.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class CallerProbe {
        @Bean
        WebGraphQlInterceptor callerProbe() {
            return (request, chain) -> chain.next(request).map(response -> {
                Object caller = response.getExecutionInput().getGraphQLContext().get(Caller.CONTEXT_KEY);
                Map<String, Object> described = new HashMap<>();
                if (caller instanceof Caller c) {
                    described.put("role", c.role());
                    described.put("claims", c.claims());
                }
                Map<Object, Object> extensions = new LinkedHashMap<>(response.getExtensions());
                extensions.put("caller", caller instanceof Caller ? described : "none");
                return response.transform(builder -> builder.extensions(extensions));
            });
        }
    }
}
