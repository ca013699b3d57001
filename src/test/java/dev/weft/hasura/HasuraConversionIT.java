package dev.weft.hasura;

import static dev.weft.testing.GraphqlAssertions.at;
import static dev.weft.testing.GraphqlAssertions.codes;
import static dev.weft.testing.GraphqlAssertions.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.AccessFile;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceProperties;
import dev.weft.config.WeftProperties;
import dev.weft.security.Caller;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The files converted from src/test/resources/hasura/metadata serve authors and articles in PostgreSQL and orders in
 * MariaDB (a remote database relationship) to the three Hasura roles as Hasura would: the editor sees everything, a
 * user ({@code x-hasura-user-id}) its own rows and published articles, the anonymous role two columns, two rows.
 */
class HasuraConversionIT {
    private static TestDatabase pg;
    private static TestDatabase maria;
    private static WeftRuntime weft;

    @BeforeAll
    static void start(@TempDir Path out) throws Exception {
        pg = TestDatabase.postgres();
        maria = TestDatabase.mariadb();
        pg.execute("CREATE TABLE authors (id INT PRIMARY KEY, name TEXT NOT NULL, email TEXT)",
                "CREATE TABLE articles (id SERIAL PRIMARY KEY, author_id INT NOT NULL REFERENCES authors (id),"
                        + " title TEXT NOT NULL, body TEXT, published BOOLEAN NOT NULL DEFAULT false, editor_id INT)",
                "CREATE TABLE untracked (id INT PRIMARY KEY)",
                "INSERT INTO authors VALUES (1, 'Ada', 'ada@example.com'), (2, 'Bob', 'bob@example.com'), (3, 'Cy', NULL)",
                "INSERT INTO articles (author_id, title, body, published) VALUES (1, 'a1', 'x', true), (1, 'a2', 'x', false),"
                        + " (2, 'b1', 'x', true), (2, 'b2', 'x', false), (3, 'c1', 'x', true)",
                "UPDATE articles SET editor_id = 2 WHERE title = 'a1'");
        maria.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, total INT NOT NULL)",
                "INSERT INTO orders VALUES (1, 1, 10), (2, 1, 20), (3, 2, 30)");
        int status = ConvertHasuraMetadataCommand.run(List.of(HasuraConverterTest.DIRECTORY.toString(), out.toString()),
                new PrintStream(new ByteArrayOutputStream()), System.err);
        assertThat(status).isZero();
        // what Spring does with ${...} at start-up, from the variables the report asks for
        Map<String, String> env = Map.of(
                "DEFAULT_JDBC_URL", pg.url("postgres"), "DEFAULT_USERNAME", pg.propertiesFor("postgres").username(),
                "DEFAULT_PASSWORD", pg.propertiesFor("postgres").password(),
                "SHOP_JDBC_URL", maria.url("mariadb"), "SHOP_USERNAME", maria.propertiesFor("mariadb").username(),
                "SHOP_PASSWORD", maria.propertiesFor("mariadb").password());
        String weftYml = Files.readString(out.resolve("weft.yml"));
        for (Map.Entry<String, String> e : env.entrySet()) {
            weftYml = weftYml.replace("${" + e.getKey() + "}", e.getValue() == null ? "" : e.getValue());
        }
        Map<String, ServiceProperties> services = new LinkedHashMap<>();
        Map<String, Map<String, Object>> raw = HasuraConverterTest.at(new Yaml().load(weftYml), "weft", "services");
        raw.forEach((name, s) -> services.put(name, new ServiceProperties((String) s.get("kind"), (String) s.get("url"),
                (String) s.get("username"), (String) s.get("password"), (String) s.get("schema"),
                (List<String>) s.get("include"), null, (String) s.get("prefix"), (String) s.get("type-prefix"),
                null, null, null, null, (String) s.get("naming"))));
        weft = WeftRuntime.start(TestDatabase.services(services),
                RelationshipsFile.parse("relationships.yml", Files.readString(out.resolve("relationships.yml"))),
                WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS,
                AccessFile.parse("access.yml", Files.readString(out.resolve("access.yml"))));
    }

    @AfterAll
    static void stop() {
        if (weft != null) {
            weft.close();
        }
        pg.close();
        maria.close();
    }

    private static final String AUTHORS = """
            { authors(order_by: {id: asc}) { id name email articles(order_by: {id: asc}) { title }
                orders(order_by: {id: asc}) { total } } }""";

    @Test
    void theEditorSeesEveryRowAndTheRelationshipsAcrossDatabases() {
        Map<String, Object> d = data(weft.execute(AUTHORS, Map.of(), new Caller("editor", Map.of())));
        assertThat((List<?>) at(d, "authors")).hasSize(3);
        assertThat((Object) at(d, "authors.0.email")).isEqualTo("ada@example.com");
        assertThat(titles(at(d, "authors.0.articles"))).containsExactly("a1", "a2");
        assertThat((List<Map<String, Object>>) at(d, "authors.0.orders")).extracting(o -> o.get("total")).containsExactly(10, 20);
        assertThat((List<?>) at(d, "authors.2.orders")).isEmpty();
        d = data(weft.execute("{ articles(order_by: {id: asc}) { title author { name } editor { name } } }", Map.of(),
                new Caller("editor", Map.of())));
        assertThat((Object) at(d, "articles.0.author.name")).isEqualTo("Ada");
        assertThat((Object) at(d, "articles.0.editor.name")).isEqualTo("Bob");
        assertThat((Object) at(d, "articles.1.editor")).isNull();
        assertThat(codes(weft.execute("{ untracked { id } }", Map.of(), new Caller("editor", Map.of()))))
                .containsExactly("GRAPHQL_VALIDATION_FAILED");
    }

    @Test
    void aUserSeesItsOwnRowsByItsSessionVariable() {
        Caller bob = new Caller("user", Map.of("x-hasura-user-id", "2"));
        Map<String, Object> d = data(weft.execute(AUTHORS, Map.of(), bob));
        assertThat((List<Map<String, Object>>) at(d, "authors")).extracting(a -> a.get("name")).containsExactly("Bob");
        assertThat(titles(at(d, "authors.0.articles"))).containsExactly("b1", "b2");
        assertThat((List<Map<String, Object>>) at(d, "authors.0.orders")).extracting(o -> o.get("total")).containsExactly(30);
        d = data(weft.execute("{ articles(order_by: {id: asc}) { title author { name } } shop_orders { id } }", Map.of(), bob));
        assertThat(titles(at(d, "articles"))).containsExactly("a1", "b1", "b2", "c1");
        assertThat((Object) at(d, "articles.0.author")).isNull(); // Ada is not Bob: her row stays hidden
        assertThat((List<Map<String, Object>>) at(d, "shop_orders")).extracting(o -> o.get("id")).containsExactly(3);
        assertThat(codes(weft.execute(AUTHORS, Map.of(), new Caller("user", Map.of())))).containsExactly("FORBIDDEN");
    }

    @Test
    void aUserWritesAsItsInsertUpdateAndDeletePermissionsSay() throws Exception {
        Caller cy = new Caller("user", Map.of("x-hasura-user-id", "3"));
        Map<String, Object> d = data(weft.execute("mutation { insert_articles_one(object: {title: \"c2\"}) { title author_id } }",
                Map.of(), cy));
        assertThat((Object) at(d, "insert_articles_one.author_id")).isEqualTo(3);
        d = data(weft.execute("mutation { update_articles(where: {}, _set: {title: \"mine\"}) { affected_rows } }", Map.of(), cy));
        assertThat((Object) at(d, "update_articles.affected_rows")).isEqualTo(2);
        assertThat(rows("SELECT title FROM articles WHERE author_id <> 3 AND title = 'mine'")).isEmpty();
        assertThat(codes(weft.execute("mutation { update_articles(where: {}, _set: {body: \"y\"}) { affected_rows } }",
                Map.of(), cy))).containsExactly("GRAPHQL_VALIDATION_FAILED");
        d = data(weft.execute("mutation { delete_articles(where: {title: {_eq: \"mine\"}}) { affected_rows } }", Map.of(), cy));
        assertThat((Object) at(d, "delete_articles.affected_rows")).isEqualTo(2);
        assertThat(rows("SELECT title FROM articles ORDER BY id")).containsExactly("a1", "a2", "b1", "b2");
        pg.execute("INSERT INTO articles (author_id, title, body, published) VALUES (3, 'c1', 'x', true)");
    }

    @Test
    void theAnonymousRoleSeesItsColumnsAndAtMostItsLimit() {
        Caller anonymous = new Caller("anonymous", Map.of());
        Map<String, Object> d = data(weft.execute("{ articles(order_by: {title: asc}) { id title } }", Map.of(), anonymous));
        assertThat(titles(at(d, "articles"))).containsExactly("a1", "b1");
        assertThat(codes(weft.execute("{ articles { body } }", Map.of(), anonymous))).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(codes(weft.execute("{ authors { email } }", Map.of(), anonymous))).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(codes(weft.execute("{ shop_orders { id } }", Map.of(), anonymous))).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(codes(weft.execute("{ articles(limit: 3) { id } }", Map.of(), anonymous))).containsExactly("BAD_USER_INPUT");
    }

    private static List<Object> titles(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("title")).toList();
    }

    private static List<String> rows(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (var c = pg.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
