package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.WeftProperties;
import graphql.schema.idl.SchemaPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The embedded demo's SDL (with the top-level relationships.yml) against the golden file {@code schema/demo.graphql}. A change to schema
 * generation shows up here as a diff to review; regenerate with {@code WEFT_UPDATE_GOLDEN=true ./mvnw test
 * -Dtest=DemoSchemaGoldenTest} and commit the new file when the change is intended.
 */
class DemoSchemaGoldenTest {
    private static final java.util.Set<String> BUILT_IN_DIRECTIVES = java.util.Set.of("include", "skip", "deprecated",
            "specifiedBy", "oneOf", "defer", "experimental_disableErrorPropagation");
    static final Path GOLDEN = Path.of("schema", "demo.graphql");

    @Test
    void demoSchemaMatchesTheGoldenFile() throws IOException {
        String sdl;
        try (WeftRuntime runtime = WeftRuntime.start(new ConfigValidator(ConfigOrigins.NONE)
                .validate(WeftProperties.of(null, DemoDatabases.create())), RelationshipsFile.load("relationships.yml"),
                WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS)) {
            sdl = print(runtime);
        }
        if (Boolean.parseBoolean(System.getenv("WEFT_UPDATE_GOLDEN"))) {
            Files.writeString(GOLDEN, sdl);
        }
        assertThat(sdl).isEqualTo(Files.readString(GOLDEN));
    }

    /** The same demo in Hasura's naming ({@code weft.naming: hasura}) against {@code schema/demo-hasura.graphql}. */
    @Test
    void demoSchemaInHasuraNamingMatchesItsGoldenFile() throws IOException {
        Path golden = Path.of("schema", "demo-hasura.graphql");
        String sdl;
        try (WeftRuntime runtime = HasuraNamingDemoTest.start("hasura", DemoDatabases.create())) {
            sdl = print(runtime);
        }
        if (Boolean.parseBoolean(System.getenv("WEFT_UPDATE_GOLDEN"))) {
            Files.writeString(golden, sdl);
        }
        assertThat(sdl).isEqualTo(Files.readString(golden));
    }

    static String print(WeftRuntime runtime) {
        SchemaPrinter.Options options = SchemaPrinter.Options.defaultOptions()
                .includeDirectives(directive -> !BUILT_IN_DIRECTIVES.contains(directive));
        return new SchemaPrinter(options).print(runtime.schema().schema());
    }
}
