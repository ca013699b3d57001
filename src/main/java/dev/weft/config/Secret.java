package dev.weft.config;

/** A value that must never reach a log or a response: {@link #toString()} hides it. */
public record Secret(String value) {
    public static final Secret NONE = new Secret(null);

    public boolean isPresent() {
        return value != null;
    }

    @Override
    public String toString() {
        return value == null ? "(none)" : "****";
    }
}
