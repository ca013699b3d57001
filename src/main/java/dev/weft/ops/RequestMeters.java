package dev.weft.ops;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Weft's request meters: the timer {@code weft.requests} (tag {@code outcome}: success or errors) and the
 * counter {@code weft.requests.refused} (tag {@code reason}: auth for a 401 or 403, validation for a document
 * that does not parse or validate, limit for a role's max-depth or max-fields, rate for a request over a
 * role's or API key's requests-per-minute/second, a 429). Without a registry, nothing.
 *
 * <pre>{@code
 * RequestMeters meters = new RequestMeters(registry);
 * meters.executed(result, System.nanoTime() - start);   // times it, counts a refusal by validation or limit
 * meters.refused("auth");                               // a 401 or 403 of the security filter chain
 * }</pre>
 */
public final class RequestMeters {
    public static final RequestMeters NONE = new RequestMeters(null);

    private final MeterRegistry registry;
    private final Timer succeeded;
    private final Timer failed;

    public RequestMeters(MeterRegistry registry) {
        this.registry = registry;
        this.succeeded = registry == null ? null : requests(registry, "success");
        this.failed = registry == null ? null : requests(registry, "errors");
    }

    private static Timer requests(MeterRegistry registry, String outcome) {
        return Timer.builder("weft.requests").description("GraphQL requests run by Weft, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    /** Times an executed request; one refused before running (nothing fetched) is counted by its reason. */
    public void executed(ExecutionResult result, long nanos) {
        if (registry == null) {
            return;
        }
        (result.getErrors().isEmpty() ? succeeded : failed).record(nanos, TimeUnit.NANOSECONDS);
        if (!result.isDataPresent() && !result.getErrors().isEmpty()) {
            ErrorClassification type = result.getErrors().get(0).getErrorType();
            if (type == ErrorType.ExecutionAborted) {
                refused("limit");
            } else if (type == ErrorType.InvalidSyntax || type == ErrorType.ValidationError
                    || type == ErrorType.OperationNotSupported) {
                refused("validation");
            }
        }
    }

    /** Counts a request refused for {@code reason}: auth, validation, limit or rate. */
    public void refused(String reason) {
        if (registry != null) {
            Counter.builder("weft.requests.refused").description("requests refused before running, by reason")
                    .tag("reason", reason).register(registry).increment();
        }
    }
}
