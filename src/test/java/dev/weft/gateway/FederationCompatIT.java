package dev.weft.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.NodeServer;
import dev.weft.testing.TestDatabase;
import dev.weft.testing.WeftProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Apollo's subgraph compatibility suite against Weft serving its products subgraph from
 * {@code examples/federation-compat/} (the PostgreSQL seed and the configuration files as they are, the URL set to
 * a test database): {@code src/test/js/federation-compat.mjs} runs the suite's own checks with its users and
 * inventory subgraphs under {@code @apollo/gateway}. The results must be the README's compatibility table, so that
 * a check that starts or stops passing shows up here, and every check passes.
 */
class FederationCompatIT {
    private static final Path EXAMPLE = NodeServer.BASE_DIR.resolve("examples/federation-compat");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([12]) \\| (yes|no) \\| (passes|fails) \\|", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void theSuitesChecksGiveTheReadmesTable() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            db.execute(Files.readString(EXAMPLE.resolve("products.sql")));
            for (String file : List.of("relationships.yml", "federation.yml")) {
                Files.copy(EXAMPLE.resolve(file), dir.resolve(file));
            }
            String yml = Files.readString(EXAMPLE.resolve("weft.yml"));
            String url = "url: jdbc:postgresql://127.0.0.1:5432/products";
            assertThat(yml).contains(url);
            Files.writeString(dir.resolve("weft.yml"), yml.replace(url, "url: \"" + db.url("postgres") + "\"")
                    .replace("username: postgres", "username: \"" + db.server().endpoint().user() + "\"\n      password: \""
                            + java.util.Objects.toString(db.server().endpoint().password(), "") + "\""));
            try (WeftProcess weft = WeftProcess.start(dir.resolve("weft.yml"), dir, "-Xmx256m")) {
                weft.awaitServing(Duration.ofMinutes(3));
                try (NodeServer suite = NodeServer.start("federation-compat.mjs",
                        List.of("@apollo/gateway", "@apollo/server", "expect", "graphql"), weft.url())) {
                    assertThat(suite.awaitExit(Duration.ofMinutes(3))).as(suite.output()).isZero();
                    Map<String, Boolean> results = results(suite.output());
                    assertThat(results).as(suite.output()).isEqualTo(readmeTable());
                    assertThat(results.values()).as("every check passes: " + results).containsOnly(true);
                }
            }
        }
    }

    /** The RESULTS line of the script: check → passed. */
    private static Map<String, Boolean> results(String output) {
        Matcher m = Pattern.compile("^RESULTS (.*)$", Pattern.MULTILINE).matcher(output);
        assertThat(m.find()).as(output).isTrue();
        JsonNode json = JsonMapper.builder().build().readTree(m.group(1));
        Map<String, Boolean> results = new LinkedHashMap<>();
        json.properties().forEach(e -> results.put(e.getKey(), e.getValue().asBoolean()));
        assertThat(results).hasSize(15);
        return results;
    }

    /** The compatibility table of the README: check → passes. */
    private static Map<String, Boolean> readmeTable() throws Exception {
        Matcher m = ROW.matcher(Files.readString(NodeServer.BASE_DIR.resolve("README.md")));
        Map<String, Boolean> table = new LinkedHashMap<>();
        while (m.find()) {
            table.put(m.group(1), m.group(4).equals("passes"));
        }
        assertThat(table).as("the README's compatibility table").hasSize(15);
        return table;
    }
}
