package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import dev.weft.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hasura's documented dialect against Weft configured as a Hasura user configures it: PostgreSQL with the
 * {@code author}/{@code article}/{@code tag} schema of Hasura's docs, {@code weft.naming: hasura}, relationships named
 * as in Hasura's docs ({@code author.articles}, {@code article.author}, {@code article.article_tags}), roles
 * {@code user} and {@code editor} in access.yml reading {@code x-hasura-user-id}, and tokens with Hasura's claims
 * namespace holding string claims, sent to {@code /v1/graphql} with {@code X-Hasura-Role}. The expected answers are
 * Hasura's semantics computed by PostgreSQL itself ({@code json_agg} over the equivalent SQL) where the database is the
 * oracle, Hasura's documented values otherwise.
 */
@SpringBootTest(classes = dev.weft.WeftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HasuraConformanceIT {
    static final String NAMESPACE = "https://hasura.io/jwt/claims";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final TestDatabase db = TestDatabase.postgres();

    static final String ACCESS_YML = """
            roles:
              user:
                blog.author:
                  select: { columns: [id, name] }
                blog.article:
                  select:
                    columns: [id, title, rating, author_id, is_published, published_on]
                    filter:
                      _or:
                        - author_id: { _eq: "@claims.x-hasura-user-id" }
                        - is_published: { _eq: true }
                  insert:
                    columns: [id, title, rating]
                    set: { author_id: "@claims.x-hasura-user-id" }
                  update:
                    columns: [title, rating]
                    filter: { author_id: { _eq: "@claims.x-hasura-user-id" } }
                blog.tag:
                  select: {}
                blog.article_tag:
                  select: {}
              editor:
                blog.author: { select: {}, insert: {}, update: {}, delete: {} }
                blog.article: { select: {}, insert: {}, update: {}, delete: {} }
                blog.tag: { select: {} }
                blog.article_tag: { select: {} }
            """;

    static final String RELATIONSHIPS_YML = """
            relationships:
              - { service: blog, table: author, name: articles, type: has_many, field: id, ref_service: blog, ref_table: article, ref_field: author_id }
              - { service: blog, table: article, name: article_tags, type: has_many, field: id, ref_service: blog, ref_table: article_tag, ref_field: article_id }
              - { service: blog, table: tag, name: article_tags, type: has_many, field: id, ref_service: blog, ref_table: article_tag, ref_field: tag_id }
            """;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        db.execute(
                "CREATE TABLE author (id INT PRIMARY KEY, name TEXT NOT NULL, rating INT)",
                "CREATE TABLE article (id INT PRIMARY KEY, title TEXT NOT NULL, content TEXT, rating INT,"
                        + " author_id INT NOT NULL REFERENCES author (id), is_published BOOLEAN NOT NULL DEFAULT false,"
                        + " published_on DATE, CONSTRAINT article_title_key UNIQUE (title))",
                "CREATE TABLE tag (id INT PRIMARY KEY, tag_value TEXT NOT NULL UNIQUE)",
                "CREATE TABLE article_tag (article_id INT NOT NULL REFERENCES article (id), tag_id INT NOT NULL REFERENCES tag (id),"
                        + " PRIMARY KEY (article_id, tag_id))",
                "INSERT INTO author VALUES (1, 'Anne', 4), (2, 'bob', NULL), (3, 'Cora', 2), (4, 'dan', 5)",
                "INSERT INTO article VALUES (1, 'Hasura intro', 'GraphQL on Postgres', 5, 1, true, '2018-01-01'),"
                        + " (2, 'Drafts', 'unfinished', NULL, 1, false, NULL),"
                        + " (3, 'Postgres tips', 'indexes', 3, 2, true, '2019-06-15'),"
                        + " (4, 'Secret plans', NULL, 1, 2, false, NULL),"
                        + " (5, 'graphql basics', 'types', 4, 3, true, '2020-03-02'),"
                        + " (6, 'Relay', 'cursors', 2, 3, true, '2017-11-30')",
                "INSERT INTO tag VALUES (1, 'graphql'), (2, 'postgres'), (3, 'tips')",
                "INSERT INTO article_tag VALUES (1, 1), (1, 2), (3, 2), (3, 3), (5, 1), (6, 1)");
        String p = "weft.services.blog.";
        registry.add(p + "kind", () -> "postgres");
        registry.add(p + "url", () -> db.url("postgres"));
        registry.add(p + "username", () -> db.server().endpoint().user());
        registry.add(p + "password", () -> db.server().endpoint().password());
        registry.add("weft.naming", () -> "hasura");
        registry.add("weft.relationships", () -> SecurityTesting.write(RELATIONSHIPS_YML).toString());
        SecurityTesting.accessControl(registry, ACCESS_YML);
        registry.add("weft.security.jwt.hmac-secret", () -> JwtHmacAuthIT.SECRET);
        registry.add("weft.security.jwt.claims-namespace", () -> NAMESPACE);
        registry.add("weft.security.jwt.role-claim", () -> "x-hasura-allowed-roles");
        registry.add("weft.security.jwt.default-role-claim", () -> "x-hasura-default-role");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    // ---- helpers ----

    /** A token as Hasura's docs lay it out: allowed roles, default role and the user id, strings, under the namespace. */
    private static String token(String userId, String... roles) {
        Map<String, Object> hasura = new LinkedHashMap<>();
        hasura.put("x-hasura-allowed-roles", List.of(roles));
        hasura.put("x-hasura-default-role", roles[0]);
        hasura.put("x-hasura-user-id", userId);
        return "Bearer " + JwtHmacAuthIT.hs(JWSAlgorithm.HS256,
                SecurityTesting.claims(c -> c.claim(NAMESPACE, hasura)), JwtHmacAuthIT.SECRET);
    }

    private JsonNode post(String token, String role, String query, Map<String, Object> variables, String... headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/graphql"))
                .header("Content-Type", "application/json").header("Authorization", token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (role != null) {
            request.header("x-hasura-role", role);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode editor(String query, Map<String, Object> variables) {
        return post(token("1", "user", "editor"), "editor", query, variables);
    }

    /** The data of an editor's query, checked to have no errors. */
    private JsonNode data(String query, Map<String, Object> variables) {
        JsonNode response = editor(query, variables);
        assertThat(response.has("errors")).as(query + " -> " + response).isFalse();
        return response.get("data");
    }

    private JsonNode data(String query) {
        return data(query, Map.of());
    }

    /** PostgreSQL's JSON for {@code sql}, a query giving one json value: the answer Hasura computes from these rows. */
    private static JsonNode oracle(String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return JSON.readTree(rs.getString(1));
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The rows of {@code select} as a JSON array, in its order. */
    private static JsonNode rows(String select) {
        return oracle("SELECT coalesce(json_agg(t), '[]') FROM (" + select + ") t");
    }

    // ---- queries ----

    @Test
    void whereWithAndOrNotAsHasurasDocs() {
        assertThat(data("{ article(where: {_and: [{rating: {_gte: 2}}, {is_published: {_eq: true}}]}, order_by: {id: asc}) { id title } }")
                .get("article")).isEqualTo(rows("SELECT id, title FROM article WHERE rating >= 2 AND is_published ORDER BY id"));
        assertThat(data("{ article(where: {_or: [{rating: {_gt: 4}}, {rating: {_is_null: true}}]}, order_by: {id: asc}) { id } }")
                .get("article")).isEqualTo(rows("SELECT id FROM article WHERE rating > 4 OR rating IS NULL ORDER BY id"));
        // _not over a comparison on a null column: Hasura's SQL is NOT (rating > 2), which drops null ratings
        assertThat(data("{ article(where: {_not: {rating: {_gt: 2}}}, order_by: {id: asc}) { id } }")
                .get("article")).isEqualTo(rows("SELECT id FROM article WHERE NOT (rating > 2) ORDER BY id"));
        // an empty where (and an empty _and) is true; an empty _or is false, as in Hasura
        assertThat(data("{ article(where: {}) { id } }").get("article").size()).isEqualTo(6);
        assertThat(data("{ article(where: {_and: []}) { id } }").get("article").size()).isEqualTo(6);
        assertThat(data("{ article(where: {_or: []}) { id } }").get("article").size()).isZero();
    }

    @Test
    void inIsNullIlikeAndNestedRelationshipFilters() {
        assertThat(data("{ author(where: {id: {_in: [1, 3, 99]}}, order_by: {id: asc}) { id } }").get("author"))
                .isEqualTo(rows("SELECT id FROM author WHERE id IN (1, 3, 99) ORDER BY id"));
        assertThat(data("{ author(where: {id: {_nin: [1, 3]}}, order_by: {id: asc}) { id } }").get("author"))
                .isEqualTo(rows("SELECT id FROM author WHERE id NOT IN (1, 3) ORDER BY id"));
        assertThat(data("{ article(where: {published_on: {_is_null: true}}, order_by: {id: asc}) { id } }").get("article"))
                .isEqualTo(rows("SELECT id FROM article WHERE published_on IS NULL ORDER BY id"));
        assertThat(data("{ article(where: {title: {_ilike: \"%GRAPHQL%\"}}, order_by: {id: asc}) { id } }").get("article"))
                .isEqualTo(rows("SELECT id FROM article WHERE title ILIKE '%GRAPHQL%' ORDER BY id"));
        // object relationship filter: articles whose author's name starts with A
        assertThat(data("{ article(where: {author: {name: {_like: \"A%\"}}}, order_by: {id: asc}) { id } }").get("article"))
                .isEqualTo(rows("SELECT a.id FROM article a JOIN author u ON u.id = a.author_id WHERE u.name LIKE 'A%' ORDER BY a.id"));
        // array relationship filter: authors with at least one article rated 5 (EXISTS, no duplicates)
        assertThat(data("{ author(where: {articles: {rating: {_eq: 5}}}, order_by: {id: asc}) { id } }").get("author"))
                .isEqualTo(rows("SELECT id FROM author u WHERE EXISTS (SELECT 1 FROM article a WHERE a.author_id = u.id AND a.rating = 5) ORDER BY id"));
        // two levels: articles tagged 'postgres' through the junction
        assertThat(data("{ article(where: {article_tags: {tag: {tag_value: {_eq: \"postgres\"}}}}, order_by: {id: asc}) { id } }")
                .get("article")).isEqualTo(rows("SELECT DISTINCT a.id FROM article a JOIN article_tag x ON x.article_id = a.id"
                        + " JOIN tag t ON t.id = x.tag_id WHERE t.tag_value = 'postgres' ORDER BY a.id"));
        // dates compare as dates
        assertThat(data("{ article(where: {published_on: {_gt: \"2018-06-01\"}}, order_by: {published_on: desc}) { id published_on } }")
                .get("article")).isEqualTo(rows("SELECT id, published_on FROM article WHERE published_on > '2018-06-01' ORDER BY published_on DESC"));
    }

    @Test
    void orderByNullsLimitOffsetAndObjectRelationships() {
        // several columns go in a list: Hasura's docs say key order within one order_by object is not preserved
        assertThat(data("{ article(order_by: [{rating: desc_nulls_last}, {id: asc}]) { id } }").get("article"))
                .isEqualTo(rows("SELECT id FROM article ORDER BY rating DESC NULLS LAST, id"));
        assertThat(data("{ article(order_by: [{rating: asc_nulls_first}, {id: desc}]) { id } }").get("article"))
                .isEqualTo(rows("SELECT id FROM article ORDER BY rating ASC NULLS FIRST, id DESC"));
        // Hasura's defaults: asc is nulls last, desc is nulls first (PostgreSQL's)
        assertThat(data("{ author(order_by: {rating: desc}) { id } }").get("author"))
                .isEqualTo(rows("SELECT id FROM author ORDER BY rating DESC"));
        assertThat(data("{ article(order_by: [{author: {name: asc}}, {id: asc}]) { id } }").get("article"))
                .isEqualTo(rows("SELECT a.id FROM article a JOIN author u ON u.id = a.author_id ORDER BY u.name, a.id"));
        assertThat(data("{ article(order_by: {id: asc}, limit: 2, offset: 3) { id } }").get("article"))
                .isEqualTo(rows("SELECT id FROM article ORDER BY id LIMIT 2 OFFSET 3"));
        // nested list with its own arguments, per parent
        JsonNode nested = data("{ author(order_by: {id: asc}) { id articles(order_by: {rating: desc_nulls_last}, limit: 1) { id } } }")
                .get("author");
        assertThat(nested).isEqualTo(oracle("SELECT json_agg(json_build_object('id', u.id, 'articles', coalesce((SELECT json_agg("
                + "json_build_object('id', a.id)) FROM (SELECT id FROM article WHERE author_id = u.id ORDER BY rating DESC NULLS LAST"
                + " LIMIT 1) a), '[]')) ORDER BY u.id) FROM author u"));
    }

    @Test
    void distinctOnAsHasurasDocs() {
        assertThat(data("query($d: [article_select_column!]) { article(distinct_on: $d, order_by: [{author_id: asc}, {rating: desc_nulls_last}])"
                + " { id author_id } }", Map.of("d", List.of("author_id"))).get("article")).isEqualTo(rows(
                "SELECT DISTINCT ON (author_id) id, author_id FROM article ORDER BY author_id, rating DESC NULLS LAST"));
        assertThat(data("{ author(order_by: [{articles_aggregate: {count: desc}}, {id: asc}]) { id } }").get("author")).isEqualTo(rows(
                "SELECT u.id FROM author u ORDER BY (SELECT count(*) FROM article a WHERE a.author_id = u.id) DESC, u.id"));
        // an aggregate over the distinct rows (Hasura's author_aggregate / articles_aggregate take distinct_on too)
        String distinct = "SELECT DISTINCT ON (author_id) id, rating FROM article ORDER BY author_id, rating DESC NULLS LAST";
        JsonNode aggregate = data("{ article_aggregate(distinct_on: [author_id], order_by: [{author_id: asc}, {rating: desc_nulls_last}])"
                + " { aggregate { count max { rating } } nodes { id } } }").get("article_aggregate");
        assertThat(aggregate.at("/aggregate")).isEqualTo(oracle("SELECT json_build_object('count', count(*), 'max',"
                + " json_build_object('rating', max(rating))) FROM (" + distinct + ") d"));
        assertThat(aggregate.get("nodes")).isEqualTo(rows("SELECT id FROM (" + distinct + ") d"));
        JsonNode mismatch = editor("{ article(distinct_on: [author_id], order_by: [{rating: asc}]) { id } }", Map.of());
        assertThat(mismatch.has("data")).as(mismatch.toString()).isFalse();
        assertThat(mismatch.at("/errors/0/extensions/code").asString()).isEqualTo("validation-failed");
    }

    @Test
    void aggregatesWithNodesAsHasurasDocs() {
        JsonNode data = data("{ article_aggregate(where: {is_published: {_eq: true}}) { aggregate { count sum { rating } avg { rating }"
                + " max { rating published_on } min { rating } } nodes { id } } }");
        // avg is a Float (2.0 where PostgreSQL's json says 2)
        assertThat(data.at("/article_aggregate/aggregate/avg/rating").asDouble())
                .isEqualTo(oracle("SELECT avg(rating)::float8 FROM article WHERE is_published").asDouble());
        ((tools.jackson.databind.node.ObjectNode) data.at("/article_aggregate/aggregate")).remove("avg");
        assertThat(data.at("/article_aggregate/aggregate")).isEqualTo(oracle("SELECT json_build_object('count', count(*),"
                + " 'sum', json_build_object('rating', sum(rating)),"
                + " 'max', json_build_object('rating', max(rating), 'published_on', max(published_on)),"
                + " 'min', json_build_object('rating', min(rating))) FROM article WHERE is_published"));
        assertThat(data.at("/article_aggregate/nodes").size()).isEqualTo(4);
        // count(columns:, distinct:) and aggregates over an empty set: count 0, sum null
        JsonNode counts = data("{ article_aggregate { aggregate { count(columns: [author_id], distinct: true) } }"
                + " none: article_aggregate(where: {id: {_gt: 100}}) { aggregate { count sum { rating } } } }");
        assertThat(counts.at("/article_aggregate/aggregate/count").asInt()).isEqualTo(3);
        assertThat(counts.at("/none/aggregate/count").asInt()).isZero();
        assertThat(counts.at("/none/aggregate/sum/rating").isNull()).isTrue();
        // a nested aggregate on the array relationship
        assertThat(data("{ author(order_by: {id: asc}) { id articles_aggregate { aggregate { count } } } }").get("author"))
                .isEqualTo(rows("SELECT u.id, json_build_object('aggregate', json_build_object('count', "
                        + "(SELECT count(*) FROM article a WHERE a.author_id = u.id))) AS articles_aggregate FROM author u ORDER BY u.id"));
    }

    @Test
    void byPkFragmentsTypedVariablesAndTypename() {
        assertThat(data("{ author_by_pk(id: 1) { id name } }").get("author_by_pk")).isEqualTo(oracle(
                "SELECT row_to_json(t) FROM (SELECT id, name FROM author WHERE id = 1) t"));
        assertThat(data("{ author_by_pk(id: 404) { id } }").get("author_by_pk").isNull()).isTrue();
        String query = """
                fragment authorFields on author { id name __typename }
                fragment articleFields on article { id title author { ...authorFields } }
                query articles($where: article_bool_exp, $order: [article_order_by!], $limit: Int) {
                  article(where: $where, order_by: $order, limit: $limit) { ...articleFields }
                }""";
        JsonNode data = data(query, Map.of("where", Map.of("author", Map.of("rating", Map.of("_gte", 3))),
                "order", List.of(Map.of("title", "asc")), "limit", 10));
        assertThat(data.get("article")).isEqualTo(rows("SELECT a.id, a.title, json_build_object('id', u.id, 'name', u.name,"
                + " '__typename', 'author') AS author FROM article a JOIN author u ON u.id = a.author_id WHERE u.rating >= 3 ORDER BY a.title"));
        // an aggregate's count over typed columns, and the root's __typename
        JsonNode typed = data("query($cols: [author_select_column!]) { author_aggregate { aggregate { count(columns: $cols) } } __typename }",
                Map.of("cols", List.of("rating")));
        assertThat(typed.at("/author_aggregate/aggregate/count").asInt()).isEqualTo(3); // count(rating) skips the null
        assertThat(typed.get("__typename").asString()).isEqualTo("query_root");
        // inline fragments on Hasura's aggregate types
        assertThat(data("{ author_aggregate { ... on author_aggregate { aggregate { ... on author_aggregate_fields { count } } } } }")
                .at("/author_aggregate/aggregate/count").asInt()).isEqualTo(4);
    }

    @Test
    void manyToManyThroughTheJunctionAsHasurasDocsNestIt() {
        JsonNode data = data("{ article(where: {id: {_in: [1, 3]}}, order_by: {id: asc}) { id article_tags(order_by: {tag_id: asc})"
                + " { tag { tag_value } } } }");
        assertThat(data.get("article")).isEqualTo(oracle("SELECT json_agg(json_build_object('id', a.id, 'article_tags', (SELECT json_agg("
                + "json_build_object('tag', json_build_object('tag_value', t.tag_value)) ORDER BY x.tag_id) FROM article_tag x JOIN tag t"
                + " ON t.id = x.tag_id WHERE x.article_id = a.id)) ORDER BY a.id) FROM article a WHERE a.id IN (1, 3)"));
    }

    // ---- mutations ----

    @Test
    void insertsUpdatesUpsertsAndDeletesAsHasurasDocs() {
        JsonNode one = data("mutation { insert_author_one(object: {id: 100, name: \"Eve\", rating: 1}) { id name } }");
        assertThat(one.get("insert_author_one")).isEqualTo(oracle("SELECT row_to_json(t) FROM (SELECT id, name FROM author WHERE id = 100) t"));
        JsonNode many = data("mutation($objects: [author_insert_input!]!) { insert_author(objects: $objects) { affected_rows returning { id } } }",
                Map.of("objects", List.of(Map.of("id", 101, "name", "Finn"), Map.of("id", 102, "name", "Gus",
                        "articles", Map.of("data", List.of(Map.of("id", 100, "title", "Nested insert")))))));
        assertThat(many.at("/insert_author/affected_rows").asInt()).isEqualTo(3); // Hasura counts the nested article too
        assertThat(oracle("SELECT json_agg(author_id) FROM article WHERE id = 100")).isEqualTo(JSON.readTree("[102]"));
        JsonNode updated = data("mutation { update_author_by_pk(pk_columns: {id: 100}, _set: {name: \"Eva\"}, _inc: {rating: 2}) { id name rating } }");
        assertThat(updated.get("update_author_by_pk")).isEqualTo(JSON.readTree("{\"id\":100,\"name\":\"Eva\",\"rating\":3}"));
        JsonNode upsert = data("mutation { insert_author(objects: [{id: 101, name: \"Finn2\", rating: 9}], on_conflict:"
                + " {constraint: author_pkey, update_columns: [name]}) { affected_rows returning { id name rating } } }");
        assertThat(upsert.get("insert_author")).isEqualTo(JSON.readTree(
                "{\"affected_rows\":1,\"returning\":[{\"id\":101,\"name\":\"Finn2\",\"rating\":null}]}"));
        JsonNode ignored = data("mutation { insert_author(objects: [{id: 101, name: \"Nope\"}], on_conflict:"
                + " {constraint: author_pkey, update_columns: []}) { affected_rows } }");
        assertThat(ignored.at("/insert_author/affected_rows").asInt()).isZero();
        JsonNode deleted = data("mutation { delete_article(where: {id: {_eq: 100}}) { affected_rows }"
                + " delete_author(where: {id: {_gte: 100}}) { affected_rows returning { id } } }");
        assertThat(deleted.at("/delete_author/affected_rows").asInt()).isEqualTo(3);
        assertThat(oracle("SELECT count(*) FROM author WHERE id >= 100").asInt()).isZero();
    }

    @Test
    void aConstraintViolationFailsTheMutationWithHasurasCode() {
        JsonNode response = editor("mutation { insert_article_one(object: {id: 200, title: \"Drafts\", author_id: 1}) { id } }", Map.of());
        assertThat(response.at("/errors/0/extensions/weft_code").asString()).as(response.toString()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.at("/errors/0/extensions/code").asString()).as(response.toString()).isEqualTo("constraint-violation");
        assertThat(oracle("SELECT count(*) FROM article WHERE id = 200").asInt()).isZero();
    }

    // ---- permissions ----

    @Test
    void aUsersRowFilterReadsXHasuraUserIdFromAStringClaim() {
        JsonNode response = post(token("2", "user"), null, "{ article(order_by: {id: asc}) { id } }", Map.of());
        assertThat(response.has("errors")).as(response.toString()).isFalse();
        assertThat(response.at("/data/article")).isEqualTo(rows("SELECT id FROM article WHERE author_id = 2 OR is_published ORDER BY id"));
        // the same filter reached through a relationship
        JsonNode nested = post(token("2", "user"), "user", "{ author(order_by: {id: asc}) { id articles(order_by: {id: asc}) { id } } }", Map.of());
        assertThat(nested.at("/data/author/0/articles")).isEqualTo(rows("SELECT id FROM article WHERE author_id = 1 AND is_published ORDER BY id"));
        assertThat(nested.at("/data/author/1/articles")).isEqualTo(rows("SELECT id FROM article WHERE author_id = 2 ORDER BY id"));
    }

    @Test
    void aColumnOutsideTheRolesListIsAValidationError() {
        JsonNode response = post(token("2", "user"), "user", "{ author { id rating } }", Map.of());
        assertThat(response.has("data")).isFalse();
        assertThat(response.at("/errors/0/extensions/code").asString()).isEqualTo("validation-failed");
        assertThat(response.at("/errors/0/message").asString()).contains("rating");
    }

    @Test
    void aUsersInsertTakesItsAuthorFromTheTokenAndUpdatesOnlyItsOwnRows() {
        JsonNode inserted = post(token("3", "user"), "user",
                "mutation { insert_article_one(object: {id: 300, title: \"Mine\", rating: 2}) { id author_id } }", Map.of());
        assertThat(inserted.at("/data/insert_article_one")).as(inserted.toString()).isEqualTo(JSON.readTree("{\"id\":300,\"author_id\":3}"));
        JsonNode others = post(token("3", "user"), "user",
                "mutation { update_article(where: {}, _set: {rating: 0}) { affected_rows } }", Map.of());
        assertThat(others.at("/data/update_article/affected_rows").asInt()).as(others.toString())
                .isEqualTo(oracle("SELECT count(*) FROM article WHERE author_id = 3").asInt());
        assertThat(oracle("SELECT count(*) FROM article WHERE rating = 0 AND author_id <> 3").asInt()).isZero();
        data("mutation { delete_article_by_pk(id: 300) { id } }");
        db.execute("UPDATE article SET rating = 4 WHERE id = 5", "UPDATE article SET rating = 2 WHERE id = 6");
        // a column outside the insert permission is not in the role's input type
        JsonNode refused = post(token("3", "user"), "user",
                "mutation { insert_article_one(object: {id: 301, title: \"x\", author_id: 1}) { id } }", Map.of());
        assertThat(refused.at("/errors/0/extensions/code").asString()).isEqualTo("validation-failed");
    }

    @Test
    void aRoleWithoutDeletePermissionHasNoDeleteField() {
        JsonNode response = post(token("2", "user"), "user", "mutation { delete_article(where: {}) { affected_rows } }", Map.of());
        assertThat(response.has("data")).isFalse();
        assertThat(response.at("/errors/0/extensions/code").asString()).isEqualTo("validation-failed");
        assertThat(response.at("/errors/0/message").asString()).contains("delete_article");
    }

    @Test
    void theXHasuraRoleHeaderChoosesAmongTheAllowedRoles() {
        String query = "{ article_aggregate { aggregate { count } } }";
        assertThat(post(token("2", "user", "editor"), "editor", query, Map.of()).at("/data/article_aggregate/aggregate/count").asInt())
                .isEqualTo(6);
        assertThat(post(token("2", "user", "editor"), "user", query, Map.of()).at("/data/article_aggregate/aggregate/count").asInt())
                .isEqualTo(oracle("SELECT count(*) FROM article WHERE author_id = 2 OR is_published").asInt());
    }

    @Test
    void aRoleTheTokenDoesNotAllowIsRefusedAndXWeftRoleWins() {
        JsonNode refused = post(token("2", "user"), "editor", "{ author { id } }", Map.of());
        assertThat(refused.has("data")).isFalse();
        assertThat(refused.at("/errors/0/extensions/code").asString()).isEqualTo("FORBIDDEN");
        assertThat(refused.at("/errors/0/message").asString()).contains("X-Hasura-Role", "editor");
        JsonNode both = post(token("2", "user", "editor"), "editor", "{ article_aggregate { aggregate { count } } }", Map.of(),
                "X-Weft-Role", "user");
        assertThat(both.at("/data/article_aggregate/aggregate/count").asInt())
                .isEqualTo(oracle("SELECT count(*) FROM article WHERE author_id = 2 OR is_published").asInt());
    }

    @Test
    void unknownFieldsAndBadVariablesAreValidationFailed() {
        JsonNode unknown = editor("{ author { id nope } }", Map.of());
        assertThat(unknown.has("data")).isFalse();
        assertThat(unknown.at("/errors/0/extensions/code").asString()).isEqualTo("validation-failed");
        // /graphql keeps Weft's codes
        JsonNode weft = JSON.readTree(SecurityTesting.post(port, "{ author { id nope } }", "Authorization", token("1", "editor")).text());
        assertThat(weft.at("/errors/0/extensions/code").asString()).isEqualTo("GRAPHQL_VALIDATION_FAILED");
        JsonNode badType = editor("query($w: author_bool_exp) { author(where: $w) { id } }", Map.of("w", Map.of("idd", Map.of("_eq", 1))));
        assertThat(badType.at("/errors/0/extensions/code").asString()).isEqualTo("validation-failed");
        JsonNode parse = editor("{ author { id ", Map.of());
        assertThat(parse.at("/errors/0/extensions/code").asString()).isEqualTo("validation-failed");
    }
}
