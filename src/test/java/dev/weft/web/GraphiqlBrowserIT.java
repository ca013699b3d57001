package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.weft.testing.NodeTooling;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Opens Weft's GraphiQL ({@code GET /graphiql}, embedded demo) in Debian's headless Chromium
 * through {@code src/test/js/graphiql-check.mjs}: the page must load with no request to another
 * host, render the editor and run its default query to a result with {@code "data"}. Leaves a
 * screenshot in {@code target/graphiql.png}.
 *
 * <p>Fails, never skips, when node, {@code src/test/js/node_modules} or {@code /usr/bin/chromium}
 * is missing; {@code src/test/js/README.md} says how to install them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GraphiqlBrowserIT {

    @LocalServerPort
    int port;

    @Test
    void graphiqlRunsTheDefaultQueryWithLocalAssetsOnly() {
        NodeScript.requireChromium();
        NodeScript.run("graphiql-check.mjs", "http://127.0.0.1:" + port);
    }

    /**
     * Runs a script of {@code src/test/js} with node from the project's base directory and
     * asserts that it exits 0; shared with {@link GraphqlHttpAuditIT}.
     */
    static final class NodeScript {

        static final Path BASE_DIR = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        static final Path SCRIPTS = BASE_DIR.resolve("src/test/js");
        static final long TIMEOUT_SECONDS = 120;
        private static final String INSTALL = "the build installs them before the tests (./mvnw verify, or"
                + " ./mvnw process-test-classes), or run `npm ci --prefix src/test/js` in " + BASE_DIR;

        private NodeScript() {
        }

        /** Fails unless Debian's Chromium is installed where the script expects it. */
        static void requireChromium() {
            if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
                fail("/usr/bin/chromium is missing: install it with `apt-get install -y chromium`");
            }
        }

        /** Runs {@code node src/test/js/<script> <args...>}, prints its output, asserts exit 0. */
        static void run(String script, String... args) {
            Path node = findNode();
            for (String module : List.of("playwright-core", "graphql-http", "graphql")) {
                if (!Files.isDirectory(SCRIPTS.resolve("node_modules").resolve(module))) {
                    fail("src/test/js/node_modules/" + module + " is missing: " + INSTALL);
                }
            }
            List<String> command = new ArrayList<>(List.of(node.toString(), SCRIPTS.resolve(script).toString()));
            command.addAll(List.of(args));
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(BASE_DIR.toFile()).redirectErrorStream(true);
                builder.environment().put("WEFT_API_KEY", "demo-manager-key"); // the embedded demo's documented key
                Process process = builder.start();
                process.getOutputStream().close();
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                Thread pump = Thread.ofVirtual().start(() -> copy(process.getInputStream(), output));
                boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (!finished) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                pump.join(TimeUnit.SECONDS.toMillis(10));
                String text = output.toString(StandardCharsets.UTF_8);
                System.out.println("---- " + String.join(" ", command) + "\n" + text + "---- end of " + script);
                assertThat(finished).as("%s did not finish within %d s; output:%n%s", script, TIMEOUT_SECONDS, text)
                        .isTrue();
                assertThat(process.exitValue()).as("exit code of %s; output:%n%s", script, text).isZero();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + command, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + script, e);
            }
        }

        /** The node executable on PATH; fails with how to install it when there is none. */
        private static Path findNode() {
            return NodeTooling.onPath("node").orElseGet(() -> fail("node is not on PATH: install Node.js 20 or newer"
                    + " (e.g. `apt-get install -y nodejs npm`), then " + INSTALL));
        }

        private static void copy(InputStream in, ByteArrayOutputStream out) {
            try (in) {
                in.transferTo(out);
            } catch (IOException e) {
                // the process ended; what was read so far is kept
            }
        }
    }
}
