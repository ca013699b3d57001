package dev.weft.hasura;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.TestDatabase;
import dev.weft.testing.WeftProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * As a user runs it: {@code convert-hasura-metadata} through Weft's main class (answered before Spring starts), then
 * Weft started on the files it wrote, its {@code ${...}} placeholders filled by Spring, serving the anonymous role.
 */
class HasuraConversionProcessIT {
    @Test
    void theCommandRunsWithoutSpringAndWeftStartsOnItsFiles(@TempDir Path out) throws Exception {
        Process convert = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.weft.WeftApplication", "convert-hasura-metadata",
                HasuraConverterTest.EXPORT.toAbsolutePath().toString(), out.toString()).redirectErrorStream(true).start();
        convert.getOutputStream().close();
        String printed = new String(convert.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(convert.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(convert.exitValue()).as(printed).isZero();
        assertThat(printed).startsWith("Wrote weft.yml, relationships.yml, access.yml and hasura-conversion-report.txt")
                .doesNotContain("Spring");
        assertThat(Files.readString(out.resolve("hasura-conversion-report.txt"))).contains("remote_schemas: 1 entry");

        try (TestDatabase pg = TestDatabase.postgres(); TestDatabase maria = TestDatabase.mariadb()) {
            pg.execute("CREATE TABLE authors (id INT PRIMARY KEY, name TEXT NOT NULL, email TEXT)",
                    "CREATE TABLE articles (id SERIAL PRIMARY KEY, author_id INT NOT NULL REFERENCES authors (id),"
                            + " title TEXT NOT NULL, body TEXT, published BOOLEAN NOT NULL DEFAULT false, editor_id INT)",
                    "INSERT INTO authors VALUES (1, 'Ada', 'ada@example.com')",
                    "INSERT INTO articles (author_id, title, published) VALUES (1, 'a1', true), (1, 'a2', false),"
                            + " (1, 'a3', true), (1, 'a4', true)");
            maria.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, total INT NOT NULL)");
            var p = pg.propertiesFor("postgres");
            var m = maria.propertiesFor("mariadb");
            List<String> options = List.of("-Xmx384m", "-DDEFAULT_JDBC_URL=" + p.url(), "-DDEFAULT_USERNAME=" + p.username(),
                    "-DDEFAULT_PASSWORD=" + nullToEmpty(p.password()), "-DSHOP_JDBC_URL=" + m.url(),
                    "-DSHOP_USERNAME=" + m.username(), "-DSHOP_PASSWORD=" + nullToEmpty(m.password()),
                    "-Dweft.security.anonymous-role=anonymous");
            try (WeftProcess weft = WeftProcess.start(out.resolve("weft.yml"), out, options.toArray(String[]::new))) {
                weft.awaitServing(Duration.ofMinutes(3));
                assertThat(weft.post("{ articles(order_by: {id: asc}) { title } }"))
                        .isEqualTo("{\"data\":{\"articles\":[{\"title\":\"a1\"},{\"title\":\"a3\"}]}}");
                assertThat(weft.post("{ articles { body } }")).contains("GRAPHQL_VALIDATION_FAILED");
            }
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
