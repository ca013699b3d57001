package dev.weft.explain;

import dev.weft.dialect.ErrorCode;
import dev.weft.execute.activity.Activity;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoaderRegistry;

/**
 * Explains a GraphQL query by running it, as {@code EXPLAIN ANALYZE} does: the request runs as its caller would run it
 * on {@code /graphql} (its role's schema, row filters, limits), every statement it sends is recorded as it runs, the
 * data is thrown away, and the answer is the plan that ran ({@link ExplainReport}). Running it is what makes the plan
 * exact: the cross-source planner chooses the side to read first by probing the sources, so no plan exists before the
 * probes ran. A document with a mutation or a subscription is refused, and nothing of it runs.
 *
 * <pre>{@code
 * Explain explain = new Explain(input -> runtime.executeAsync(input, caller, true));
 * Explain.Outcome outcome = explain.explain("{ crm_customers(where: {orders: {total: {_gt: 500}}}) { name } }", null, Map.of());
 * outcome.report();   // {"operation": null, "executed": true, "sources": [...], "cross_source": [...], ...}
 * }</pre>
 */
public final class Explain {
    /** Runs one request as the explain request's caller: the same execution as {@code /graphql}. */
    @FunctionalInterface
    public interface Runner {
        CompletableFuture<ExecutionResult> run(ExecutionInput input);
    }

    /**
     * The answer: the report of a request that ran, or why it did not run ({@code refusal}).
     *
     * @param execution the request's own result (its data is not in the report), null when refused
     */
    public record Outcome(Map<String, Object> report, Refusal refusal, ExecutionResult execution) {
        public boolean refused() {
            return refusal != null;
        }
    }

    /** Why a document was not run: {@code GRAPHQL_PARSE_FAILED}, or {@code BAD_USER_INPUT} for a mutation or subscription. */
    public record Refusal(String code, String message) {
    }

    private final Runner runner;

    public Explain(Runner runner) {
        this.runner = runner;
    }

    /** Explains one request: {@code query} with its {@code operationName} (may be null) and {@code variables}. */
    public Outcome explain(String query, String operationName, Map<String, Object> variables) {
        Refusal refusal = refusal(query);
        if (refusal != null) {
            return new Outcome(null, refusal, null);
        }
        ExecutionInput input = ExecutionInput.newExecutionInput(query).operationName(operationName)
                .variables(variables == null ? Map.of() : variables).dataLoaderRegistry(new DataLoaderRegistry()).build();
        ExplainRecorder recorder = new ExplainRecorder();
        ExecutionResult result = Activity.during(recorder, () -> runner.run(input)).join();
        return new Outcome(ExplainReport.of(operationName, recorder, result), null, result);
    }

    /**
     * Why a document is not explained, or null: it does not parse (then nothing can tell whether it writes), or it holds
     * a mutation or a subscription, which explain never runs.
     */
    static Refusal refusal(String query) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            graphql.language.SourceLocation at = e.getLocation(); // not its message: it quotes the document
            return new Refusal("GRAPHQL_PARSE_FAILED", "the document does not parse"
                    + (at == null ? "" : " (line " + at.getLine() + ", column " + at.getColumn() + ")"));
        } catch (RuntimeException e) {
            return new Refusal("GRAPHQL_PARSE_FAILED", "the document does not parse");
        }
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (operation.getOperation() != OperationDefinition.Operation.QUERY) {
                return new Refusal(ErrorCode.BAD_USER_INPUT.name(), "explain runs queries only: a "
                        + operation.getOperation().name().toLowerCase(Locale.ROOT)
                        + " is never run by explain (send it to /graphql)");
            }
        }
        return null;
    }
}
