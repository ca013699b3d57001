package dev.weft.execute;

import dev.weft.config.Redaction;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client sees of a field that failed: a code and a safe message. The whole failure (SQL,
 * driver text, stack) goes to the log under the request id, configured secrets masked ({@link Redaction});
 * an internal error tells the client only that id. Shared by both execution paths so they report failures identically.
 *
 * <pre>{@code
 * FieldFailure f = FieldFailure.of(exception, "3f2a...", "/hr_employees/0/status");
 * // f.code() == SOURCE_UNAVAILABLE, f.message() == "source 'hrstatus' is unavailable"
 * }</pre>
 */
public record FieldFailure(ErrorCode code, String message) {
    private static final Logger log = LoggerFactory.getLogger(FieldFailure.class);

    /** Classifies {@code thrown} (unwrapping futures) and logs it with the request id and path. */
    public static FieldFailure of(Throwable thrown, String requestId, Object path) {
        Throwable e = thrown;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof WeftException weft) {
            String message = Redaction.redact(weft.getMessage());
            if (weft.code() == ErrorCode.BAD_USER_INPUT && weft.getCause() == null) {
                log.debug("request {} at {}: {}", requestId, path, message);
            } else { // the driver's text may repeat a password written in the URL
                log.warn("request {} at {}: {}", requestId, path, message, Redaction.redact(weft.getCause() == null ? weft : weft.getCause()));
            }
            return new FieldFailure(weft.code(), message);
        }
        log.error("request {} at {}: unexpected failure", requestId, path, Redaction.redact(e));
        return new FieldFailure(ErrorCode.INTERNAL,
                "internal error; the server log has the details under request id " + requestId);
    }
}
