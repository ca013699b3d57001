package dev.weft.hasura;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.config.AccessFile;
import dev.weft.config.AccessSpec;
import dev.weft.config.RelationshipSpec;
import dev.weft.config.RelationshipsFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The converter on the metadata of src/test/resources/hasura (a directory with !include, and the same as an export). */
class HasuraConverterTest {
    static final Path DIRECTORY = Path.of("src/test/resources/hasura/metadata");
    static final Path EXPORT = Path.of("src/test/resources/hasura/export.json");

    @Test
    void theDirectoryAndTheExportConvertAlike() {
        HasuraConversion fromDirectory = HasuraConverter.convert(HasuraMetadata.load(DIRECTORY));
        HasuraConversion fromExport = HasuraConverter.convert(HasuraMetadata.load(EXPORT));
        assertThat(fromExport).isEqualTo(fromDirectory);
    }

    @Test
    void weftYmlHasAServicePerSourceWithPlaceholdersAndTheTrackedTables() {
        HasuraConversion c = HasuraConverter.convert(HasuraMetadata.load(DIRECTORY));
        Map<String, Object> services = at(new Yaml().load(c.weftYml()), "weft", "services");
        assertThat(services).containsOnlyKeys("default", "shop");
        assertThat(services.get("default")).isEqualTo(Map.of("kind", "postgres", "url", "${DEFAULT_JDBC_URL}",
                "username", "${DEFAULT_USERNAME}", "password", "${DEFAULT_PASSWORD}", "schema", "public",
                "include", List.of("authors", "articles"), "naming", "hasura"));
        assertThat(services.get("shop")).isEqualTo(Map.of("kind", "mariadb", "url", "${SHOP_JDBC_URL}",
                "username", "${SHOP_USERNAME}", "password", "${SHOP_PASSWORD}", "include", List.of("orders")));
        assertThat((Map<String, Object>) at(new Yaml().load(c.weftYml()), "weft"))
                .containsEntry("relationships", "relationships.yml").containsEntry("security", Map.of("access", "access.yml"));
        assertThat(c.notes()).anySatisfy(n -> assertThat(n).contains("HASURA_GRAPHQL_DATABASE_URL")
                .contains("DEFAULT_JDBC_URL"));
    }

    @Test
    void manualAndRemoteDatabaseRelationshipsAreDeclaredAndForeignKeyOnesLeftToWeft() {
        HasuraConversion c = HasuraConverter.convert(HasuraMetadata.load(DIRECTORY));
        List<RelationshipSpec> relationships = RelationshipsFile.parse("relationships.yml", c.relationshipsYml());
        assertThat(relationships).extracting(RelationshipSpec::name).containsExactly("orders", "editor");
        assertThat(c.relationshipsYml()).contains("ref_service: shop").contains("ref_table: orders")
                .contains("ref_field: customer_id").contains("type: has_many")
                .contains("name: editor\n  type: belongs_to\n  field: editor_id\n  ref_service: default\n  ref_table: authors\n  ref_field: id");
        // articles.author and authors.articles are the names Weft gives the foreign key: nothing to report
        assertThat(c.notConverted()).noneMatch(line -> line.contains("foreign-key"));
    }

    @Test
    void permissionsBecomeRolesWithClaimsColumnsAndLimits() {
        HasuraConversion c = HasuraConverter.convert(HasuraMetadata.load(DIRECTORY));
        AccessSpec access = AccessFile.parse("access.yml", c.accessYml());
        assertThat(access.roles()).extracting(AccessSpec.RoleSpec::name).containsExactlyInAnyOrder("anonymous", "editor", "user");
        Map<String, Object> roles = at(new Yaml().load(c.accessYml()), "roles");
        assertThat((Object) at(roles, "anonymous", "limits")).isEqualTo(Map.of("max-limit", 2));
        assertThat((Object) at(roles, "anonymous", "default.articles", "select"))
                .isEqualTo(Map.of("columns", List.of("id", "title"), "filter", Map.of("published", Map.of("_eq", true))));
        assertThat((Object) at(roles, "user", "shop.orders", "select", "filter"))
                .isEqualTo(Map.of("customer_id", Map.of("_eq", "@claims.x-hasura-user-id")));
        assertThat((Object) at(roles, "user", "default.articles", "insert")).isEqualTo(Map.of("columns", List.of("title", "body"),
                "check", Map.of("author_id", Map.of("_eq", "@claims.x-hasura-user-id")),
                "set", Map.of("author_id", "@claims.x-hasura-user-id")));
        assertThat((Object) at(roles, "user", "default.articles", "delete"))
                .isEqualTo(Map.of("filter", Map.of("author_id", Map.of("_eq", "@claims.x-hasura-user-id"))));
        assertThat((Object) at(roles, "editor", "shop.orders", "select")).isEqualTo(Map.of());
    }

    @Test
    void theReportListsWhatWeftHasNoEquivalentFor() {
        HasuraConversion c = HasuraConverter.convert(HasuraMetadata.load(DIRECTORY));
        assertThat(c.notConverted()).contains("remote_schemas: 1 entry (Weft has no equivalent)",
                "actions: 1 entry (Weft has no equivalent)", "allowlist: 1 entry (Weft has no equivalent)",
                "default.authors: 1 computed_fields (Weft has no equivalent)",
                "default.articles: 1 event_triggers (Weft has no equivalent)");
        assertThat(c.notConverted()).anySatisfy(line -> assertThat(line).startsWith(
                "default.articles: select permission of role 'anonymous': allow_aggregations is off"));
        assertThat(c.report()).startsWith("Not converted (" + c.notConverted().size() + "):\n  - remote_schemas");
    }

