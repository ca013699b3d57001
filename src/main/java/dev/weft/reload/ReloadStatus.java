package dev.weft.reload;

import dev.weft.config.ConfigProblem;
import java.time.Instant;
import java.util.List;

/**
 * What serves and how the last reload went, as {@code GET /actuator/weft/reload} shows it.
 *
 * @param version the hash of the serving version (configuration files and the sources' tables)
 * @param loadedAt when the serving version was loaded
 * @param outcome of the last attempt: {@code loaded} (a new version serves), {@code unchanged} (nothing
 *                differed, the version serves on) or {@code refused} (problems; the old version serves on);
 *                {@code started} before any reload
 * @param trigger what asked for the last attempt: {@code start-up}, {@code endpoint}, {@code file change ...}, {@code interval}
 * @param attemptedAt when the last attempt ended
 * @param millis how long the last attempt took
 * @param problems why the last attempt was refused, each as {@code file:line: key: message}
 */
public record ReloadStatus(String version, Instant loadedAt, String outcome, String trigger, Instant attemptedAt, long millis,
                           List<String> problems) {
    public static final String LOADED = "loaded";
    public static final String UNCHANGED = "unchanged";
    public static final String REFUSED = "refused";

    public ReloadStatus {
        problems = List.copyOf(problems);
    }

    static ReloadStatus started(Snapshot<?> serving) {
        return new ReloadStatus(serving.version(), serving.loadedAt(), "started", "start-up", serving.loadedAt(), 0, List.of());
    }

    static List<String> describe(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::toString).toList();
    }

    public boolean refused() {
        return REFUSED.equals(outcome);
    }
}
