package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The direct path of {@code POST /graphql} ({@link dev.weft.web.direct.DirectPostFilter}) against Spring for GraphQL's
 * own handler, over HTTP against PostgreSQL: the same request sent plain (the direct path answers) and with one more
 * media type in {@code Accept} (Spring's handler answers, to the same media type) gets the same status, content type,
 * framing ({@code Content-Length} or chunked) and bytes, for data, variables, errors of every kind and a response
 * larger than Tomcat's buffer. A counting Spring MVC interceptor shows which path answered; a body that is not a
 * GraphQL request goes on to Spring's handler, which refuses it ({@code null} is refused here: Spring's handler fails on
 * it); the HTTP timer keeps its {@code uri} tag.
 */
@SpringBootTest(classes = dev.weft.WeftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DirectPostIT.CountingMvc.class)
class DirectPostIT {
    private static final TestDatabase shop = TestDatabase.postgres();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String LIST = "{ shop_items(order_by: [{id: asc}]) { id name price added } }";

    @LocalServerPort
    int port;

    @Autowired
    CountingMvc mvc;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        shop.execute("CREATE TABLE items (id INT PRIMARY KEY, name TEXT NOT NULL, price NUMERIC(10,2), added TIMESTAMP)",
                "INSERT INTO items SELECT i, 'item \"' || i || '\" \u00e9\u20ac', i * 1.25, timestamp '2024-01-01' + i * interval '1 hour'"
                        + " FROM generate_series(1, 400) i");
        registry.add("weft.services.shop.kind", shop::defaultKind);
        registry.add("weft.services.shop.url", () -> shop.url(shop.defaultKind()));
        registry.add("weft.services.shop.username", () -> shop.server().endpoint().user());
        registry.add("weft.services.shop.password", () -> shop.server().endpoint().password());
        registry.add("weft.relationships", () -> SecurityTesting.write("relationships: []\n").toString());
    }

    @AfterAll
    static void drop() {
        shop.close();
    }

    /** Counts the requests Spring MVC dispatches to {@code /graphql}. */
    @TestConfiguration
    static class CountingMvc implements WebMvcConfigurer {
        final AtomicInteger dispatched = new AtomicInteger();

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new HandlerInterceptor() {
                @Override
                public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                    dispatched.incrementAndGet();
                    return true;
                }
            }).addPathPatterns("/graphql");
        }
    }

    private HttpResponse<byte[]> post(String body, String contentType, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a client sees of a response: status, media type, framing and bytes. */
    private static String seen(HttpResponse<byte[]> response) {
        return response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("-")
                + " length=" + response.headers().firstValue("Content-Length").orElse("-")
                + " encoding=" + response.headers().firstValue("Transfer-Encoding").orElse("-")
                + " " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The same request through the direct path and through Spring's handler: the same answer, from each path once. */
    private String sameBothWays(String body, String accept) {
        int before = mvc.dispatched.get();
        HttpResponse<byte[]> direct = post(body, "application/json", accept);
        assertThat(mvc.dispatched.get()).as("answered by the direct path: " + accept).isEqualTo(before);
        String throughSpring = (accept == null ? "application/json" : accept) + ", text/plain";
        HttpResponse<byte[]> spring = post(body, "application/json", throughSpring);
        assertThat(mvc.dispatched.get()).as("answered by Spring's handler: " + throughSpring).isEqualTo(before + 1);
        assertThat(seen(direct)).isEqualTo(seen(spring));
        return seen(direct);
    }

    private static String body(String query) {
        return "{\"query\":" + tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(query) + "}";
    }

    @Test
    void dataVariablesAndEveryKindOfErrorAreAnsweredAsSpringsHandlerAnswersThem() {
        for (String accept : new String[] {null, "*/*", "application/json", "application/graphql-response+json"}) {
            assertThat(sameBothWays(body("{ shop_items(limit: 2, order_by: [{id: asc}]) { id name price added } }"), accept))
                    .contains("length=", "\"name\":\"item \\\"1\\\" \u00e9\u20ac\"").startsWith("200 ");
            assertThat(sameBothWays("{\"query\":\"query Q($n: Int) { shop_items(limit: $n) { id } } query R { shop_items { id } }\","
                    + "\"operationName\":\"Q\",\"variables\":{\"n\":1},\"extensions\":{\"x\":1}}", accept))
                    .endsWith("{\"data\":{\"shop_items\":[{\"id\":1}]}}");
            String validation = sameBothWays(body("{ shop_items { nope } }"), accept);
            assertThat(validation).contains("GRAPHQL_VALIDATION_FAILED")
                    .startsWith(accept != null && accept.contains("graphql-response") ? "400 " : "200 ");
            assertThat(sameBothWays(body("{ shop_items { id "), accept)).contains("InvalidSyntax");
            assertThat(sameBothWays(body(""), accept)).contains("errors");
            assertThat(sameBothWays("{\"query\":\"query Q($n: Int!) { shop_items(limit: $n) { id } }\",\"variables\":{\"n\":\"x\"}}",
                    accept)).contains("errors");
        }
    }

    @Test
    void aResponseLargerThanTomcatsBufferIsSentInChunksBothWays() {
        String seen = sameBothWays(body(LIST), "application/json");
        assertThat(seen).contains("encoding=chunked").hasSizeGreaterThan(30_000);
    }

    @Test
    void aBodyThatIsNotAGraphqlRequestGoesOnToSpringsHandlerWhichRefusesIt() {
        for (String body : List.of("{\"quer\":\"{ shop_items { id } }\"}", "{\"query\":null}", "[1]", "{\"query\": ")) {
            int before = mvc.dispatched.get();
            HttpResponse<byte[]> response = post(body, "application/json", "application/json");
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(new String(response.body())).as(body).contains("BAD_USER_INPUT");
            assertThat(mvc.dispatched.get()).as("Spring's handler read the body again: " + body).isEqualTo(before + 1);
        }
        for (String body : List.of("null", " null\n")) { // Spring's handler fails on it (500)
            int before = mvc.dispatched.get();
            HttpResponse<byte[]> response = post(body, "application/json", null);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(new String(response.body())).contains("the body is not a GraphQL request", "BAD_USER_INPUT");
            assertThat(mvc.dispatched.get()).isEqualTo(before);
            HttpResponse<byte[]> notPlain = post(body, "application/json; charset=ISO-8859-1", "application/json, text/plain");
            assertThat(notPlain.statusCode()).as("a request Spring's handler would answer: " + body).isEqualTo(400);
            assertThat(mvc.dispatched.get()).isEqualTo(before);
        }
    }

    @Test
    void otherMediaTypesAndCharsetsAreLeftToSpring() {
        int before = mvc.dispatched.get();
        assertThat(post(body("{ shop_items(limit: 1) { id } }"), "application/json;charset=UTF-8", null).statusCode()).isEqualTo(200);
        assertThat(mvc.dispatched.get()).as("charset=UTF-8 is plain").isEqualTo(before);
        assertThat(post(body("{ shop_items(limit: 1) { id } }"), "application/json; charset=ISO-8859-1", null).statusCode()).isEqualTo(200);
        assertThat(post(body("{ shop_items(limit: 1) { id } }"), "text/plain", null).statusCode()).isEqualTo(415);
        assertThat(post(body("{ shop_items(limit: 1) { id } }"), "application/json", "text/html").statusCode()).isBetween(400, 499);
        assertThat(mvc.dispatched.get()).as("left to Spring").isGreaterThanOrEqualTo(before + 2);
    }

    @Test
    void theHttpTimerNamesTheGraphqlPath() {
        var timer = meters.find("http.server.requests").tag("uri", "/graphql").tag("method", "POST").timer();
        long before = timer == null ? 0 : timer.count();
        int dispatched = mvc.dispatched.get();
        post(body("{ shop_items(limit: 1) { id } }"), "application/json", null);
        assertThat(mvc.dispatched.get()).isEqualTo(dispatched);
        assertThat(meters.find("http.server.requests").tag("uri", "/graphql").tag("method", "POST").timer().count())
                .isEqualTo(before + 1);
    }
}
