package dev.weft.web;

import dev.weft.execute.activity.Activity;
import dev.weft.explain.Explain;
import dev.weft.ops.AuditActivity;
import dev.weft.ops.AuditLog;
import dev.weft.security.Caller;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /graphql/explain}: a GraphQL request body ({@code query}, {@code variables}, {@code operationName}), run
 * by {@link Explain} as the caller (its role's schema, row filters and limits) and answered with the plan that ran, as
 * JSON. Who may call it is decided before (access.yml {@code explain: true}); a body that is not a request, or a
 * document with a mutation, gets 400 with a GraphQL error and its code. Audited like any request.
 */
final class ExplainHandler {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final dev.weft.reload.Snapshots<Served> snapshots;
    private final AuditLog audit;
    private final boolean accessControlled;

    ExplainHandler(dev.weft.reload.Snapshots<Served> snapshots, AuditLog audit, boolean accessControlled) {
        this.snapshots = snapshots;
        this.audit = audit;
        this.accessControlled = accessControlled;
    }

    ServerResponse handle(ServerRequest request) throws Exception {
        Caller caller = request.attributes().get(Caller.CONTEXT_KEY) instanceof Caller c ? c
                : accessControlled ? null : Caller.UNRESTRICTED;
        if (caller == null) {
            throw new IllegalStateException("an explain request without an authenticated caller");
        }
        Object name = request.attributes().get(AuditLog.CALLER_NAME);
        String callerName = name == null ? null : name.toString();
        String traceId = AuditLog.currentTraceId();
        Map<String, Object> body;
        try {
            body = JSON.readValue(request.body(byte[].class), Map.class);
        } catch (JacksonException | IllegalArgumentException e) {
            body = null;
        }
        String problem = problem(body);
        if (problem != null) {
            audit.refused(callerName, caller.role(), 400, "BAD_USER_INPUT", request.path());
            return error("BAD_USER_INPUT", problem);
        }
        String query = (String) body.get("query");
        String operation = (String) body.get("operationName");
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) body.get("variables");
        long start = System.nanoTime();
        AuditActivity activity = new AuditActivity();
        Explain.Outcome outcome;
        try (dev.weft.reload.Snapshot<Served> snapshot = snapshots.enter()) { // one version for the whole request
            WeftRuntime runtime = snapshot.value().runtime();
            Explain explain = new Explain(input -> {
                input.getGraphQLContext().put(Caller.CONTEXT_KEY, caller);
                if (name != null) {
                    input.getGraphQLContext().put(AuditLog.CALLER_NAME, name);
                }
                return runtime.executeAsync(input, caller, true);
            });
            outcome = Activity.during(activity, () -> explain.explain(query, operation, variables));
        }
        if (outcome.refused()) {
            audit.refused(callerName, caller.role(), 400, outcome.refusal().code(), request.path());
            return error(outcome.refusal().code(), outcome.refusal().message());
        }
        audit.executed(new AuditLog.Request(UUID.randomUUID().toString(), traceId, callerName, caller.role(), operation, query,
                        true),
                outcome.execution(), activity, System.nanoTime() - start);
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(outcome.report());
    }

    /** What is wrong with the body as a GraphQL request, or null. */
    private static String problem(Map<String, Object> body) {
        if (body == null) {
            return "the body must be a JSON object: {\"query\": \"...\", \"variables\": {...}, \"operationName\": \"...\"}";
        }
        if (!(body.get("query") instanceof String query) || query.isBlank()) {
            return "the body has no query";
        }
        if (body.get("variables") != null && !(body.get("variables") instanceof Map<?, ?>)) {
            return "variables must be a JSON object";
        }
        if (body.get("operationName") != null && !(body.get("operationName") instanceof String)) {
            return "operationName must be a string";
        }
        return null;
    }

    private static ServerResponse error(String code, String message) {
        Map<String, Object> error = Map.of("message", message, "extensions", Map.of("code", code));
        return ServerResponse.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("errors", List.of(error)));
    }
}
