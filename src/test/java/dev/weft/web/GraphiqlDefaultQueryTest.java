package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.AccessSpec;
import dev.weft.config.SecuritySettings;
import dev.weft.schema.ExampleQuery;
import dev.weft.security.Caller;
import graphql.ExecutionResult;
import graphql.parser.Parser;
import graphql.validation.Validator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The query GraphiQL opens with: the demo's in the demo, the configured one when set, and otherwise one
 * generated from the caller's schema ({@link ExampleQuery}) that validates and runs: a root list, a few
 * columns and one relationship; for a role, on that role's schema only.
 */
class GraphiqlDefaultQueryTest {
    private static final String ACCESS = """
            roles:
              analyst:
                pm.projects:
                hrstatus.project_assignments:
            """;
    private static WeftRuntime open;
    private static WeftRuntime controlled;

    @BeforeAll
    static void start() {
        open = DemoRuntime.start();
        controlled = DemoRuntime.start(ACCESS);
    }

    @AfterAll
    static void stop() {
        open.close();
        controlled.close();
    }

    @Test
    void theGeneratedQueryValidatesAndRunsWithARelationship() {
        String query = ExampleQuery.of(open.schema().schema());
        System.out.println("[GraphiqlDefaultQueryTest] generated:\n" + query);
        assertThat(new Validator().validateDocument(open.schema().schema(), Parser.parse(query), Locale.ROOT)).isEmpty();
        ExecutionResult result = open.execute(query, Map.of());
        assertThat(result.getErrors()).isEmpty();
        Map<String, List<Map<String, Object>>> data = result.getData();
        List<Map<String, Object>> rows = data.values().iterator().next();
        assertThat(rows).isNotEmpty().hasSizeLessThanOrEqualTo(10);
        assertThat(rows.get(0).values()).as("columns and one relationship").anySatisfy(value ->
                assertThat(value).isInstanceOfAny(Map.class, List.class));
    }

    @Test
    void forARoleTheQueryUsesOnlyWhatTheRoleMayRead() {
        Caller analyst = new Caller("analyst", Map.of());
        String query = ExampleQuery.of(controlled.schemaFor(analyst));
        assertThat(query).containsAnyOf("pm_projects", "hrstatus_project_assignments").doesNotContain("hr_employees");
        ExecutionResult result = controlled.execute(query, Map.of(), analyst);
        assertThat(result.getErrors()).isEmpty();
        assertThat(result.<Map<String, Object>>getData()).isNotEmpty();
    }

    @Test
    void theDemoOpensWithItsOwnQueryAndAConfiguredQueryWins() {
        AccessSpec access = new AccessSpec("x", List.of(), List.of());
        WeftSecurity demo = new WeftSecurity(new SecuritySettings("classpath:demo/access.yml", access, null, null, true), null);
        assertThat(page("", demo)).contains("query Demo {").doesNotContain("query Example");
        assertThat(page("{ mine }", demo)).contains("\"{ mine }\"").doesNotContain("query Demo");
        assertThat(page("", WeftSecurity.OPEN)).contains(GraphiqlController.jsonString(ExampleQuery.of(open.schema().schema())))
                .doesNotContain("query Demo");
    }

    @Test
    void aCallerWithoutARoleSeesNoTableName() {
        AccessSpec access = new AccessSpec("x", List.of(), List.of());
        WeftSecurity noAnonymousRole = new WeftSecurity(new SecuritySettings("access.yml", access, null, null, false), null);
        assertThat(page("", noAnonymousRole)).contains("Put your credentials in the Headers tab").doesNotContain("hr_", "events_", "query Example");
    }

    private static String page(String defaultQuery, WeftSecurity security) {
        return GraphiqlDefaultHeadersTest.page(new GraphiqlController(defaultQuery, "", security, open::schemaFor));
    }
}
