package dev.weft.web;

import dev.weft.config.ConfigProblem;
import dev.weft.config.WeftConfigException;
import java.util.List;
import java.util.Locale;

/**
 * Start-up ran out of heap: says so in the "Weft cannot start" message, with the heap the catalog needs
 * and the {@code -Xmx} to start with, instead of a stack trace. The figures are those of
 * {@code src/test/bench/startup.sh} (tables of 8 columns and 2 foreign keys; the README's "Sizing").
 *
 * <pre>{@code
 * } catch (OutOfMemoryError e) {
 *     throw StartupMemory.exhausted(tables);   // Weft cannot start: 1 problem - out of memory ... -Xmx1g
 * }
 * }</pre>
 */
final class StartupMemory {
    private static final long MB = 1024 * 1024;
    /** Spring, the drivers and Weft's own classes, before any table. */
    static final long BASE_MB = 96;
    /** The peak start-up heap a thousand tables add (catalog, bindings, schema, fetchers). */
    static final long MB_PER_1000_TABLES = 64;

    private StartupMemory() {
    }

    /** @param tables the tables read so far, or -1 when start-up ran out of heap before it knew */
    static WeftConfigException exhausted(int tables) {
        return exhausted(tables, Runtime.getRuntime().maxMemory());
    }

    static WeftConfigException exhausted(int tables, long maxHeap) {
        long max = maxHeap / MB;
        long needed = tables < 0 ? 0 : BASE_MB + (tables * MB_PER_1000_TABLES + 999) / 1000;
        String what = tables < 0 ? "out of memory reading the sources' catalogs with a maximum heap of " + max + " MB"
                : String.format(Locale.ROOT, "out of memory building the schema of %,d tables with a maximum heap of %d MB;"
                + " they need about %d MB", tables, max, needed);
        String xmx = xmx(Math.max(needed, 2 * max));
        return new Exhausted(List.of(new ConfigProblem(null, null, what + ". Start Weft with " + xmx
                + " or more (java " + xmx + " -jar weft.jar, or JAVA_TOOL_OPTIONS=" + xmx + ")")));
    }

    /** The heap ran out: the configuration is not wrong, the heap is too small. */
    static final class Exhausted extends WeftConfigException {
        Exhausted(List<ConfigProblem> problems) {
            super(problems);
        }
    }

    /** The {@code -Xmx} option of at least {@code mb} megabytes, rounded up to 256 MB: -Xmx512m, -Xmx1g. */
    static String xmx(long mb) {
        long rounded = (mb + 255) / 256 * 256;
        return rounded % 1024 == 0 ? "-Xmx" + rounded / 1024 + "g" : "-Xmx" + rounded + "m";
    }
}
