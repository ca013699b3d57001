package dev.weft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import dev.weft.web.CheckedYamlPropertySourceLoader;
import dev.weft.web.PropertyOrigins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Golden cases for the {@code weft.*} configuration: every {@code config/invalid/X.yml} is bound
 * with Spring's {@link Binder} (as the application binds it, origins included) and validated; the
 * problems, one per line as the start-up message prints them ({@code X.yml:LINE: key: message}),
 * must equal {@code config/invalid/X.expected}. Every {@code config/valid/X.yml} has no problem, and
 * its resolved services (defaults applied) must equal {@code config/valid/X.expected}.
 * Files are read with Weft's YAML loader, which refuses a syntax error or a key written twice (its
 * problem is then the case's only one). Lines of an {@code .expected} file starting with {@code #} are comments.
 */
class ConfigGoldenTest {
    private static final PathMatchingResourcePatternResolver RESOURCES = new PathMatchingResourcePatternResolver();

    static Stream<String> invalidCases() throws IOException {
        return cases("invalid");
    }

    static Stream<String> validCases() throws IOException {
        return cases("valid");
    }

    @ParameterizedTest(name = "invalid/{0}")
    @MethodSource("invalidCases")
    void invalidConfigurationReportsExactlyTheExpectedProblems(String name) throws IOException {
        List<String> actual;
        try {
            actual = problems(load("invalid", name)).stream().map(ConfigProblem::toString).toList();
        } catch (WeftConfigException unreadable) { // not valid YAML, or a key written twice: Weft's YAML loader refuses it
            actual = unreadable.problems().stream()
                    .map(p -> new ConfigProblem(p.location().substring(p.location().lastIndexOf('/') + 1), p.key(), p.message()).toString())
                    .toList();
        }
        assertThat(actual).as("problems of invalid/%s.yml (actual, one per line):%n%s", name, String.join("\n", actual))
                .isNotEmpty()
                .containsExactlyElementsOf(expected("invalid", name));
    }

    @ParameterizedTest(name = "valid/{0}")
    @MethodSource("validCases")
    void validConfigurationResolvesToTheExpectedServices(String name) throws IOException {
        Loaded loaded = load("valid", name);
        assertThat(problems(loaded)).as("problems of valid/%s.yml", name).isEmpty();
        List<String> actual = new ConfigValidator(loaded.origins()).validate(loaded.properties()).stream()
                .map(ConfigGoldenTest::describe).toList();
        assertThat(actual).as("resolved services of valid/%s.yml (actual):%n%s", name, String.join("\n", actual))
                .containsExactlyElementsOf(expected("valid", name));
    }

