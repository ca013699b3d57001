package dev.weft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Golden cases for the files Weft reads itself: every {@code config/invalid-access/X.yml} (read as
 * access.yml) and {@code config/invalid-relationships/X.yml} (as relationships.yml) must fail with
 * exactly the problems of {@code X.expected} (likewise {@code config/invalid-federation/X.yml}, read as federation.yml), one per line ({@code X.yml:LINE: key: message}); lines
 * starting with {@code #} are comments.
 */
class YamlFilesGoldenTest {
    private static final PathMatchingResourcePatternResolver RESOURCES = new PathMatchingResourcePatternResolver();

    static Stream<String> accessCases() throws IOException {
        return names("invalid-access").stream();
    }

    static Stream<String> relationshipsCases() throws IOException {
        return names("invalid-relationships").stream();
    }

    static Stream<String> federationCases() throws IOException {
        return names("invalid-federation").stream();
    }

    @ParameterizedTest(name = "invalid-federation/{0}")
    @MethodSource("federationCases")
    void invalidFederationFilesReportExactlyTheExpectedProblems(String name) throws IOException {
        check("invalid-federation", name, (file, reader) -> FederationFile.parse(file, reader));
    }

    @ParameterizedTest(name = "invalid-access/{0}")
    @MethodSource("accessCases")
    void invalidAccessFilesReportExactlyTheExpectedProblems(String name) throws IOException {
        check("invalid-access", name, (file, reader) -> AccessFile.parse(file, reader));
    }

    @ParameterizedTest(name = "invalid-relationships/{0}")
    @MethodSource("relationshipsCases")
    void invalidRelationshipsFilesReportExactlyTheExpectedProblems(String name) throws IOException {
        check("invalid-relationships", name, (file, reader) -> RelationshipsFile.parse(file, reader));
    }

    private static void check(String kind, String name, BiConsumer<String, InputStreamReader> parse) throws IOException {
        Resource yml = RESOURCES.getResource("classpath:config/" + kind + "/" + name + ".yml");
        try (InputStreamReader reader = new InputStreamReader(yml.getInputStream(), StandardCharsets.UTF_8)) {
            WeftConfigException failure = catchThrowableOfType(WeftConfigException.class,
                    () -> parse.accept(name + ".yml", reader));
            assertThat(failure).as("%s/%s.yml must fail", kind, name).isNotNull();
            List<String> actual = failure.problems().stream().map(ConfigProblem::toString).toList();
            assertThat(actual).as("problems of %s/%s.yml (actual, one per line):%n%s", kind, name, String.join("\n", actual))
                    .containsExactlyElementsOf(ConfigGoldenTest.expected(kind, name));
        }
    }

    private static TreeSet<String> names(String kind) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (Resource r : RESOURCES.getResources("classpath:config/" + kind + "/*.yml")) {
            String file = r.getFilename();
            names.add(file.substring(0, file.length() - ".yml".length()));
        }
        assertThat(names).as("cases in %s", kind).isNotEmpty();
        return names;
    }
}
