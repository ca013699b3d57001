package dev.weft.deploy;

import static dev.weft.deploy.DeploymentFilesTest.K8S;
import static dev.weft.deploy.DeploymentFilesTest.map;
import static dev.weft.deploy.DeploymentFilesTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.Dockerfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the container image does, without a Docker engine: the packaged {@code target/weft.jar} (so failsafe runs
 * this after {@code package}) is split into layers by the Dockerfile's own {@code RUN java -Djarmode=tools ...}
 * command, the layers are copied as its {@code COPY --from=build} lines copy them, and the {@code ENTRYPOINT} runs
 * in the {@code WORKDIR} with the image's {@code ENV} and nothing else of this machine's environment (but the
 * variables Kubernetes adds for a Service named weft). Then it must serve the embedded demo: the probe paths of the
 * Kubernetes manifest and the compose healthcheck answer, GraphiQL's opening query runs with its relationships
 * across the demo's databases, and the server answers on an address other than 127.0.0.1.
 */
class DockerImagePackagedIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DEFAULT_QUERY = Pattern.compile("id=\"weft-default-query\">(.*?)</script>", Pattern.DOTALL);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    Path root;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @SuppressWarnings("unchecked")
    void theImagesLayersAndCommandServeTheDemo() throws Exception {
        Path jar = Path.of("target/weft.jar");
        assertThat(jar).as("the packaged jar (run by failsafe after package)").isRegularFile();
        Dockerfile dockerfile = Dockerfile.read(Path.of("Dockerfile"));
        Dockerfile.Stage build = dockerfile.stage("build");
        Dockerfile.Stage image = dockerfile.last();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Path buildDir = inside(root, build.workdir());
        Files.createDirectories(buildDir.resolve("target"));
        Files.copy(jar, buildDir.resolve("target/weft.jar"));
        Dockerfile.Instruction extract = build.all("RUN").stream().filter(i -> i.arguments().contains("-Djarmode=tools"))
                .findFirst().orElseThrow();
        List<String> command = new ArrayList<>(extract.words());
        assertThat(command.get(0)).isEqualTo("java");
        command.set(0, java);
        Process extraction = new ProcessBuilder(command).directory(buildDir.toFile()).inheritIO().start();
        assertThat(extraction.waitFor()).as("%s", command).isZero();

        Path app = inside(root, image.workdir());
        long applicationLayer = 0;
        long total = 0;
        for (Dockerfile.Instruction copy : image.all("COPY")) {
            List<String> words = copy.words();
            Path layer = inside(root, words.get(1));
            assertThat(layer).as("layer %s", words.get(1)).isDirectory();
            long size = copyTree(layer, app.resolve(words.get(2)));
            total += size;
            if (layer.getFileName().toString().equals("application")) {
                applicationLayer = size;
            }
        }
        System.out.printf("[DockerImagePackagedIT] layers: %d bytes, of which the application layer %d%n", total, applicationLayer);
        assertThat(applicationLayer).as("a code change rebuilds only a small layer").isPositive().isLessThan(total / 10);

        List<String> entrypoint = new ArrayList<>(image.execForm("ENTRYPOINT"));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        entrypoint.set(0, java);
        int port = freePort();
        ProcessBuilder weft = new ProcessBuilder(entrypoint).directory(app.toFile())
                .redirectErrorStream(true).redirectOutput(root.resolve("weft.log").toFile());
        weft.environment().clear();
        weft.environment().putAll(image.env());
        weft.environment().put("SERVER_PORT", String.valueOf(port));      // docker run -e SERVER_PORT=...
        weft.environment().putAll(Map.of("WEFT_PORT", "tcp://10.0.0.1:80", "WEFT_PORT_80_TCP", "tcp://10.0.0.1:80",
                "WEFT_SERVICE_HOST", "10.0.0.1", "WEFT_SERVICE_PORT", "80", "WEFT_SERVICE_PORT_HTTP", "80"));
        long start = System.nanoTime();
        Process process = weft.start();
        try {
            Map<String, Object> container = ((List<Map<String, Object>>) map(yaml(K8S.resolve("deployment.yaml")),
                    "spec", "template", "spec").get("containers")).get(0);
            String readiness = (String) map(container, "readinessProbe", "httpGet").get("path");
            String liveness = (String) map(container, "livenessProbe", "httpGet").get("path");
            awaitReady(process, port, readiness);
            System.out.printf("[DockerImagePackagedIT] ready after %d ms; RSS %s%n", (System.nanoTime() - start) / 1_000_000,
                    Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                            .filter(l -> l.startsWith("VmRSS")).findFirst().orElse("?"));

            for (String probe : List.of(readiness, liveness)) {
                HttpResponse<String> response = get(port, probe);
                assertThat(response.statusCode()).as(probe).isEqualTo(200);
                assertThat(JSON.readTree(response.body()).at("/status").asString()).as(probe).isEqualTo("UP");
            }
            assertComposeHealthcheckPasses(port);

            Matcher m = DEFAULT_QUERY.matcher(get(port, "/graphiql").body());
            assertThat(m.find()).isTrue();
            String query = JSON.readTree(m.group(1)).asString();
            assertThat(query).contains("query Demo");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                    .header("Content-Type", "application/json").header("X-API-Key", "demo-manager-key")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.has("errors")).as(response.body()).isFalse();
            JsonNode first = body.at("/data/hr_employees/0");
            assertThat(first.at("/emp_no").asInt()).isEqualTo(10001);
            assertThat(first.at("/status/status").isString()).as("hrstatus, through the jar's relationships: %s", first).isTrue();
            assertThat(first.at("/projects").isArray()).isTrue();
            assertThat(first.at("/clicks").isArray()).isTrue();

            // bound to 0.0.0.0 (the image's SERVER_ADDRESS): answers on another address than 127.0.0.1
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.2", port), 5_000);
                assertThat(socket.isConnected()).isTrue();
            }
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            System.out.println("[DockerImagePackagedIT] log tail:\n" + String.join("\n", tail(root.resolve("weft.log"), 15)));
        }
    }

    @SuppressWarnings("unchecked")
    private void assertComposeHealthcheckPasses(int port) throws Exception {
        Map<String, Object> weft = ((Map<String, Map<String, Object>>) yaml(Path.of("docker/compose.yml")).get("services")).get("weft");
        List<String> test = (List<String>) ((Map<String, Object>) weft.get("healthcheck")).get("test");
        assertThat(test.get(0)).isEqualTo("CMD");
        List<String> command = new ArrayList<>(test.subList(1, test.size()));
        command.replaceAll(word -> word.replace("/dev/tcp/127.0.0.1/8080", "/dev/tcp/127.0.0.1/" + port));
        Process check = new ProcessBuilder(command).inheritIO().start();
        assertThat(check.waitFor()).as("compose healthcheck %s", command).isZero();
    }

    private void awaitReady(Process process, int port, String readiness) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("Weft exited:\n%s", String.join("\n", tail(root.resolve("weft.log"), 40))).isTrue();
            try {
                if (get(port, readiness).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not ready within " + START_TIMEOUT + ":\n" + String.join("\n", tail(root.resolve("weft.log"), 40)));
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code /build/target/x} of the image as a directory under {@code root}. */
    private static Path inside(Path root, String imagePath) {
        return root.resolve(imagePath.replaceFirst("^/", ""));
    }

    /** Copies the files under {@code from} into {@code to} as Docker's COPY of a directory does; returns their bytes. */
    private static long copyTree(Path from, Path to) throws IOException {
        long[] bytes = {0};
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                        bytes[0] += Files.size(source);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return bytes[0];
    }

    private static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.exists(file) ? Files.readAllLines(file) : List.of();
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
