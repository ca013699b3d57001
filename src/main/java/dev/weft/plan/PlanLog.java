package dev.weft.plan;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plans chosen, at DEBUG on the logger {@code weft.plan} ({@code logging.level.weft.plan=DEBUG}):
 * the sides, their estimates, the choice, and each statement sent (table, kind, number of keys).
 * Values of the request are never logged, only their counts.
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

    static void statement(String format, Object... args) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("  statement: " + format, args);
        }
    }
}
