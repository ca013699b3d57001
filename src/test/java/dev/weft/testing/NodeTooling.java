package dev.weft.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installs the Node packages of the browser and HTTP checks ({@code src/test/js}) with the machine's npm, as
 * {@code ./mvnw verify} does before the tests (pom.xml, exec-maven-plugin, phase {@code process-test-classes}).
 * Nothing is installed when {@code node_modules} is newer than {@code package-lock.json}; a missing or old
 * Node.js stops the build with what to install.
 *
 * <pre>{@code
 * java dev.weft.testing.NodeTooling src/test/js    // npm ci --no-audit --no-fund, or "up to date"
 * }</pre>
 */
public final class NodeTooling {
    static final int NODE_MAJOR = 20;
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.");
    private static final String PREREQUISITE = "The browser and HTTP checks of ./mvnw verify need Node.js " + NODE_MAJOR
            + " or newer with npm on PATH (README, \"The two commands\"; Debian: apt-get install -y nodejs npm)";

    private NodeTooling() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path directory = Path.of(args.length > 0 ? args[0] : "src/test/js").toAbsolutePath();
        if (upToDate(directory)) {
            System.out.println("[NodeTooling] " + directory.resolve("node_modules") + " is up to date with package-lock.json");
            return;
        }
        Path node = onPath("node").orElseThrow(() -> new IllegalStateException("node is not on PATH. " + PREREQUISITE));
        int major = nodeMajor(node);
        if (major < NODE_MAJOR) {
            throw new IllegalStateException(node + " is Node.js " + major + ". " + PREREQUISITE);
        }
        Path npm = onPath("npm").orElseThrow(() -> new IllegalStateException("npm is not on PATH. " + PREREQUISITE));
        List<String> command = List.of(npm.toString(), "ci", "--no-audit", "--no-fund", "--loglevel=error");
        System.out.println("[NodeTooling] " + String.join(" ", command) + " in " + directory);
        int exit = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("npm ci failed in " + directory + " (exit code " + exit
                    + "); its output is above. The packages come from the npm registry.");
        }
    }

    /** npm ci writes {@code node_modules/.package-lock.json} last; older than the lock file means out of date. */
    static boolean upToDate(Path directory) throws IOException {
        Path installed = directory.resolve("node_modules/.package-lock.json");
        Path lock = directory.resolve("package-lock.json");
        return Files.exists(installed)
                && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0;
    }

    static int nodeMajor(Path node) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
        String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor(30, TimeUnit.SECONDS);
        Matcher m = VERSION.matcher(version);
        if (!m.lookingAt()) {
            throw new IllegalStateException(node + " --version printed '" + version + "'. " + PREREQUISITE);
        }
        return Integer.parseInt(m.group(1));
    }

    /** The executable on PATH ({@code npm.cmd} and {@code node.exe} on Windows). */
    public static Optional<Path> onPath(String name) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> names = windows ? List.of(name + ".cmd", name + ".exe", name) : List.of(name);
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String candidate : names) {
                Path path = Path.of(dir.isEmpty() ? "." : dir, candidate);
                if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                    return Optional.of(path);
                }
            }
        }
        return Optional.empty();
    }
}
