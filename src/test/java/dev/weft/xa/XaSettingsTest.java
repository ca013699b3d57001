package dev.weft.xa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.config.WeftConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XaSettingsTest {
    @Test
    void theDefaultNodeIdIsStableForALogDirectoryAndFitsNarayanasLimit() {
        XaSettings a = new XaSettings(Path.of("/var/lib/weft/a"), null, null);
        XaSettings again = new XaSettings(Path.of("/var/lib/weft/a"), null, null);
        XaSettings b = new XaSettings(Path.of("/var/lib/weft/b"), null, null);
        assertThat(a.nodeId()).isEqualTo(again.nodeId()).isNotEqualTo(b.nodeId()).startsWith("weft-");
        assertThat(a.nodeId().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(XaSettings.MAX_NODE_ID_BYTES);
        assertThat(a.recoveryPeriod()).isEqualTo(XaSettings.DEFAULT_RECOVERY_PERIOD);
    }

    @Test
    void aNodeIdTooLongOrARecoveryPeriodUnderASecondIsRefused() {
        assertThatThrownBy(() -> new XaSettings(null, "x".repeat(29), null)).hasMessageContaining("weft.transactions.node-id");
        assertThatThrownBy(() -> new XaSettings(null, "w", Duration.ofMillis(10))).hasMessageContaining("recovery-period");
    }

    @Test
    void aLogDirectoryThatCannotBeCreatedIsAConfigProblemNamingTheKey(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        assertThatThrownBy(() -> XaCoordinator.requireWritable(file.resolve("log")))
                .isInstanceOf(WeftConfigException.class).hasMessageContaining("weft.transactions.log-dir")
                .hasMessageContaining("writable, persistent directory");
        XaCoordinator.requireWritable(tmp.resolve("new/log"));
        assertThat(tmp.resolve("new/log")).isDirectory();
    }
}