    @Test
    void inlineSecretsAreNeverCopiedAndUnconvertibleParts(@TempDir Path dir) throws Exception {
        Path export = dir.resolve("export.json");
        Files.writeString(export, """
                {"version": 3, "sources": [
                  {"name": "Main-DB", "kind": "postgres", "configuration": {"connection_info": {
                     "database_url": "postgres://hasura:s3cretPassw0rd@db.internal:6432/app?sslmode=require&password=an0therSecret"}},
                   "tables": [
                     {"table": {"schema": "public", "name": "a"},
                      "object_relationships": [{"name": "owner", "using": {"foreign_key_constraint_on": "owner_ref"}}],
                      "select_permissions": [
                        {"role": "r", "permission": {"columns": "*", "filter": {"_exists": {"_table": {"schema": "public", "name": "b"}, "_where": {}}}}},
                        {"role": "s", "permission": {"columns": "*", "filter": {}, "limit": 5, "allow_aggregations": true}}]},
                     {"table": {"schema": "public", "name": "b"},
                      "select_permissions": [{"role": "s", "permission": {"columns": "*", "filter": {}, "limit": 9, "allow_aggregations": true}}]},
                     {"table": {"schema": "audit", "name": "log"}}]},
                  {"name": "warehouse", "kind": "bigquery", "tables": []}]}""");
        HasuraConversion c = HasuraConverter.convert(HasuraMetadata.load(export));
        assertThat(c.weftYml() + c.accessYml() + c.report()).doesNotContain("s3cretPassw0rd").doesNotContain("an0therSecret");
        Map<String, Object> service = at(new Yaml().load(c.weftYml()), "weft", "services", "maindb");
        assertThat(service).containsEntry("url", "jdbc:postgresql://db.internal:6432/app").containsEntry("username", "hasura")
                .containsEntry("password", "${MAINDB_PASSWORD}").containsEntry("include", List.of("a", "b"));
        assertThat(c.notConverted()).contains(
                "source 'warehouse': kind 'bigquery' is not a database Weft reads",
                "source 'Main-DB': table audit.log (a Weft service reads one schema; this source's tables are in public)",
                "role 's': select limits differ between its tables ([5, 9]); Weft caps a role as a whole, so max-limit is the smallest, 5");
        assertThat(c.notConverted()).anySatisfy(line -> assertThat(line).isEqualTo("maindb.a: select permission of role 'r':"
                + " its filter uses operator _exists; the permission is left out (the role cannot select the table)"));
        assertThat(c.notConverted()).anySatisfy(line -> assertThat(line).startsWith("maindb.a.owner: a foreign-key relationship"));
        assertThat(c.notes()).anySatisfy(n -> assertThat(n).contains("parameters are not copied").contains("MAINDB_PASSWORD"));
        Map<String, Object> roles = at(new Yaml().load(c.accessYml()), "roles");
        assertThat(roles).containsOnlyKeys("s");
    }

    @Test
    void theCommandWritesTheFilesAndNeverOverwrites(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ConvertHasuraMetadataCommand.run(List.of(EXPORT.toString(), dir.toString()), print(out), print(err));
        assertThat(status).isZero();
        HasuraConversion expected = HasuraConverter.convert(HasuraMetadata.load(EXPORT));
        assertThat(Files.readString(dir.resolve("access.yml"))).isEqualTo(expected.accessYml());
        assertThat(Files.readString(dir.resolve("weft.yml"))).isEqualTo(expected.weftYml());
        assertThat(Files.readString(dir.resolve("relationships.yml"))).isEqualTo(expected.relationshipsYml());
        assertThat(Files.readString(dir.resolve("hasura-conversion-report.txt"))).isEqualTo(expected.report());
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Not converted (").contains("remote_schemas");

        Files.writeString(dir.resolve("access.yml"), "kept");
        assertThat(ConvertHasuraMetadataCommand.run(List.of(EXPORT.toString(), dir.toString()), print(out), print(err))).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("access.yml"))).isEqualTo("kept");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("weft.yml exists; not overwritten");
    }

    @Test
    void badInputIsAClearError(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(ConvertHasuraMetadataCommand.run(List.of(), print(new ByteArrayOutputStream()), print(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar weft.jar convert-hasura-metadata");
        assertThatThrownBy(() -> HasuraMetadata.load(dir)).hasMessageContaining("no databases/databases.yaml");
        Files.writeString(dir.resolve("v1.json"), "{\"tables\": []}");
        assertThatThrownBy(() -> HasuraMetadata.load(dir.resolve("v1.json"))).hasMessageContaining("no 'sources' list");
        Files.createDirectories(dir.resolve("m/databases"));
        Files.writeString(dir.resolve("m/databases/databases.yaml"), "- name: default\n  tables: \"!include missing.yaml\"\n");
        assertThatThrownBy(() -> HasuraMetadata.load(dir.resolve("m"))).hasMessageContaining("missing.yaml");
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object root, String... path) {
        Object value = root;
        for (String key : path) {
            value = ((Map<String, Object>) value).get(key);
        }
        return (T) value;
    }
}
