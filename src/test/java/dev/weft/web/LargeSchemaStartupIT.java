package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.TestDatabase;
import dev.weft.testing.WeftProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A PostgreSQL schema of 1,000 tables (8 columns, 2 foreign keys and 3 rows each: about 2,000 foreign keys,
 * 4,000 relationship fields, 9,000 GraphQL types) served by Weft started as a user starts it, in a JVM of its
 * own with {@code -Xmx512m}: it starts, answers a nested query through two foreign keys and a reverse one,
 * and answers GraphiQL's introspection query with a schema graphql-js builds and finds valid, its subgraph SDL
 * ({@code _service}, a {@code @key} on every table) and {@code _entities}. A heap far
 * too small for the catalog ends in the one-line "Weft cannot start" message with the -Xmx to try, no stack
 * trace. (5,000 tables with -Xmx1g: {@code src/test/bench/startup.sh}.)
 */
class LargeSchemaStartupIT {
    private static final int TABLES = 1000;
    private static final Duration START = Duration.ofMinutes(5); // a busy 2-core machine; it starts in 10-40 s
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    private static TestDatabase db;
    private static Path yml;

    @BeforeAll
    static void createTables() throws IOException {
        db = TestDatabase.postgres();
        String script;
        try (var in = LargeSchemaStartupIT.class.getResourceAsStream("/bench/wide-schema.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        db.execute(script, "CALL weft_wide_schema(" + TABLES + ")", "DROP PROCEDURE weft_wide_schema(int)");
        Files.writeString(dir.resolve("none.yml"), "relationships: []\n");
        yml = Files.writeString(dir.resolve("weft.yml"), """
                weft:
                  relationships: %s
                  services:
                    wide: { kind: postgres, url: "%s", username: postgres }
                """.formatted(dir.resolve("none.yml"), db.url("postgres")));
    }

    @AfterAll
    static void dropTables() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aThousandTablesStartIn512MegabytesAndAnswerNestedAndIntrospectionQueries() throws Exception {
        try (WeftProcess weft = WeftProcess.start(yml, dir, "-Xmx512m")) {
            weft.awaitServing(START);
            JsonNode answer = JSON.readTree(weft.post("{ wide_t0003(order_by: [{id: asc}]) { id name parent { id parent { id name } }"
                    + " t0004(order_by: [{id: asc}]) { id } } wide_t1000_aggregate { aggregate { count } } }"));
            assertThat(answer.get("errors")).as(answer.toString()).isNull();
            assertThat(answer.get("data").get("wide_t0003").toString()).isEqualTo(expectedNested().toString());
            assertThat(answer.get("data").get("wide_t1000_aggregate").get("aggregate").get("count").asInt()).isEqualTo(count("t1000"));

            GraphiqlBrowserIT.NodeScript.run("introspection-check.mjs", weft.url(), "^WideT\\d{4}$", String.valueOf(TABLES));
            // the subgraph parts: every table an entity, the SDL printed in the same heap
            JsonNode sdl = JSON.readTree(weft.post("{ _service { sdl } }"));
            assertThat(sdl.get("errors")).as(sdl.toString().substring(0, Math.min(500, sdl.toString().length()))).isNull();
            assertThat(sdl.get("data").get("_service").get("sdl").asString().split("@key\\(fields : \"id\"\\)", -1)).hasSize(TABLES + 1);
            JsonNode entities = JSON.readTree(weft.post("{ _entities(representations: [{__typename: \"WideT0003\", id: \"1\"},"
                    + " {__typename: \"WideT0999\", id: 1}]) { ... on WideT0003 { id } ... on WideT0999 { id } } }"));
            assertThat(entities.get("errors")).as(entities.toString()).isNull();
            assertThat(entities.get("data").get("_entities").toString()).isEqualTo("[{\"id\":1},{\"id\":1}]");
            assertThat(weft.output()).doesNotContain("OutOfMemoryError");
        }
    }

    @Test
    void aHeapTooSmallForTheCatalogIsReportedWithTheHeapToTry() throws Exception {
        // Parallel GC gives up with OutOfMemoryError when collecting frees next to nothing; G1 keeps collecting
        // a nearly full heap for minutes before it throws, which is the same failure, only slower
        try (WeftProcess weft = WeftProcess.start(yml, dir, "-XX:+UseParallelGC", "-Xmx64m")) {
            assertThat(weft.awaitExit(START)).isNotZero();
            String output = weft.output();
            assertThat(output).contains("APPLICATION FAILED TO START", "Weft cannot start: 1 problem\n  - out of memory",
                    "Start Weft with -Xmx", "Start Weft again with a larger heap").doesNotContain("\tat ", "Caused by");
        }
    }

    /** t0003's rows with their parent (t0002), its parent (t0001) and the t0004 rows that name them, from SQL. */
    private static JsonNode expectedNested() throws SQLException {
        ArrayNode rows = JSON.createArrayNode();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT t3.id, t3.name, t2.id, t1.id, t1.name,
                       (SELECT string_agg(t4.id::text, ',' ORDER BY t4.id) FROM t0004 t4 WHERE t4.parent_id = t3.id)
                  FROM t0003 t3 JOIN t0002 t2 ON t2.id = t3.parent_id JOIN t0001 t1 ON t1.id = t2.parent_id
                 ORDER BY t3.id""")) {
            while (rs.next()) {
                ObjectNode row = rows.addObject().put("id", rs.getLong(1)).put("name", rs.getString(2));
                ObjectNode parent = row.putObject("parent").put("id", rs.getLong(3));
                parent.putObject("parent").put("id", rs.getLong(4)).put("name", rs.getString(5));
                ArrayNode children = row.putArray("t0004");
                for (String id : rs.getString(6).split(",")) {
                    children.addObject().put("id", Long.parseLong(id));
                }
            }
        }
        assertThat(rows).hasSize(3);
        return rows;
    }

    private static int count(String table) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
