package dev.weft.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Weft in a JVM of its own (the test classpath, {@code dev.weft.WeftApplication}), with a given heap and
 * configuration file, as a user starts it; its output goes to a file. Closing it stops the process.
 *
 * <pre>{@code
 * try (WeftProcess weft = WeftProcess.start(yml, dir, "-Xmx512m")) {
 *     weft.awaitServing(Duration.ofMinutes(4));
 *     String json = weft.post("{ wide_t0001 { id } }");
 * }
 * }</pre>
 */
public final class WeftProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path log;
    private final int port;

    private WeftProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts {@code java <jvmOptions> ... dev.weft.WeftApplication} with {@code yml} on a free port; output in
     * {@code dir}. {@code jvmOptions} sets at least the heap ({@code -Xmx512m}).
     */
    public static WeftProcess start(Path yml, Path dir, String... jvmOptions) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = dir.resolve("weft-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.weft.WeftApplication",
                "--server.port=" + port, "--spring.config.additional-location=file:" + yml));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        return new WeftProcess(process, log, port);
    }

    /**
     * Waits until Weft answers on /graphql (any HTTP status: with access control, a request without credentials
     * is a 401); fails with its output if it exits or does not answer in time.
     */
    public void awaitServing(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("Weft exited with " + process.exitValue() + " before serving:\n" + output());
            }
            try {
                send("{ __typename }");
                return;
            } catch (IOException notYet) {
                Thread.sleep(500);
            }
        }
        fail("Weft did not serve within " + timeout + ":\n" + output());
    }

    /** Waits for the process to exit and returns its exit code; fails if it still runs after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("Weft still runs after " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /** POSTs a query to /graphql and returns the response body (HTTP 200 asserted). */
    public String post(String query) throws IOException, InterruptedException {
        HttpResponse<String> response = send(query);
        if (response.statusCode() != 200) {
            fail("HTTP " + response.statusCode() + " for " + query + ": " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> send(String query) throws IOException, InterruptedException {
        String body = "{\"query\":\"" + query.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return HTTP.send(HttpRequest.newBuilder(URI.create(url()))
                .timeout(Duration.ofMinutes(2)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/graphql";
    }

    /** Everything the process printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
