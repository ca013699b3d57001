package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.WeftConfigException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Running out of heap at start-up is told as "Weft cannot start" with the heap the catalog needs and the
 * -Xmx to try, never as a stack trace: from the catalog and schema stages ({@link StartupMemory}, printed
 * by {@link ConfigFailureAnalyzer}) and from anywhere else ({@link OutOfMemoryFailureAnalyzer}).
 */
class StartupMemoryTest {
    private static final long MB = 1024 * 1024;

    @Test
    void theMessageNamesTheTablesTheHeapTheyNeedAndTheOptionToTry() {
        WeftConfigException e = StartupMemory.exhausted(5000, 256 * MB);
        long needed = StartupMemory.BASE_MB + 5 * StartupMemory.MB_PER_1000_TABLES;
        assertThat(e.getMessage()).startsWith("Weft cannot start: 1 problem\n  - out of memory building the schema of 5,000 tables"
                        + " with a maximum heap of 256 MB; they need about " + needed + " MB. Start Weft with "
                        + StartupMemory.xmx(Math.max(needed, 512)) + " or more")
                .doesNotContain("\tat ");
    }

    @Test
    void beforeTheTablesAreKnownItAsksForTwiceTheHeap() {
        assertThat(StartupMemory.exhausted(-1, 384 * MB).getMessage())
                .contains("out of memory reading the sources' catalogs with a maximum heap of 384 MB. Start Weft with -Xmx768m");
    }

    @Test
    void xmxRoundsUpTo256MegabytesAndWritesWholeGigabytesAsG() {
        assertThat(StartupMemory.xmx(1)).isEqualTo("-Xmx256m");
        assertThat(StartupMemory.xmx(300)).isEqualTo("-Xmx512m");
        assertThat(StartupMemory.xmx(1024)).isEqualTo("-Xmx1g");
        assertThat(StartupMemory.xmx(1100)).isEqualTo("-Xmx1280m");
    }

    @Test
    void theFailureAnalyzersPrintTheMessageAndAskForMoreHeap() {
        FailureAnalysis fromStages = new ConfigFailureAnalyzer().analyze(new BeanCreationException("weftRuntime",
                StartupMemory.exhausted(1000, 64 * MB)));
        assertThat(fromStages.getDescription()).contains("1,000 tables", "Start Weft with -Xmx");
        assertThat(fromStages.getAction()).contains("larger heap");

        FailureAnalysis elsewhere = new OutOfMemoryFailureAnalyzer().analyze(new BeanCreationException("tomcat",
                new OutOfMemoryError("Java heap space")));
        assertThat(elsewhere.getDescription()).startsWith("Weft cannot start: 1 problem\n  - out of memory starting with a maximum heap of")
                .contains("Start Weft with -Xmx").doesNotContain("\tat ");
        assertThat(elsewhere.getAction()).contains("larger heap");
    }
}
