package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.GraphQL;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The {@code graphql.request} timer recorded without an observation ({@link RequestTimer}) against the one Spring for
 * GraphQL's observation records through Micrometer's meter handler: the same requests, run once under each, leave
 * the same meters (name, every tag, count), data fetchers' included, for queries, mutations, request errors and
 * failing fields.
 */
class RequestTimerTest {
    private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
                    type Query { hello: String, broken: String, later: String }
                    type Mutation { save(name: String): String }
                    """),
            RuntimeWiring.newRuntimeWiring()
                    .type("Query", t -> t.dataFetcher("hello", env -> "world")
                            .dataFetcher("broken", env -> {
                                throw new IllegalStateException("no");
                            })
                            .dataFetcher("later", env -> CompletableFuture.supplyAsync(() -> "soon")))
                    .type("Mutation", t -> t.dataFetcher("save", env -> "saved " + env.getArgument("name")))
                    .build());
    private static final List<String> REQUESTS = List.of("{ hello }", "{ hello later }", "{ broken }", "{ nope }", "{ hello ",
            "mutation { save(name: \"x\") }", "query Q { hello } mutation M { save(name: \"y\") }", "{ hello }");

    @Test
    void leavesTheMetersTheRequestObservationLeaves() {
        MeterRegistry observed = new SimpleMeterRegistry();
        MeterRegistry timed = new SimpleMeterRegistry();
        run(new TracingConfiguration.RequestObservation(observations(observed)));
        run(new RequestTimer(observations(timed), timed));
        assertThat(meters(timed)).isEqualTo(meters(observed)).containsKey(
                "graphql.request[error=none, graphql.operation.type=mutation, graphql.outcome=SUCCESS]")
                .containsKey("graphql.request[error=none, graphql.operation.type=query, graphql.outcome=REQUEST_ERROR]")
                .as("a document that does not parse or validate has no operation")
                .containsEntry("graphql.request[error=none, graphql.operation.type=operation, graphql.outcome=REQUEST_ERROR]", 2L)
                .anySatisfy((id, count) -> assertThat(id).startsWith("graphql.datafetcher"));
        assertThat(meters(timed).get("graphql.request[error=none, graphql.operation.type=query, graphql.outcome=SUCCESS]"))
                .isEqualTo(3);
    }

    @Test
    void classifiesOutcomesAsSpringsConventionDoes() {
        assertThat(RequestTimer.outcome(null, null)).isEqualTo("INTERNAL_ERROR");
        assertThat(RequestTimer.outcome(graphql.ExecutionResult.newExecutionResult().build(), new IllegalStateException()))
                .isEqualTo("INTERNAL_ERROR");
        assertThat(RequestTimer.outcome(graphql.ExecutionResult.newExecutionResult().addError(graphql.GraphqlErrorBuilder
                .newError().message("x").errorType(org.springframework.graphql.execution.ErrorType.INTERNAL_ERROR).build()).build(), null))
                .isEqualTo("INTERNAL_ERROR");
        assertThat(RequestTimer.outcome(graphql.ExecutionResult.newExecutionResult().addError(graphql.GraphqlErrorBuilder
                .newError().message("x").errorType(org.springframework.graphql.execution.ErrorType.BAD_REQUEST).build()).build(), null))
                .isEqualTo("REQUEST_ERROR");
    }

    private static ObservationRegistry observations(MeterRegistry meters) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(
                new DefaultMeterObservationHandler(meters, DefaultMeterObservationHandler.IgnoredMeters.LONG_TASK_TIMER));
        return registry;
    }

    private static void run(Instrumentation instrumentation) {
        GraphQL graphQL = GraphQL.newGraphQL(SCHEMA).instrumentation(instrumentation).build();
        for (String request : REQUESTS) {
            graphQL.execute(graphql.ExecutionInput.newExecutionInput(request)
                    .operationName(request.contains("mutation M") ? "M" : null).build());
        }
    }

    /** Every timer as its name and sorted tags, with its count. */
    private static TreeMap<String, Long> meters(MeterRegistry registry) {
        TreeMap<String, Long> meters = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            if (meter instanceof Timer timer) {
                meters.put(meter.getId().getName() + meter.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue())
                        .sorted().toList(), timer.count());
            }
        }
        return meters;
    }
}
