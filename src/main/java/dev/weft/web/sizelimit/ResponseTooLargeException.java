package dev.weft.web.sizelimit;

import java.io.IOException;

/** Thrown by a bounded response's stream when the JSON text would pass {@code max-response-bytes}. */
final class ResponseTooLargeException extends IOException {
    private final long limit;

    ResponseTooLargeException(long limit) {
        super("the response holds more than " + limit + " bytes (max-response-bytes)");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /** The exception in {@code failure}'s causes, or null. */
    static ResponseTooLargeException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ResponseTooLargeException e) {
                return e;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
