package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.weft.config.ServiceSettings;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.dataloader.DataLoaderRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Traces (README, "Traces"): Weft with PostgreSQL and MariaDB services ({@link CrossDatabaseFixture}), its OTLP
 * endpoint pointed at a receiver in this test (OTLP over HTTP, protobuf), every request sampled.
 * One request across the two databases, sent with a caller's {@code traceparent}, gives one trace: the caller's span
 * is the parent of the HTTP request's, whose child is {@code graphql.request}, whose children are exactly one span
 * per statement with its service, table, rows and keys, and, with {@code weft.statements} at DEBUG, the SQL with
 * placeholders and no value. Field by field, the statements run in DataLoader batch loads on other threads, and
 * their spans still have the request's as parent.
 */
class TraceIT {
    private static final String QUERY = """
            { crm_customers(where: {name: {_in: ["Ada", "Bob"]}}, order_by: [{id: asc}]) { name orders(order_by: [{id: asc}]) { id } } }""";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    private static final List<Span> received = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;
    private static CrossDatabaseFixture fixture;
    private static ConfigurableApplicationContext weft;
    private static int port;

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes());
            request.getResourceSpansList().forEach(r -> r.getScopeSpansList().forEach(s -> received.addAll(s.getSpansList())));
            byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
            exchange.close();
        });
        receiver.start();
        fixture = CrossDatabaseFixture.create();
        Path relationships = Files.writeString(dir.resolve("relationships.yml"), CrossDatabaseFixture.RELATIONSHIPS);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", 0);
        properties.put("weft.relationships", relationships.toString());
        for (ServiceSettings s : fixture.services((name, p) -> p)) {
            properties.put("weft.services." + s.name() + ".kind", s.kind().configName());
            properties.put("weft.services." + s.name() + ".url", s.url());
            properties.put("weft.services." + s.name() + ".username", s.username());
            properties.put("weft.services." + s.name() + ".password", s.password() == null ? "" : s.password().value());
        }
        properties.put("management.opentelemetry.tracing.export.otlp.endpoint",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/traces");
        properties.put("management.tracing.sampling.probability", "1.0");
        properties.put("management.opentelemetry.tracing.export.schedule-delay", "100ms");
        properties.put("logging.level.weft.statements", "debug");
        weft = new SpringApplicationBuilder(dev.weft.WeftApplication.class).properties(properties).run();
        port = Integer.parseInt(weft.getEnvironment().getProperty("local.server.port"));
        assertThat(weft.getEnvironment().getProperty("logging.expect-correlation-id", Boolean.class))
                .as("log lines carry the trace and span ids").isTrue();
    }

    @AfterAll
    static void stop() {
        if (weft != null) {
            weft.close();
        }
        if (fixture != null) {
            fixture.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void oneRequestAcrossTwoDatabasesIsOneTraceWithASpanPerStatementUnderTheCallersSpan() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Content-Type", "application/json").header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + QUERY.replace("\"", "\\\"") + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("errors").contains("{\"name\":\"Bob\",\"orders\":[{\"id\":105},{\"id\":106}]}");

        List<Span> trace = await(spans -> spans.stream().filter(s -> hex(s.getTraceId()).equals(TRACE_ID)).toList(),
                spans -> spans.stream().anyMatch(s -> s.getName().startsWith("select_batch")) && spans.stream().anyMatch(s -> s.getName().startsWith("http")));
        Span http = one(trace, s -> hex(s.getParentSpanId()).equals(CALLER_SPAN));
        assertThat(http.getName()).as("the HTTP request's span continues the caller's trace").startsWith("http post");
        Span request = one(trace, s -> s.getName().equals("graphql query"));
        assertThat(ancestors(trace, request)).as("graphql.request under the HTTP request (and Spring Security's span)")
                .startsWith("graphql query").endsWith("http post /graphql");
        assertThat(weft.getBeansOfType(org.springframework.security.config.observation.SecurityObservationSettings.class))
                .as("with tracing on, Spring Security observes as it does by default").isEmpty();
        List<Span> statements = trace.stream().filter(s -> attribute(s, "service").isPresent()).toList();
        assertThat(statements).extracting(Span::getName)
                .containsExactlyInAnyOrder("select crm.customers", "select_batch shop.public.orders");
        assertThat(statements).allSatisfy(s -> assertThat(s.getParentSpanId()).as(s.getName()).isEqualTo(request.getSpanId()));

        Span customers = one(statements, s -> s.getName().startsWith("select "));
        assertThat(attribute(customers, "service")).hasValue("crm");
        assertThat(attribute(customers, "table")).hasValue("crm.customers");
        assertThat(attribute(customers, "rows")).hasValue("2");
        assertThat(attribute(customers, "keys")).isEmpty();
        String sql = attribute(customers, "db.query.text").orElseThrow();
        assertThat(sql).as("placeholders, never a value").contains("customers").contains("?").doesNotContain("Ada").doesNotContain("Bob");

        Span orders = one(statements, s -> s.getName().startsWith("select_batch"));
        assertThat(attribute(orders, "service")).hasValue("shop");
        assertThat(attribute(orders, "kind")).hasValue("select_batch");
        assertThat(attribute(orders, "rows")).as("Ada's 4 orders and Bob's 2").hasValue("6");
        assertThat(attribute(orders, "keys")).as("Ada's and Bob's ids").hasValue("2");
        assertThat(attribute(orders, "outcome")).hasValue("success");
        assertThat(attribute(orders, "db.query.text").orElseThrow()).contains("orders").contains("?");
    }

    @Test
    void fieldByFieldTheBatchLoadsOnOtherThreadsAreChildrenOfTheRequest() {
        ObservationRegistry observations = weft.getBean(ObservationRegistry.class);
        WeftRuntime runtime = weft.getBean(WeftRuntime.class);
        Observation caller = Observation.start("test.caller", observations);
        String traceId;
        ExecutionResult result;
        try (Observation.Scope scope = caller.openScope()) {
            traceId = weft.getBean(io.micrometer.tracing.Tracer.class).currentSpan().context().traceId();
            ExecutionInput input = ExecutionInput.newExecutionInput(QUERY).dataLoaderRegistry(new DataLoaderRegistry()).build();
            input.getGraphQLContext().put(ObservationThreadLocalAccessor.KEY, caller);
            result = runtime.executeAsync(input, null, false).join();
        } finally {
            caller.stop();
        }
        assertThat(result.getErrors()).isEmpty();
        assertThat(result.<Map<String, List<Map<String, Object>>>>getData().get("crm_customers")).hasSize(2);

        List<Span> trace = await(spans -> spans.stream().filter(s -> hex(s.getTraceId()).equals(traceId)).toList(),
                spans -> spans.stream().anyMatch(s -> s.getName().equals("test.caller")));
        Span request = one(trace, s -> s.getName().equals("graphql query"));
        List<Span> statements = trace.stream().filter(s -> attribute(s, "service").isPresent()).toList();
        assertThat(statements).extracting(Span::getName)
                .containsExactlyInAnyOrder("select crm.customers", "select_batch shop.public.orders");
        // the batch load ran on a virtual thread of its own: the span context came along
        Span orders = one(statements, s -> s.getName().startsWith("select_batch"));
        List<String> ancestors = ancestors(trace, orders);
        assertThat(ancestors).as("spans from the batch load up to the root").contains("graphql query").endsWith("test.caller");
        assertThat(one(statements, s -> s.getName().startsWith("select ")).getParentSpanId()).isEqualTo(request.getSpanId());
    }

    private static List<String> ancestors(List<Span> trace, Span span) {
        List<String> names = new ArrayList<>();
        Optional<Span> current = Optional.of(span);
        while (current.isPresent()) {
            Span s = current.get();
            names.add(s.getName());
            current = trace.stream().filter(p -> p.getSpanId().equals(s.getParentSpanId())).findFirst();
        }
        return names;
    }

    private static List<Span> await(java.util.function.Function<List<Span>, List<Span>> select, Predicate<List<Span>> complete) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<Span> spans = select.apply(List.copyOf(received));
        while (!complete.test(spans) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            spans = select.apply(List.copyOf(received));
        }
        assertThat(complete.test(spans)).as("spans received: %s", spans.stream().map(Span::getName).toList()).isTrue();
        return spans;
    }

    private static Span one(List<Span> spans, Predicate<Span> which) {
        List<Span> matching = spans.stream().filter(which).toList();
        assertThat(matching).as("among %s", spans.stream().map(Span::getName).toList()).hasSize(1);
        return matching.get(0);
    }

    private static Optional<String> attribute(Span span, String key) {
        return span.getAttributesList().stream().filter(a -> a.getKey().equals(key)).map(KeyValue::getValue)
                .map(v -> v.hasIntValue() ? String.valueOf(v.getIntValue()) : v.getStringValue()).findFirst();
    }

    private static String hex(com.google.protobuf.ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }
}
