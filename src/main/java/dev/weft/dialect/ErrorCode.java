package dev.weft.dialect;

/** The {@code extensions.code} values (README, "Errors") that the stages can raise. */
public enum ErrorCode {
    BAD_USER_INPUT,
    SOURCE_UNAVAILABLE,
    TIMEOUT,
    FORBIDDEN,
    INTERNAL
}
