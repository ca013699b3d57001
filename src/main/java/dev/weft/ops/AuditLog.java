package dev.weft.ops;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON record per request on the logger {@code weft.audit}: who asked (the API key's name or the token's
 * subject, never the key or token), as which role, which operation (its name and the SHA-256 of the document,
 * never the document's values or the variables), the root fields answered, the tables read and written with the
 * rows returned and changed ({@link AuditActivity}), the outcome with its error codes, and how long it took; the
 * trace id when tracing is on. Refused requests (401, 403, a document that does not validate, a limit) are recorded too.
 *
 * <pre>{@code
 * {"time":"2026-12-06T18:20:01.123Z","request_id":"7f3e...","trace_id":"4bf92f35...","caller":"demo-manager",
 *  "role":"manager","operation":"Demo","document_sha256":"9c1f...","root_fields":["hr_employees"],
 *  "tables_read":["hr.PUBLIC.employees"],"tables_written":[],"rows_returned":2,"rows_written":0,
 *  "outcome":"success","error_codes":[],"duration_ms":12}
 * }</pre>
 */
public final class AuditLog {
    /** The request attribute that holds the authenticated caller's name (set by authorization). */
    public static final String CALLER_NAME = AuditLog.class.getName() + ".caller";

    private static final Logger log = LoggerFactory.getLogger("weft.audit");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Where Micrometer Tracing (as Spring Boot sets it up) keeps the current trace id for log correlation. */
    static final String TRACE_ID_MDC = "traceId";

    /**
     * What the audit log records of a request besides its result.
     *
     * @param traceId  the trace id of the request ({@link #currentTraceId()} on its thread), or null without tracing
     * @param explain  whether it came to {@code /graphql/explain}
     */
    public record Request(String requestId, String traceId, String caller, String role, String operation, String document,
                          boolean explain) {
    }

    /** Whether records are written ({@code weft.audit} at INFO): else nothing need be collected for them. */
    public boolean enabled() {
        return log.isInfoEnabled();
    }

    /** The current trace id, as Micrometer Tracing puts it in the logging context; null when tracing is off. */
    public static String currentTraceId() {
        return org.slf4j.MDC.get(TRACE_ID_MDC);
    }

    /** Records an executed request; one refused before it ran (nothing fetched) has outcome {@code refused}. */
    public void executed(String requestId, String caller, String role, String operation, String document,
                         ExecutionResult result, long nanos) {
        executed(new Request(requestId, currentTraceId(), caller, role, operation, document, false), result, null, nanos);
    }

    /** Records an executed request with what its statements did ({@code activity}; null when not listened to). */
    public void executed(Request request, ExecutionResult result, AuditActivity activity, long nanos) {
        if (!log.isInfoEnabled()) {
            return;
        }
        Map<String, Object> record = start(request.requestId(), request.traceId(), request.caller(), request.role());
        if (request.explain()) {
            record.put("explain", true);
        }
        record.put("operation", request.operation());
        record.put("document_sha256", request.document() == null ? null : sha256(request.document()));
        record.put("root_fields", result.isDataPresent() && result.getData() instanceof Map<?, ?> data
                ? List.copyOf(data.keySet()) : List.of());
        if (activity != null) {
            record.put("tables_read", activity.tablesRead());
            record.put("tables_written", activity.tablesWritten());
            record.put("rows_returned", activity.rowsReturned());
            record.put("rows_written", activity.rowsWritten());
        }
        List<String> codes = result.getErrors().stream().map(AuditLog::code).filter(Objects::nonNull).distinct().toList();
        record.put("outcome", result.getErrors().isEmpty() ? "success" : result.isDataPresent() ? "errors" : "refused");
        record.put("error_codes", codes);
        record.put("duration_ms", nanos / 1_000_000);
        log.info(JSON.writeValueAsString(record));
    }

    /** Records a request the security filter chain refused (401 or 403) before GraphQL saw it. */
    public void refused(String caller, int status, String code, String path) {
        if (!log.isInfoEnabled()) {
            return;
        }
        refused(caller, null, status, code, path);
    }

    /** Records a request refused before it ran, as {@code role} when one was chosen (a refused explain, a bad body). */
    public void refused(String caller, String role, int status, String code, String path) {
        if (!log.isInfoEnabled()) {
            return;
        }
        Map<String, Object> record = start(null, currentTraceId(), caller, role);
        record.put("path", path);
        record.put("outcome", "refused");
        record.put("status", status);
        record.put("error_codes", List.of(code));
        log.info(JSON.writeValueAsString(record));
    }

    private static Map<String, Object> start(String requestId, String traceId, String caller, String role) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("time", Instant.now().toString());
        record.put("request_id", requestId);
        if (traceId != null) {
            record.put("trace_id", traceId);
        }
        record.put("caller", caller);
        record.put("role", role);
        return record;
    }

    private static String code(GraphQLError error) {
        return error.getExtensions() == null ? null : Objects.toString(error.getExtensions().get("code"), null);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
