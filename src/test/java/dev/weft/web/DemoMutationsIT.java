package dev.weft.web;

import static dev.weft.web.SecurityTesting.get;
import static dev.weft.web.SecurityTesting.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.web.SecurityTesting.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The embedded demo's mutations over HTTP, as the README's curl examples send them: the manager writes
 * every H2 table; the analyst inserts employees of its own gender (preset from its key's claim) and
 * updates only those, never salary or gender. Each role's schema (GraphiQL's docs, {@code /graphql/schema})
 * shows exactly its own mutations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoMutationsIT {
    @LocalServerPort
    int port;

    @Test
    void eachRoleSchemaShowsItsOwnMutations() {
        String manager = get(port, "/graphql/schema", "X-API-Key", "demo-manager-key").text();
        assertThat(manager).contains("type Mutation", "insert_hr_employees(", "delete_hr_employees_by_pk(",
                "update_pm_projects_many(", "input HrEmployeesInsertInput", "insert_events_clicks_one(");
        String analyst = get(port, "/graphql/schema", "X-API-Key", "demo-analyst-key").text();
        assertThat(analyst).contains("type Mutation", "insert_hr_employees_one(", "update_hr_employees_by_pk(")
                .doesNotContain("delete_hr_employees", "insert_pm_projects", "update_hr_departments", "insert_events_clicks");
        String insertInput = analyst.substring(analyst.indexOf("input HrEmployeesInsertInput"));
        insertInput = insertInput.substring(0, insertInput.indexOf('}'));
        assertThat(insertInput).contains("first_name", "email").doesNotContain("salary", "gender");
    }

    @Test
    void theReadmesManagerExampleWorks() {
        Response raised = post(port, "mutation { update_hr_employees(where: {emp_no: {_eq: 10001}}, _inc: {salary: 1000})"
                + " { affected_rows returning { emp_no salary } } }", "X-API-Key", "demo-manager-key");
        assertThat(raised.text()).isEqualTo("{\"data\":{\"update_hr_employees\":{\"affected_rows\":1,"
                + "\"returning\":[{\"emp_no\":10001,\"salary\":47328.09}]}}}");
        Response back = post(port, "mutation { update_hr_employees_by_pk(pk_columns: {emp_no: 10001}, _inc: {salary: -1000})"
                + " { salary } }", "X-API-Key", "demo-manager-key");
        assertThat(back.text()).isEqualTo("{\"data\":{\"update_hr_employees_by_pk\":{\"salary\":46328.09}}}");
        Response notMine = post(port, "mutation { update_hr_employees_by_pk(pk_columns: {emp_no: 10002}, _set: {last_name: \"X\"})"
                + " { emp_no } }", "X-API-Key", "demo-analyst-key");
        assertThat(notMine.text()).isEqualTo("{\"data\":{\"update_hr_employees_by_pk\":null}}");
    }

    @Test
    void theManagerWritesAndTheAnalystWritesOnlyItsOwnRows() {
        Response created = post(port, "mutation { insert_hr_employees_one(object: {emp_no: 90001, birth_date: \"1990-01-01\","
                + " first_name: \"Ada\", last_name: \"Lovelace\", gender: \"M\", hire_date: \"2020-01-01\"}) { emp_no } }",
                "X-API-Key", "demo-manager-key");
        assertThat(created.text()).isEqualTo("{\"data\":{\"insert_hr_employees_one\":{\"emp_no\":90001}}}");
        Response mine = post(port, "mutation { insert_hr_employees_one(object: {emp_no: 90002, birth_date: \"1990-01-01\","
                + " first_name: \"Grace\", last_name: \"Hopper\", hire_date: \"2020-01-01\", email: \"grace@example.com\"})"
                + " { emp_no gender email } }", "X-API-Key", "demo-analyst-key");
        assertThat(mine.text()).isEqualTo("{\"data\":{\"insert_hr_employees_one\":{\"emp_no\":90002,\"gender\":\"F\","
                + "\"email\":\"g***@example.com\"}}}");
        Response other = post(port, "mutation { update_hr_employees_by_pk(pk_columns: {emp_no: 90001}, _set: {last_name: \"X\"})"
                + " { emp_no } }", "X-API-Key", "demo-analyst-key");
        assertThat(other.text()).isEqualTo("{\"data\":{\"update_hr_employees_by_pk\":null}}");
        Response check = post(port, "{ hr_employees_by_pk(emp_no: 90001) { last_name } }", "X-API-Key", "demo-manager-key");
        assertThat(check.text()).isEqualTo("{\"data\":{\"hr_employees_by_pk\":{\"last_name\":\"Lovelace\"}}}");
        Response deleted = post(port, "mutation { delete_hr_employees(where: {emp_no: {_in: [90001, 90002]}}) { affected_rows } }",
                "X-API-Key", "demo-manager-key");
        assertThat(deleted.text()).isEqualTo("{\"data\":{\"delete_hr_employees\":{\"affected_rows\":2}}}");
    }
}
