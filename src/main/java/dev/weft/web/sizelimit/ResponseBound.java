package dev.weft.web.sizelimit;

import java.util.Map;

/**
 * The byte limit of one HTTP response and the bytes written so far. Unarmed (no limit) until the GraphQL execution
 * service {@link #arm arms} it with the caller's {@code max-response-bytes}, so only GraphQL responses are bounded.
 * One per HTTP request, in its attributes, shared by the request's dispatches.
 *
 * <pre>{@code
 * ResponseBound bound = ResponseBound.in(webGraphQlRequest.getAttributes());
 * if (bound != null) bound.arm(limits.maxResponseBytes());
 * }</pre>
 */
public final class ResponseBound {
    /** The request attribute that holds it. */
    public static final String ATTRIBUTE = ResponseBound.class.getName();

    private volatile long limit = Long.MAX_VALUE;
    private long written;

    /** The bound in a request's attributes, or null when the request was not filtered (tests outside HTTP). */
    public static ResponseBound in(Map<String, Object> attributes) {
        return attributes.get(ATTRIBUTE) instanceof ResponseBound b ? b : null;
    }

    /** Bounds the response to {@code maxBytes} bytes. */
    public void arm(long maxBytes) {
        limit = maxBytes;
    }

    /** Lifts the bound (the limit's own error is being written). */
    void disarm() {
        limit = Long.MAX_VALUE;
    }

    long limit() {
        return limit;
    }

    long written() {
        return written;
    }

    /** Counts {@code bytes} more; fails when the total passes the limit (nothing of those bytes may be written). */
    void count(int bytes) throws ResponseTooLargeException {
        long total = written + bytes;
        if (total > limit) {
            throw new ResponseTooLargeException(limit);
        }
        written = total;
    }
}
