package dev.weft.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the build runs npm ci for src/test/js, and how it reads the Node.js version. */
class NodeToolingTest {
    @TempDir
    Path dir;

    @Test
    void installsWhenNodeModulesIsMissingOrOlderThanTheLockFile() throws Exception {
        Path lock = Files.writeString(dir.resolve("package-lock.json"), "{}");
        assertThat(NodeTooling.upToDate(dir)).as("no node_modules").isFalse();

        Path installed = Files.createDirectories(dir.resolve("node_modules")).resolve(".package-lock.json");
        Files.writeString(installed, "{}");
        Files.setLastModifiedTime(lock, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.setLastModifiedTime(installed, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
        assertThat(NodeTooling.upToDate(dir)).as("installed after the lock file changed").isTrue();

        Files.setLastModifiedTime(lock, FileTime.from(Instant.parse("2026-01-03T00:00:00Z")));
        assertThat(NodeTooling.upToDate(dir)).as("lock file changed since").isFalse();
    }

    @Test
    void readsTheMajorVersionThatNodePrints() throws Exception {
        Path node = dir.resolve("node");
        Files.writeString(node, "#!/bin/sh\necho v18.19.0\n");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(NodeTooling.nodeMajor(node)).isEqualTo(18).isLessThan(NodeTooling.NODE_MAJOR);
    }
}
