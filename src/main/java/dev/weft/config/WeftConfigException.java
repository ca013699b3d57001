package dev.weft.config;

import java.util.List;

/**
 * Start-up cannot go on: the configuration or a source has problems. Carries all of them, so the
 * user fixes everything in one go; the web layer prints {@link #getMessage()} without a stack trace.
 */
public class WeftConfigException extends RuntimeException {
    private final List<ConfigProblem> problems;

    public WeftConfigException(List<ConfigProblem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(List<ConfigProblem> problems) {
        // no string concatenation: this may run when start-up has run out of heap (ConfigProblem#toString)
        StringBuilder text = new StringBuilder("Weft cannot start: ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems");
        problems.forEach(p -> text.append("\n  - ").append(p));
        return text.toString();
    }
}
