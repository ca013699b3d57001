package dev.weft.it;

import static dev.weft.testing.GraphqlAssertions.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.config.SourceKind;
import dev.weft.config.WeftProperties;
import dev.weft.testing.Db2Database;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.Yaml;

/**
 * The files of {@code docker/} cannot run here (no Docker engine), so their content is checked against the test
 * servers instead (for the MySQL, Db2 and PostgreSQL services; others may be beside them):
 * {@code docker/weft.yml} is valid configuration naming a mysql, a db2 and a postgres service;
 * compose.yml runs IBM's Db2 image as its documentation asks; the SQL of the Db2 init script runs on the DB2 test
 * server (Derby, through JCC), MySQL's on MariaDB and PostgreSQL's on PostgreSQL; and Weft serves the
 * relationships of docker/relationships.yml between the three, answering GraphiQL's opening query.
 */
class Db2DockerFilesIT {
    private static final Path DOCKER = Path.of("docker");

    @Test
    void weftYmlIsValidConfigurationForTheComposeServices() throws IOException {
        var loaded = new YamlPropertySourceLoader().load("weft.yml", new FileSystemResource(DOCKER.resolve("weft.yml")));
        WeftProperties properties = new Binder(ConfigurationPropertySources.from(loaded))
                .bind("weft", Bindable.of(WeftProperties.class)).get();
        List<ServiceSettings> services = new ConfigValidator(ConfigOrigins.NONE).validate(properties);
        Map<String, SourceKind> kinds = new LinkedHashMap<>();
        services.forEach(s -> kinds.put(s.name(), s.kind()));
        assertThat(kinds).containsAllEntriesOf(Map.of("hr", SourceKind.MYSQL, "hrstatus", SourceKind.DB2, "pm", SourceKind.POSTGRES));
        ServiceSettings db2 = services.stream().filter(s -> s.kind() == SourceKind.DB2).findFirst().orElseThrow();
        assertThat(db2.url()).isEqualTo("jdbc:db2://127.0.0.1:50000/HRSTATUS");
        assertThat(db2.schema()).isEqualTo("DB2INST1");
        assertThat(properties.relationships()).isEqualTo("docker/relationships.yml");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsIbmsDb2ImageWithItsSettingsBesideMysqlAndPostgres() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve("compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("mysql", "db2", "postgres");
        Map<String, Object> db2 = services.get("db2");
        assertThat((String) db2.get("image")).startsWith("icr.io/db2_community/db2:");
        assertThat(db2.get("privileged")).isEqualTo(true);
        assertThat((Map<String, Object>) db2.get("environment")).containsEntry("LICENSE", "accept")
                .containsEntry("DB2INSTANCE", "db2inst1").containsKeys("DB2INST1_PASSWORD").containsEntry("DBNAME", "HRSTATUS");
        assertThat((List<String>) db2.get("volumes")).contains("./db2/custom:/var/custom:ro");
        assertThat((String) services.get("mysql").get("image")).startsWith("mysql:8");
        assertThat((String) services.get("postgres").get("image")).startsWith("postgres:");
        try (var custom = Files.list(DOCKER.resolve("db2/custom"))) {
            assertThat(custom.toList()).as("the image runs every file of /var/custom").allMatch(Files::isExecutable);
        }
    }

    @Test
    void theInitScriptsSeedTheDemoAndWeftServesItsRelationships() throws IOException {
        try (TestDatabase maria = TestDatabase.mariadb(); TestDatabase pg = TestDatabase.postgres(); Db2Database derby = Db2Database.create()) {
            maria.execute(statements(Files.readString(DOCKER.resolve("mysql/hr.sql"))));
            pg.execute(statements(Files.readString(DOCKER.resolve("postgres/pm.sql"))));
            derby.execute(statements(db2Sql()));
            Map<String, ServiceProperties> services = new LinkedHashMap<>();
            services.put("hr", maria.propertiesFor("mysql"));
            services.put("hrstatus", derby.properties());
            services.put("pm", pg.propertiesFor("postgres"));
            var relationships = RelationshipsFile.parse("docker/relationships.yml",
                    Files.readString(DOCKER.resolve("relationships.yml"), StandardCharsets.UTF_8)).stream()
                    .filter(r -> services.keySet().containsAll(List.of(r.service(), r.refService(), r.junctionServiceOrDefault())))
                    .toList();
            assertThat(relationships).as("the demo's relationships between hr, hrstatus and pm").hasSize(4);
            try (WeftRuntime weft = WeftRuntime.start(TestDatabase.services(services), relationships,
                    WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS)) {
                Map<String, Object> data = GraphqlAssertions.data(weft.execute("""
                        query Demo {
                          hr_employees(limit: 5, order_by: [{emp_no: asc}]) {
                            emp_no first_name last_name
                            status { status since remote }
                            projects(order_by: [{name: asc}]) { name started }
                            dept_emp(order_by: [{from_date: desc}]) { from_date departments { dept_name } }
                          }
                          hrstatus_employee_status(where: {remote: {_eq: true}}, order_by: {emp_no: asc}, limit: 2) {
                            emp_no employee { last_name }
                          }
                        }""", Map.of()));
                Map<String, Object> first = at(data, "hr_employees.0");
                assertThat(first).containsEntry("emp_no", 10001).containsEntry("last_name", "Facello");
                assertThat((Map<String, Object>) at(first, "status")).containsEntry("status", "on_leave")
                        .containsEntry("since", "1988-07-08").containsEntry("remote", false);
                assertThat(TargetScenarioAccess.column(first, "projects", "name")).containsExactly("Equinox", "Fermat");
                assertThat((Object) at(first, "dept_emp.0.departments.dept_name")).isEqualTo("Production");
                assertThat(TargetScenarioAccess.column(data, "hrstatus_employee_status", "emp_no")).containsExactly(10005, 10009);
                assertThat((Object) at(data, "hrstatus_employee_status.0.employee.last_name")).isEqualTo("Maliniak");
            }
        }
    }

    /** The SQL between {@code <<'SQL'} and {@code SQL} in the Db2 init script. */
    private static String db2Sql() throws IOException {
        String script = Files.readString(DOCKER.resolve("db2/custom/01-hrstatus.sh"));
        int start = script.indexOf("<<'SQL'\n") + "<<'SQL'\n".length();
        return script.substring(start, script.indexOf("\nSQL\n", start));
    }

    /** Statements of a script: comment lines dropped, split at a semicolon that ends a line. */
    private static String[] statements(String script) {
        StringBuilder kept = new StringBuilder();
        script.lines().filter(l -> !l.trim().startsWith("--")).forEach(l -> kept.append(l).append('\n'));
        List<String> statements = new ArrayList<>();
        for (String part : kept.toString().split(";\\s*\n")) {
            if (!part.isBlank()) {
                statements.add(part.trim());
            }
        }
        return statements.toArray(String[]::new);
    }

    /** {@link TargetScenario}'s list helper, for a class that runs no scenario of its own. */
    private static final class TargetScenarioAccess {
        static List<Object> column(Object data, String path, String field) {
            List<Map<String, Object>> rows = at(data, path);
            return rows.stream().map(r -> r.get(field)).toList();
        }
    }
}
