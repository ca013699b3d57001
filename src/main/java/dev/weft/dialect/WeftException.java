package dev.weft.dialect;

/**
 * A failure with a code and a message that is safe to show a client (no SQL, no driver text).
 * The cause keeps the details for the log.
 *
 * <pre>{@code throw new WeftException(ErrorCode.BAD_USER_INPUT, "limit must not be negative");}</pre>
 */
public class WeftException extends RuntimeException {
    private final ErrorCode code;

    public WeftException(ErrorCode code, String safeMessage) {
        this(code, safeMessage, null);
    }

    public WeftException(ErrorCode code, String safeMessage, Throwable cause) {
        super(safeMessage, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static WeftException badInput(String message) {
        return new WeftException(ErrorCode.BAD_USER_INPUT, message);
    }
}
