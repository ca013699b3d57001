package dev.weft.limits;

import dev.weft.config.LimitSettings;
import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one request may still read: its lists are held to {@code max-rows}, its rows to
 * {@code max-response-bytes} (an estimate of the values read, charged as each batch of rows arrives)
 * and its time to {@code request-timeout}. The first limit it passes fails the request (every later
 * charge fails at once, so no further statement runs), and {@link LimitsInstrumentation} answers
 * with that one error instead of a partial response. Thread-safe: sibling fields charge concurrently.
 *
 * <pre>{@code
 * RequestBudget budget = RequestBudget.of(graphQLContext);
 * budget.checkList(rows.size());      // more than max-rows: WeftException(BAD_USER_INPUT)
 * budget.charge(estimatedBytes);      // past max-response-bytes or the deadline: WeftException
 * }</pre>
 */
public final class RequestBudget {
    /** Where a request's budget sits in its GraphQL context. */
    public static final String CONTEXT_KEY = RequestBudget.class.getName();

    private final LimitSettings limits;
    private final long deadline;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicReference<GraphQLError> failure = new AtomicReference<>();

    public RequestBudget(LimitSettings limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.requestTimeout().toNanos();
    }

    /** The request's budget; a request that was given none gets one with the default limits. */
    public static RequestBudget of(GraphQLContext context) {
        return context.computeIfAbsent(CONTEXT_KEY, k -> new RequestBudget(LimitSettings.DEFAULTS));
    }

    public LimitSettings limits() {
        return limits;
    }

    /** The most rows to read for one list: one more than {@code max-rows}, so that a longer list is seen. */
    public long listReadCap() {
        return limits.maxRows() + 1L;
    }

    /** Fails when a list holds more than {@code max-rows} rows. */
    public void checkList(int rows) {
        checkOpen();
        if (rows > limits.maxRows()) {
            throw fail(ErrorCode.BAD_USER_INPUT, "max-rows", "a list of the response holds more than " + limits.maxRows()
                    + " rows (max-rows); add a limit or a narrower where");
        }
    }

    /** Whether {@code estimatedBytes} more would stay within {@code max-response-bytes}. */
    public boolean fits(long estimatedBytes) {
        return bytes.get() + estimatedBytes <= limits.maxResponseBytes();
    }

    /** Adds {@code estimatedBytes} to the response; fails past {@code max-response-bytes} or past the request's deadline. */
    public void charge(long estimatedBytes) {
        checkOpen();
        if (bytes.addAndGet(estimatedBytes) > limits.maxResponseBytes()) {
            throw fail(ErrorCode.BAD_USER_INPUT, "max-response-bytes", "the response would hold more than "
                    + limits.maxResponseBytes() + " bytes (max-response-bytes); ask for fewer rows, fields or levels");
        }
    }

    /** Fails when the request has already failed a limit or run past its timeout. */
    public void checkOpen() {
        GraphQLError failed = failure.get();
        if (failed != null) {
            throw new WeftException(ErrorCode.valueOf(String.valueOf(failed.getExtensions().get("code"))), failed.getMessage());
        }
        if (System.nanoTime() - deadline > 0) {
            throw fail(ErrorCode.TIMEOUT, "request-timeout", "the request ran longer than "
                    + TimeUnit.NANOSECONDS.toMillis(limits.requestTimeout().toNanos()) + " ms (request-timeout)");
        }
    }

    /** The error of the first limit the request passed, or null. */
    public GraphQLError failure() {
        return failure.get();
    }

    private WeftException fail(ErrorCode code, String limit, String message) {
        failure.compareAndSet(null, LimitError.of(code, limit, message));
        GraphQLError first = failure.get();
        return new WeftException(code, first.getMessage());
    }
}
