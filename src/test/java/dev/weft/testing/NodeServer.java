package dev.weft.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Node.js server of {@code src/test/js} (a gateway, a second subgraph) run for a test: started with the
 * machine's node from the project's base directory, it prints one line {@code READY <value> <value>...} once
 * it listens; {@link #ready()} holds those values. Everything it prints is kept for failure messages and
 * printed when it is closed, which stops the process.
 *
 * <pre>{@code
 * try (NodeServer gateway = NodeServer.start("stitching-gateway.mjs", List.of("@graphql-tools/stitch"), weftUrl, key)) {
 *     String url = gateway.ready().get(0);
 * }
 * }</pre>
 *
 * <p>Fails, never skips, when node or a package of {@code src/test/js/node_modules} is missing.
 */
public final class NodeServer implements AutoCloseable {
    public static final Path BASE_DIR = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    public static final Path SCRIPTS = BASE_DIR.resolve("src/test/js");
    private static final Duration START = Duration.ofSeconds(90);
    private static final String INSTALL = "the build installs them before the tests (./mvnw verify, or"
            + " ./mvnw process-test-classes), or run `npm ci --prefix src/test/js` in " + BASE_DIR;

    private final String script;
    private final Process process;
    private final StringBuffer output;
    private final Thread pump;
    private final List<String> ready;

    private NodeServer(String script, Process process, StringBuffer output, Thread pump, List<String> ready) {
        this.script = script;
        this.process = process;
        this.output = output;
        this.pump = pump;
        this.ready = ready;
    }

    /** Starts {@code node src/test/js/<script> <args...>} and waits for its READY line. */
    public static NodeServer start(String script, List<String> modules, String... args) {
        Path node = NodeTooling.onPath("node").orElseGet(() -> fail("node is not on PATH: install Node.js 20 or newer"
                + " (e.g. `apt-get install -y nodejs npm`), then " + INSTALL));
        for (String module : modules) {
            if (!Files.isDirectory(SCRIPTS.resolve("node_modules").resolve(module))) {
                fail("src/test/js/node_modules/" + module + " is missing: " + INSTALL);
            }
        }
        List<String> command = new ArrayList<>(List.of(node.toString(), SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(BASE_DIR.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
        StringBuffer output = new StringBuffer();
        CompletableFuture<List<String>> readyLine = new CompletableFuture<>();
        Thread pump = Thread.ofVirtual().start(() -> pump(process, output, readyLine));
        try {
            return new NodeServer(script, process, output, pump, readyLine.get(START.toSeconds(), TimeUnit.SECONDS));
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            return fail(script + (process.isAlive() ? " did not print READY within " + START.toSeconds() + " s"
                    : " exited before it printed READY") + "; output:\n" + output);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + script, e);
        }
    }

    private static void pump(Process process, StringBuffer output, CompletableFuture<List<String>> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.append(line).append('\n');
                if (!ready.isDone() && line.startsWith("READY ")) {
                    ready.complete(List.copyOf(Arrays.asList(line.substring(6).trim().split("\\s+"))));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        ready.completeExceptionally(new IOException("exited"));
    }

    /** The values of the READY line (URLs, ports), in order. */
    public List<String> ready() {
        return ready;
    }

    /** What the process printed so far. */
    public String output() {
        return output.toString();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for a script that ends by itself and returns its exit code; fails with its output if it runs on. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail(script + " still runs after " + timeout + "; output:\n" + output);
        }
        pump.join(TimeUnit.SECONDS.toMillis(10)); // the last lines
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.println("---- node " + script + "\n" + output + "---- end of " + script);
    }
}
