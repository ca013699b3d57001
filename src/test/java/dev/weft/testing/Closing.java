package dev.weft.testing;

/**
 * Closes a test's resources at its end, best effort: each one is closed even when an earlier one fails (null: never
 * opened).
 *
 * <pre>{@code
 * @AfterAll
 * void stop() {
 *     Closing.quietly(open, secured, shop, crm);
 * }
 * }</pre>
 */
public final class Closing {

    private Closing() {
    }

    public static void quietly(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception ignored) {
                // best effort: the other resources still close
            }
        }
    }
}
