package dev.weft.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.AccessFile;
import dev.weft.config.AccessSpec;
import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.RelationshipSpec;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import dev.weft.testing.Dockerfile;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ByteArrayResource;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files cannot run here (no Docker engine, no cluster), so what can be checked is: every path
 * they name exists, ports, probes and names agree between the Dockerfile, {@code docker/compose.yml} and the
 * manifests of {@code deploy/kubernetes}, and the configuration files they carry are valid Weft configuration.
 * (DockerImageIT runs the image's extraction and command and asks the probe paths named here.)
 */
class DeploymentFilesTest {
    static final Path K8S = Path.of("deploy/kubernetes");
    private static final Set<String> LAYERS = Set.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

    private final Dockerfile dockerfile = Dockerfile.read(Path.of("Dockerfile"));

    @Test
    void theDockerfileBuildsWithTheWrapperAndRunsAsANonRootUserOnAJre21() throws IOException {
        Dockerfile.Stage build = dockerfile.stage("build");
        Dockerfile.Stage run = dockerfile.last();
        assertThat(build.image()).startsWith("eclipse-temurin:21-jdk");
        assertThat(run.image()).isEqualTo("eclipse-temurin:21-jre");
        assertThat(build.all("RUN")).anySatisfy(i -> assertThat(i.arguments()).startsWith("./mvnw ").contains("package"));
        assertThat(build.all("RUN")).anySatisfy(i -> assertThat(i.arguments()).contains("-Djarmode=tools", "extract", "--layers"));

        List<String> ignored = Files.readAllLines(Path.of(".dockerignore")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        for (Dockerfile.Instruction copy : build.all("COPY")) {
            List<String> words = copy.words();
            for (String source : words.subList(0, words.size() - 1)) {
                assertThat(Path.of(source)).as("COPY %s", source).exists();
                assertThat(ignored).as(".dockerignore must not hide %s", source)
                        .noneMatch(pattern -> source.startsWith(pattern.replace("**/", "")));
            }
        }
        List<String> layers = new ArrayList<>();
        for (Dockerfile.Instruction copy : run.all("COPY")) {
            List<String> words = copy.words();
            assertThat(words.get(0)).isEqualTo("--from=build");
            assertThat(words.get(1)).startsWith(build.workdir() + "/target/extracted/");
            layers.add(Path.of(words.get(1)).getFileName().toString());
            assertThat(words.get(2)).isEqualTo("./");
        }
        assertThat(layers).as("every layer, the most stable first").containsExactly("dependencies", "spring-boot-loader",
                "snapshot-dependencies", "application");
        assertThat(new HashSet<>(layers)).isEqualTo(LAYERS);

        String user = run.only("USER").arguments();
        assertThat(user).doesNotStartWith("0").isNotEqualTo("root");
        assertThat(run.all("RUN")).anySatisfy(i -> assertThat(i.arguments()).contains("useradd", "--uid " + user.split(":")[0]));
        assertThat(run.env()).containsEntry("SERVER_ADDRESS", "0.0.0.0").containsKey("SERVER_PORT");
        assertThat(run.only("EXPOSE").arguments()).isEqualTo(run.env().get("SERVER_PORT"));
        assertThat(run.execForm("ENTRYPOINT")).startsWith("java").endsWith("-jar", "weft.jar");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsWeftFromTheDockerfileBesideTheFourDatabases() throws IOException {
        Path dir = Path.of("docker");
        Map<String, Object> compose = yaml(dir.resolve("compose.yml"));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("mysql", "db2", "postgres", "mongodb", "weft");
        Map<String, Object> weft = services.get("weft");
        Map<String, Object> build = (Map<String, Object>) weft.get("build");
        assertThat(dir.resolve((String) build.get("context")).resolve((String) build.get("dockerfile")).normalize())
                .isEqualTo(Path.of("Dockerfile"));
        assertThat(((Map<String, Object>) weft.get("depends_on")).keySet()).containsExactlyInAnyOrder("mysql", "db2", "postgres", "mongodb");
        assertThat((List<String>) weft.get("ports")).containsExactly("127.0.0.1:8080:" + dockerfile.last().only("EXPOSE").arguments());

        String configFile = null;
        for (String volume : (List<String>) weft.get("volumes")) {
            String[] parts = volume.split(":");
            assertThat(dir.resolve(parts[0])).as(volume).isRegularFile();
            if (parts[1].endsWith("/weft.yml")) {
                configFile = parts[0];
            }
        }
        assertThat((List<String>) weft.get("command")).containsExactly("--spring.config.additional-location=file:/config/weft.yml");
        assertThat(configFile).isNotNull();
        Set<String> configured = services(Files.readString(dir.resolve(configFile))).stream().map(ServiceSettings::name)
                .collect(Collectors.toSet());
        Map<String, String> environment = (Map<String, String>) weft.get("environment");
        for (String variable : environment.keySet()) {
            if (variable.startsWith("WEFT_SERVICES_")) {
                String service = variable.substring("WEFT_SERVICES_".length(), variable.lastIndexOf('_')).toLowerCase(Locale.ROOT);
                assertThat(configured).as(variable).contains(service);
            }
        }
        String relationships = environment.get("WEFT_RELATIONSHIPS");
        assertThat((List<String>) weft.get("volumes")).anySatisfy(v -> assertThat(v).endsWith(":" + relationships + ":ro"));
        assertThat(String.join(" ", (List<String>) ((Map<String, Object>) weft.get("healthcheck")).get("test")))
                .contains("/actuator/health/readiness", "/dev/tcp/127.0.0.1/" + dockerfile.last().env().get("SERVER_PORT"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesManifestsAgreeWithTheImageAndCarryValidConfiguration() throws IOException {
        Map<String, Object> kustomization = yaml(K8S.resolve("kustomization.yaml"));
        Map<String, Map<String, Object>> byKind = new java.util.HashMap<>();
        for (String resource : (List<String>) kustomization.get("resources")) {
            Map<String, Object> manifest = yaml(K8S.resolve(resource));
            byKind.put((String) manifest.get("kind"), manifest);
        }
        assertThat(byKind).containsOnlyKeys("Deployment", "Service", "ConfigMap", "Secret");
        Map<String, Object> deployment = byKind.get("Deployment");
        Map<String, Object> template = map(deployment, "spec", "template");
        Map<String, Object> pod = map(template, "spec");
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);

        Map<String, Object> port = ((List<Map<String, Object>>) container.get("ports")).get(0);
        assertThat(String.valueOf(port.get("containerPort"))).isEqualTo(dockerfile.last().env().get("SERVER_PORT"));
        Map<String, Object> service = byKind.get("Service");
        assertThat(map(service, "spec", "selector")).isEqualTo(map(template, "metadata", "labels"));
        assertThat(((List<Map<String, Object>>) map(service, "spec").get("ports")).get(0).get("targetPort")).isEqualTo(port.get("name"));
        assertThat(map(service, "metadata").get("name")).isEqualTo("weft");

        assertThat(map(container, "livenessProbe", "httpGet")).containsEntry("path", "/actuator/health/liveness")
                .containsEntry("port", port.get("name"));
        assertThat(map(container, "startupProbe", "httpGet")).containsEntry("path", "/actuator/health/liveness");
        assertThat(map(container, "readinessProbe", "httpGet")).containsEntry("path", "/actuator/health/readiness")
                .containsEntry("port", port.get("name"));
        assertThat(map(container, "resources", "requests")).containsKeys("cpu", "memory");
        assertThat(map(container, "resources", "limits")).containsKey("memory");
        assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true).containsEntry("runAsUser",
                Integer.valueOf(dockerfile.last().only("USER").arguments().split(":")[0]));

        // the ConfigMap is mounted where the arguments and weft.yml look for its files
        Map<String, Object> configMap = byKind.get("ConfigMap");
        Map<String, String> files = (Map<String, String>) configMap.get("data");
        assertThat(files).containsOnlyKeys("weft.yml", "relationships.yml", "access.yml");
        Map<String, Object> mount = ((List<Map<String, Object>>) container.get("volumeMounts")).stream()
                .filter(m -> m.get("name").equals("config")).findFirst().orElseThrow();
        String mountPath = (String) mount.get("mountPath");
        Map<String, Object> volume = ((List<Map<String, Object>>) pod.get("volumes")).stream()
                .filter(v -> v.get("name").equals("config")).findFirst().orElseThrow();
        assertThat(map(volume, "configMap").get("name")).isEqualTo(map(configMap, "metadata").get("name"));
        assertThat((List<String>) container.get("args")).containsExactly("--spring.config.additional-location=file:" + mountPath + "/weft.yml");

        WeftProperties properties = bind(files.get("weft.yml"));
        assertThat(properties.relationships()).isEqualTo(mountPath + "/relationships.yml");
        assertThat(properties.security().access()).isEqualTo(mountPath + "/access.yml");
        Set<String> names = new ConfigValidator(ConfigOrigins.NONE).validate(properties).stream().map(ServiceSettings::name)
                .collect(Collectors.toSet());
        List<RelationshipSpec> relationships = RelationshipsFile.parse("relationships.yml", files.get("relationships.yml"));
        assertThat(relationships).isNotEmpty().allSatisfy(r -> assertThat(names).contains(r.service(), r.refService()));
        assertThat(files.get("relationships.yml")).isEqualTo(Files.readString(Path.of("docker/relationships.yml")));
        AccessSpec access = AccessFile.parse("access.yml", files.get("access.yml"));
        assertThat(access.roles()).isNotEmpty().allSatisfy(role -> assertThat(role.tables())
                .allSatisfy(table -> assertThat(names).contains(table.service())));

        // the Secret holds a password for every service, as the Weft setting of that name
        Map<String, Object> secret = byKind.get("Secret");
        assertThat(((List<Map<String, Object>>) container.get("envFrom")).get(0)).isEqualTo(Map.of("secretRef",
                Map.of("name", map(secret, "metadata").get("name"))));
        assertThat(((Map<String, String>) secret.get("stringData")).keySet()).isEqualTo(names.stream()
                .map(n -> "WEFT_SERVICES_" + n.toUpperCase(Locale.ROOT) + "_PASSWORD").collect(Collectors.toSet()));
        assertThat(files.get("weft.yml")).doesNotContain("password");
    }

    private static List<ServiceSettings> services(String weftYml) throws IOException {
        return new ConfigValidator(ConfigOrigins.NONE).validate(bind(weftYml));
    }

    private static WeftProperties bind(String weftYml) throws IOException {
        var loaded = new YamlPropertySourceLoader().load("weft.yml", new ByteArrayResource(weftYml.getBytes()));
        return new Binder(ConfigurationPropertySources.from(loaded)).bind("weft", Bindable.of(WeftProperties.class)).get();
    }

    static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> node, String... path) {
        Map<String, Object> current = node;
        for (String key : path) {
            assertThat(current).as("key %s", key).containsKey(key);
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }
}
