package dev.weft.query;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.ExecutionContext;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Normalized operations are shared by requests with the same parsed operation and variables, and only by those. */
class NormalizedOperationsTest {
    private static final String SDL = "type Query { item(id: Int): Item  items(first: Int, tag: String, ids: [Int]): [Item] }"
            + " type Item { id: Int name: String }";

    private final NormalizedOperations operations = new NormalizedOperations(100);
    private final List<ExecutableNormalizedOperation> seen = new ArrayList<>();
    private final GraphQL graphQL = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL),
                    RuntimeWiring.newRuntimeWiring().build()))
            .instrumentation(new Instrumentation() {
                @Override
                public ExecutionContext instrumentExecutionContext(ExecutionContext context,
                        InstrumentationExecutionParameters parameters, InstrumentationState state) {
                    seen.add(operations.of(context));
                    return context;
                }
            })
            .preparsedDocumentProvider(new PreparsedDocumentProvider() { // as Weft's DocumentCache: one parse per text
                private final Map<String, PreparsedDocumentEntry> parsed = new HashMap<>();

                @Override
                public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                        Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
                    return CompletableFuture.completedFuture(parsed.computeIfAbsent(input.getQuery(), q -> parseAndValidate.apply(input)));
                }
            }).build();

    private ExecutableNormalizedOperation run(String query, Map<String, Object> variables) {
        graphQL.execute(ExecutionInput.newExecutionInput(query).variables(variables).build());
        return seen.get(seen.size() - 1);
    }

    @Test
    void aRepeatedRequestGetsTheSameNormalizedOperation() {
        String query = "query($n: Int, $skip: Boolean!) { items(first: $n) { id name @skip(if: $skip) } }";
        ExecutableNormalizedOperation first = run(query, Map.of("n", 5, "skip", false));
        assertThat(run(query, Map.of("n", 5, "skip", false))).isSameAs(first);
        ExecutableNormalizedOperation other = run(query, Map.of("n", 5, "skip", true));
        assertThat(other).as("other variables: @skip applies").isNotSameAs(first);
        assertThat(other.getTopLevelFields().get(0).getChildren()).hasSize(1);
        assertThat(first.getTopLevelFields().get(0).getChildren()).hasSize(2);
        assertThat(run(query, Map.of("n", 6, "skip", false)).getTopLevelFields().get(0).getResolvedArguments())
                .containsEntry("first", 6);
        assertThat(operations.size()).isEqualTo(3);
    }

    @Test
    void aKeptOperationDoesNotKeepItsRequestsContext() throws InterruptedException {
        String query = "{ items(first: 3) { id name } }";
        WeakReference<Object> state = request(query);
        for (int i = 0; i < 50 && state.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(state.get()).as("what the first request put in its GraphQLContext").isNull();
        assertThat(run(query, Map.of())).isSameAs(seen.get(0));
    }

    /** One request with a large object in its GraphQLContext (as Weft's request state), which nothing else keeps. */
    private WeakReference<Object> request(String query) {
        Object requestState = new byte[1 << 20];
        graphQL.execute(ExecutionInput.newExecutionInput(query).graphQLContext(Map.of("state", requestState)).build());
        return new WeakReference<>(requestState);
    }

    @Test
    void largeOrStructuredVariablesAreNormalizedEachTimeAndNotKept() {
        String query = "query($tag: String, $ids: [Int]) { items(tag: $tag, ids: $ids) { id } }";
        String longTag = "x".repeat(NormalizedOperations.MAX_STRING + 1);
        ExecutableNormalizedOperation first = run(query, Map.of("tag", longTag));
        assertThat(run(query, Map.of("tag", longTag))).isNotSameAs(first);
        assertThat(run(query, Map.of("ids", List.of(1, 2)))).isNotSameAs(run(query, Map.of("ids", List.of(1, 2))));
        assertThat(operations.size()).isZero();
    }

    @Test
    void theCacheHoldsAtMostItsNumberOfFields() {
        NormalizedOperations small = new NormalizedOperations(4);
        for (int i = 0; i < 5; i++) { // five operations of 3 fields each (items, id, name): one fits at a time
            String query = "query Q" + i + " { items(first: " + i + ") { id name } }";
            GraphQL.newGraphQL(graphQL.getGraphQLSchema()).instrumentation(new Instrumentation() {
                @Override
                public ExecutionContext instrumentExecutionContext(ExecutionContext context,
                        InstrumentationExecutionParameters parameters, InstrumentationState state) {
                    small.of(context);
                    return context;
                }
            }).build().execute(query);
        }
        assertThat(small.size()).isLessThanOrEqualTo(1);
    }
}
