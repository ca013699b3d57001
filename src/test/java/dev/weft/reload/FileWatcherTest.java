package dev.weft.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWatcherTest {
    @TempDir
    Path dir;

    private final LinkedBlockingQueue<Set<Path>> changes = new LinkedBlockingQueue<>();

    @Test
    void aChangedContentIsReportedOnceAndARewriteWithTheSameContentIsNot() throws Exception {
        Path file = dir.resolve("relationships.yml");
        Files.writeString(file, "relationships: []\n");
        try (FileWatcher watcher = FileWatcher.start(List.of(file), Duration.ofMillis(200), Duration.ofMillis(100), changes::add)) {
            Files.writeString(file, "relationships: []\n"); // modified, same content
            assertThat(changes.poll(1, TimeUnit.SECONDS)).isNull();

            Files.writeString(file, "relationships:\n  - service: hr\n");
            assertThat(changes.poll(5, TimeUnit.SECONDS)).containsExactly(file.toAbsolutePath().normalize());
            assertThat(changes.poll(700, TimeUnit.MILLISECONDS)).as("reported once").isNull();
            assertThat(watcher.files()).containsExactly(file.toAbsolutePath().normalize());
        }
    }

    @Test
    void aFileThatAppearsLaterIsReported() throws Exception {
        Path file = dir.resolve("relationships.yml");
        try (FileWatcher watcher = FileWatcher.start(List.of(file), Duration.ofMillis(200), Duration.ofMillis(100), changes::add)) {
            Files.writeString(file, "relationships: []\n");
            assertThat(changes.poll(5, TimeUnit.SECONDS)).containsExactly(file.toAbsolutePath().normalize());
        }
    }

    /**
     * A Kubernetes ConfigMap volume: {@code access.yml -> ..data/access.yml}, {@code ..data -> ..<timestamp>}; an
     * update writes a new timestamped directory and swaps the {@code ..data} link atomically. The file the path
     * names is never modified, only what it resolves to.
     */
    @Test
    void aConfigMapSwapOfTheDataLinkIsReported() throws Exception {
        Path first = Files.createDirectory(dir.resolve("..2026_12_06_10_00_00.1"));
        Files.writeString(first.resolve("access.yml"), "roles: {}\n");
        Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
        Path file = Files.createSymbolicLink(dir.resolve("access.yml"), Path.of("..data/access.yml"));
        try (FileWatcher watcher = FileWatcher.start(List.of(file), Duration.ofSeconds(30), Duration.ofMillis(100), changes::add)) {
            Path second = Files.createDirectory(dir.resolve("..2026_12_06_10_05_00.2"));
            Files.writeString(second.resolve("access.yml"), "roles: { reader: {} }\n");
            Path link = Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName());
            Files.move(link, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            // the poll interval is 30 s: only the directory watch can report it this soon
            assertThat(changes.poll(5, TimeUnit.SECONDS)).containsExactly(file.toAbsolutePath().normalize());
        }
    }
}