    @Test
    void defaultsAreThoseOfTheContract() throws IOException {
        List<ServiceSettings> services = new ConfigValidator(ConfigOrigins.NONE).validate(load("valid", "minimal").properties());
        assertThat(services).hasSize(1);
        ServiceSettings hr = services.get(0);
        assertThat(hr.name()).isEqualTo("hr");
        assertThat(hr.kind()).isEqualTo(SourceKind.POSTGRES);
        assertThat(hr.rootPrefix()).isEqualTo("hr_");
        assertThat(hr.typePrefix()).isEqualTo("Hr");
        assertThat(hr.poolMaxSize()).isEqualTo(10);
        assertThat(hr.queryTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(hr.batchSize()).isEqualTo(1000);
        assertThat(hr.password().isPresent()).isFalse();
        assertThat(hr.selects("employees")).isTrue();
        assertThat(hr.selects("EMPLOYEES")).isTrue();
    }

    @Test
    void everyCaseHasItsExpectedFileAndEveryExpectedFileItsCase() throws IOException {
        for (String kind : List.of("valid", "invalid")) {
            TreeSet<String> yml = names(kind, ".yml");
            TreeSet<String> expected = names(kind, ".expected");
            assertThat(yml).as("%s cases", kind).isNotEmpty();
            assertThat(expected).as("%s/*.expected next to %s/*.yml", kind, kind).isEqualTo(yml);
        }
    }

    @Test
    void thePasswordNeverAppearsInAProblemOrAResolvedService() throws IOException {
        Loaded loaded = load("invalid", "several-problems");
        assertThatThrownBy(() -> new ConfigValidator(loaded.origins()).validate(loaded.properties()))
                .isInstanceOf(WeftConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-pw"));
        List<ServiceSettings> full = new ConfigValidator(ConfigOrigins.NONE).validate(load("valid", "full").properties());
        assertThat(full.toString()).doesNotContain("s3cr3t-pw");
        assertThat(full.get(0).password().value()).isEqualTo("s3cr3t-pw");
    }

    /** As WeftConfiguration reports them: unknown keys first, then the services' problems. */
    private static List<ConfigProblem> problems(Loaded loaded) {
        ConfigValidator validator = new ConfigValidator(loaded.origins());
        List<ConfigProblem> problems = new ArrayList<>(validator.unknownKeys(loaded.weftKeys()));
        try {
            validator.validate(loaded.properties());
        } catch (WeftConfigException e) {
            problems.addAll(e.problems());
        }
        return problems;
    }

    static String describe(ServiceSettings s) {
        return s.name() + ": kind=" + s.kind().configName() + " url=" + s.url() + " username=" + s.username()
                + " password=" + s.password() + " schema=" + s.schema() + " include=" + s.include() + " exclude="
                + s.exclude() + " prefix='" + s.rootPrefix() + "' type-prefix='" + s.typePrefix() + "' pool.max-size="
                + s.poolMaxSize() + " pool.connection-timeout=" + s.connectionTimeout() + " query-timeout="
                + s.queryTimeout() + " batch-size=" + s.batchSize()
                + (s.naming() == Naming.WEFT ? "" : " naming=" + s.naming().configName());
    }

    private record Loaded(WeftProperties properties, List<String> weftKeys, ConfigOrigins origins) {
    }

    private static Loaded load(String kind, String name) throws IOException {
        Resource yml = RESOURCES.getResource("classpath:config/" + kind + "/" + name + ".yml");
        assertThat(yml.exists()).as("%s", yml).isTrue();
        List<PropertySource<?>> loaded = new CheckedYamlPropertySourceLoader().load(name + ".yml", yml);
        List<ConfigurationPropertySource> sources = new ArrayList<>();
        ConfigurationPropertySources.from(loaded).forEach(sources::add);
        WeftProperties properties = new Binder(sources).bind("weft", Bindable.of(WeftProperties.class))
                .orElse(WeftProperties.of(null, Map.of()));
        TreeSet<String> keys = new TreeSet<>();
        for (ConfigurationPropertySource source : sources) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream().map(ConfigurationPropertyName::toString).filter(k -> k.startsWith("weft.")).forEach(keys::add);
            }
        }
        PropertyOrigins spring = PropertyOrigins.of(sources); // as the application finds them, the file's name kept alone
        ConfigOrigins origins = key -> {
            String origin = spring.originOf(key);
            return origin == null ? null : origin.substring(origin.lastIndexOf('/') + 1);
        };
        return new Loaded(properties, List.copyOf(keys), origins);
    }

    /** The lines of {@code config/<kind>/<name>.expected}, comments and blank lines left out. */
    static List<String> expected(String kind, String name) throws IOException {
        Resource file = RESOURCES.getResource("classpath:config/" + kind + "/" + name + ".expected");
        assertThat(file.exists()).as("%s", file).isTrue();
        try (InputStream in = file.getInputStream()) {
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::stripTrailing)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        }
    }

    private static Stream<String> cases(String kind) throws IOException {
        return names(kind, ".yml").stream();
    }

    private static TreeSet<String> names(String kind, String suffix) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (Resource r : RESOURCES.getResources("classpath:config/" + kind + "/*" + suffix)) {
            String file = r.getFilename();
            names.add(file.substring(0, file.length() - suffix.length()));
        }
        return names;
    }
}
