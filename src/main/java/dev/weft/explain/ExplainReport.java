package dev.weft.explain;

import dev.weft.execute.activity.PlanChoice;
import dev.weft.execute.activity.StatementRun;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON of an explained request (a map in the order it is written): what ran, per source, and what the
 * cross-source planner chose. Holds no value of the request or of the rows: statements show their placeholders and
 * their parameters' types, errors their code and path.
 *
 * <pre>{@code
 * {"operation": "Big", "executed": true, "outcome": "success", "errors": [], "duration_ms": 9.1,
 *  "statements": 2, "rows": 4,
 *  "sources": [{"service": "shop", "statements": 1, "rows": 3, "duration_ms": 1.2, "steps": [
 *     {"step": 1, "kind": "distinct_keys", "table": "shop.public.orders", "language": "sql",
 *      "sql": "SELECT DISTINCT ... WHERE t0.\"total\" > ? LIMIT ?", "parameters": ["decimal", "integer"],
 *      "rows": 3, "started_ms": 0.4, "duration_ms": 1.2, "outcome": "success"}]}, ...],
 *  "cross_source": [{"table": "crm.customers", "condition": "orders", "strategy": "related_side_first",
 *     "driving_table": "shop.public.orders", "keys": 3, "probe_limit": 4096}]}
 * }</pre>
 */
final class ExplainReport {
    private ExplainReport() {
    }

    static Map<String, Object> of(String operationName, ExplainRecorder recorder, ExecutionResult result) {
        List<ExplainRecorder.Step> steps = recorder.steps();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("operation", operationName);
        report.put("executed", true);
        report.put("outcome", result.getErrors().isEmpty() ? "success" : result.isDataPresent() ? "errors" : "refused");
        report.put("errors", result.getErrors().stream().map(ExplainReport::error).toList());
        report.put("duration_ms", millis(recorder.elapsedNanos()));
        report.put("statements", steps.size());
        report.put("rows", steps.stream().mapToLong(s -> s.run().rows()).sum());
        report.put("sources", sources(steps));
        report.put("cross_source", recorder.choices().stream().map(ExplainReport::choice).toList());
        return report;
    }

    /** The statements grouped by service, services in the order of their first statement. */
    private static List<Map<String, Object>> sources(List<ExplainRecorder.Step> steps) {
        Map<String, List<ExplainRecorder.Step>> byService = new LinkedHashMap<>();
        steps.forEach(s -> byService.computeIfAbsent(s.run().service(), k -> new ArrayList<>()).add(s));
        List<Map<String, Object>> sources = new ArrayList<>();
        byService.forEach((service, own) -> {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("service", service);
            source.put("statements", own.size());
            source.put("rows", own.stream().mapToLong(s -> s.run().rows()).sum());
            source.put("duration_ms", millis(own.stream().mapToLong(s -> s.run().nanos()).sum()));
            source.put("steps", own.stream().map(ExplainReport::step).toList());
            sources.add(source);
        });
        return sources;
    }

    private static Map<String, Object> step(ExplainRecorder.Step step) {
        StatementRun run = step.run();
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("step", step.number());
        shown.put("kind", run.kind());
        shown.put("table", run.table() == null ? null : run.table().toString());
        shown.put("language", run.language());
        shown.put(run.language().equals("sql") ? "sql" : "command", run.text());
        shown.put("parameters", run.parameters());
        if (run.keys() >= 0) {
            shown.put("keys", run.keys());
            shown.put("chunk", run.chunk() + " of " + run.chunks());
        }
        shown.put("rows", run.rows());
        shown.put("started_ms", millis(step.startNanos()));
        shown.put("duration_ms", millis(run.nanos()));
        shown.put("outcome", run.outcome());
        return shown;
    }

    private static Map<String, Object> choice(PlanChoice choice) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("table", choice.table().toString());
        shown.put("condition", choice.condition());
        shown.put("strategy", choice.strategy());
        shown.put("driving_table", choice.drivingTable() == null ? null : choice.drivingTable().toString());
        putIfPresent(shown, "keys", choice.keys());
        putIfPresent(shown, "probe_limit", choice.probeLimit());
        putIfPresent(shown, "chunks", choice.chunks());
        putIfPresent(shown, "chunk_size", choice.chunkSize());
        return shown;
    }

    /** An error's code and path only: its message may quote a value of the request. */
    private static Map<String, Object> error(GraphQLError error) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("code", error.getExtensions() == null ? null : Objects.toString(error.getExtensions().get("code"), null));
        shown.put("path", error.getPath());
        return shown;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
