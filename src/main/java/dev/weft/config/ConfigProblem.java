package dev.weft.config;

/**
 * One thing wrong with the configuration, as the user must read it: where it is
 * ({@code application.yml:12}, or {@code weft.yml} when no line is known), which key, and what is wrong.
 */
public record ConfigProblem(String location, String key, String message) {

    @Override
    public String toString() {
        String where = location == null || location.isBlank() ? "" : location + ": ";
        String what = key == null || key.isBlank() ? "" : key + ": ";
        return where + what + message;
    }
}
