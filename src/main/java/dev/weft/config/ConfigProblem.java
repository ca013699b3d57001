package dev.weft.config;

/**
 * One thing wrong with the configuration, as the user must read it: where it is
 * ({@code application.yml:12}, or {@code weft.yml} when no line is known), which key, and what is wrong.
 */
public record ConfigProblem(String location, String key, String message) {

    @Override
    public String toString() {
        // no string concatenation: this runs when start-up has run out of heap, where linking one can fail again
        StringBuilder text = new StringBuilder();
        if (location != null && !location.isBlank()) {
            text.append(location).append(": ");
        }
        if (key != null && !key.isBlank()) {
            text.append(key).append(": ");
        }
        return text.append(message).toString();
    }
}
