package dev.weft.write;

import dev.weft.catalog.TableRef;
import dev.weft.dialect.WeftException;

/**
 * The two limits every {@link SourceWriter} enforces the same way, with the same messages: the role's
 * {@code max-rows-affected} and the {@code check} of its insert or update permission. A writer counts,
 * this class decides and words the refusal (BAD_USER_INPUT; the field then writes nothing).
 *
 * <pre>{@code
 * WriteGuards.bound(step, keys.size());                       // throws beyond max-rows-affected
 * WriteGuards.check(table.ref(), keys.size(), passing, "update");  // throws when a row fails the check
 * }</pre>
 */
public final class WriteGuards {
    private WriteGuards() {
    }

    /** Refuses a step that would write more rows than the role's {@code max-rows-affected}. */
    public static void bound(WriteStep step, int rows) {
        if (step.maxRows() != null && rows > step.maxRows()) {
            throw WeftException.badInput("the mutation would write " + rows + " rows of " + step.table().ref()
                    + ", more than the role's max-rows-affected (" + step.maxRows() + "); nothing was written");
        }
    }

    /** Refuses a write when fewer than all of its {@code written} rows pass the permission's check. */
    public static void check(TableRef table, int written, int passing, String kind) {
        if (passing < written) {
            throw WeftException.badInput((written - passing) + " of the rows this mutation would " + kind + " in "
                    + table + " fail the check of the role's " + kind + " permission; nothing was written");
        }
    }
}
