package dev.weft.plan;

import dev.weft.execute.activity.Activity;
import dev.weft.execute.activity.PlanChoice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plans chosen, at DEBUG on the logger {@code weft.plan} ({@code logging.level.weft.plan=DEBUG}):
 * the sides, their estimates, the choice, and each statement sent (table, kind, number of keys).
 * Values of the request are never logged, only their counts. Each choice is also reported to the request's listeners
 * ({@link Activity}: explain shows them).
 */
final class PlanLog {
    private static final Logger LOG = LoggerFactory.getLogger("weft.plan");

    private PlanLog() {
    }

    static boolean enabled() {
        return LOG.isDebugEnabled();
    }

    static void choice(String format, Object... args) {
        LOG.debug(format, args);
    }

    /** Reports a choice to the request's listeners, if any. */
    static void report(PlanChoice choice) {
        Activity.choice(choice);
    }

    /** A condition's name as a report shows it: the relationship field, unquoted ({@code orders}). */
    static String condition(String leafName) {
        return leafName.replace("'", "");
    }

    static void statement(String format, Object... args) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("  statement: " + format, args);
        }
    }
}
