package dev.weft.it;

import static dev.weft.testing.GraphqlAssertions.at;
import static dev.weft.testing.GraphqlAssertions.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.RelationshipSpec;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import dev.weft.testing.Db2Database;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A {@code db2} service (IBM JCC, Derby 10.8.3.0 Network Server) in relationships.yml with MariaDB, PostgreSQL and
 * H2: all four relationship types in both directions, DB2 as parent, as related side and as junction, composite
 * keys, DB2 CHAR(6) keys against MariaDB VARCHAR keys, per-parent limits (cut in memory on Derby), relationships
 * in {@code where}, and one statement per DB2 table and level, counted in the server's own statement log.
 *
 * <pre>
 * hr (MariaDB)      employees 1 Facello, 2 Simmel, 3 Bamford, 4 Koblick, 5 Maliniak
 *                   dept_emp (emp_no, dept_no VARCHAR): (1,d1) (2,d1) (2,d2) (3,d2) (4,d3) (5,d9); foreign key emp_no
 * hrstatus (DB2)    EMPLOYEE_STATUS 1 active, 2 on_leave, 3 active, 4 terminated, 6 active (no employee 6)
 *                   DEPT_CODES (DEPT_NO CHAR(6)) d1 Marketing, d2 Finance, d3 Research, d4 Empty
 *                   EMP_SKILLS id (EMP_NO, DEPT_NO CHAR(6)) skill: 1 (2,d1) sql, 2 (2,d1) java, 3 (2,d2) excel,
 *                              4 (4,d3) cobol, 5 (9,d1) ghost; foreign key DEPT_NO -> DEPT_CODES
 *                   PROJECT_ASSIGNMENTS (EMP_NO, PROJECT_ID) role: (1,10) lead, (1,20) dev, (2,20) lead, (3,10) dev,
 *                              (3,30) dev, (6,30) qa
 * pm (PostgreSQL)   projects 10 Apollo, 20 Borealis, 30 Cassini, 40 Dynamo
 * misc (H2)         badges id (emp_no BIGINT) label: 1 (1) gold, 2 (1) silver, 3 (3) bronze, 4 (99) nobody
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Db2RelationshipsIT {
    private static final String RELATIONSHIPS = """
            relationships:
              - {service: hr, table: employees, name: status, type: has_one, field: emp_no,
                 ref_service: hrstatus, ref_table: employee_status, ref_field: emp_no}
              - {service: hrstatus, table: employee_status, name: employee, type: belongs_to, field: emp_no,
                 ref_service: hr, ref_table: employees, ref_field: emp_no}
              - {service: hr, table: employees, name: projects, type: many_to_many, field: emp_no,
                 ref_service: pm, ref_table: projects, ref_field: id,
                 junction_service: hrstatus, junction_table: project_assignments, junction_field: emp_no, junction_ref_field: project_id}
              - {service: hrstatus, table: EMPLOYEE_STATUS, name: projects, type: many_to_many, field: EMP_NO,
                 ref_service: pm, ref_table: projects, ref_field: id,
                 junction_table: PROJECT_ASSIGNMENTS, junction_service: hrstatus, junction_field: EMP_NO, junction_ref_field: PROJECT_ID}
              - {service: pm, table: projects, name: statuses, type: many_to_many, field: id,
                 ref_service: hrstatus, ref_table: employee_status, ref_field: emp_no,
                 junction_service: hrstatus, junction_table: project_assignments, junction_field: project_id, junction_ref_field: emp_no}
              - {service: pm, table: projects, name: assignments, type: has_many, field: id,
                 ref_service: hrstatus, ref_table: project_assignments, ref_field: project_id}
              - {service: hrstatus, table: project_assignments, name: project, type: belongs_to, field: project_id,
                 ref_service: pm, ref_table: projects, ref_field: id}
              - {service: hrstatus, table: dept_codes, name: dept_emp, type: has_many, field: dept_no,
                 ref_service: hr, ref_table: dept_emp, ref_field: dept_no}
              - {service: hr, table: dept_emp, name: code, type: belongs_to, field: dept_no,
                 ref_service: hrstatus, ref_table: dept_codes, ref_field: dept_no}
              - {service: hrstatus, table: emp_skills, name: dept_emp, type: belongs_to, field: [emp_no, dept_no],
                 ref_service: hr, ref_table: dept_emp, ref_field: [emp_no, dept_no]}
              - {service: hr, table: dept_emp, name: skills, type: has_many, field: [emp_no, dept_no],
                 ref_service: hrstatus, ref_table: EMP_SKILLS, ref_field: [EMP_NO, DEPT_NO]}
              - {service: misc, table: badges, name: status, type: belongs_to, field: emp_no,
                 ref_service: hrstatus, ref_table: employee_status, ref_field: emp_no}
              - {service: hrstatus, table: employee_status, name: badges, type: has_many, field: emp_no,
                 ref_service: misc, ref_table: badges, ref_field: emp_no}
            """;

    private TestDatabase maria;
    private TestDatabase pg;
    private Db2Database derby;
    private Connection h2Keeper;
    private WeftRuntime weft;

    @BeforeAll
    void start() throws SQLException {
        maria = TestDatabase.mariadb();
        pg = TestDatabase.postgres();
        derby = Db2Database.create();
        maria.execute("CREATE TABLE employees (emp_no INT NOT NULL PRIMARY KEY, first_name VARCHAR(20) NOT NULL, last_name VARCHAR(20) NOT NULL)",
                "INSERT INTO employees VALUES (1, 'Georgi', 'Facello'), (2, 'Bezalel', 'Simmel'), (3, 'Parto', 'Bamford'),"
                        + " (4, 'Chirstian', 'Koblick'), (5, 'Kyoichi', 'Maliniak')",
                "CREATE TABLE dept_emp (emp_no INT NOT NULL, dept_no VARCHAR(6) NOT NULL, from_date DATE NOT NULL, PRIMARY KEY (emp_no, dept_no),"
                        + " CONSTRAINT fk_de_emp FOREIGN KEY (emp_no) REFERENCES employees (emp_no))",
                "INSERT INTO dept_emp VALUES (1, 'd1', '1986-06-26'), (2, 'd1', '1990-01-02'), (2, 'd2', '1985-11-21'),"
                        + " (3, 'd2', '1986-08-28'), (4, 'd3', '1986-12-01'), (5, 'd9', '1989-09-12')");
        derby.execute("CREATE TABLE employee_status (emp_no INT NOT NULL PRIMARY KEY, status VARCHAR(20) NOT NULL, since DATE NOT NULL,"
                        + " remote BOOLEAN NOT NULL)",
                "INSERT INTO employee_status VALUES (1, 'active', '1988-07-08', FALSE), (2, 'on_leave', '1999-12-19', TRUE),"
                        + " (3, 'active', '1998-01-05', FALSE), (4, 'terminated', '2001-03-20', FALSE), (6, 'active', '2002-04-07', TRUE)",
                "CREATE TABLE dept_codes (dept_no CHAR(6) NOT NULL PRIMARY KEY, label VARCHAR(20) NOT NULL)",
                "INSERT INTO dept_codes VALUES ('d1', 'Marketing'), ('d2', 'Finance'), ('d3', 'Research'), ('d4', 'Empty')",
                "CREATE TABLE emp_skills (id INT NOT NULL PRIMARY KEY, emp_no INT NOT NULL, dept_no CHAR(6) NOT NULL,"
                        + " skill VARCHAR(20) NOT NULL, CONSTRAINT fk_skill_dept FOREIGN KEY (dept_no) REFERENCES dept_codes (dept_no))",
                "INSERT INTO emp_skills VALUES (1, 2, 'd1', 'sql'), (2, 2, 'd1', 'java'), (3, 2, 'd2', 'excel'), (4, 4, 'd3', 'cobol'),"
                        + " (5, 9, 'd1', 'ghost')",
                "CREATE TABLE project_assignments (emp_no INT NOT NULL, project_id INT NOT NULL, role VARCHAR(20) NOT NULL,"
                        + " PRIMARY KEY (emp_no, project_id))",
                "INSERT INTO project_assignments VALUES (1, 10, 'lead'), (1, 20, 'dev'), (2, 20, 'lead'), (3, 10, 'dev'),"
                        + " (3, 30, 'dev'), (6, 30, 'qa')");
        pg.execute("CREATE TABLE projects (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)",
                "INSERT INTO projects VALUES (10, 'Apollo'), (20, 'Borealis'), (30, 'Cassini'), (40, 'Dynamo')");
        String h2Url = "jdbc:h2:mem:weft_misc_" + UUID.randomUUID().toString().substring(0, 8) + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
        h2Keeper = DriverManager.getConnection(h2Url, "sa", "");
        try (Statement s = h2Keeper.createStatement()) {
            s.execute("CREATE TABLE badges (id INT PRIMARY KEY, emp_no BIGINT NOT NULL, label VARCHAR(20) NOT NULL)");
            s.execute("INSERT INTO badges VALUES (1, 1, 'gold'), (2, 1, 'silver'), (3, 3, 'bronze'), (4, 99, 'nobody')");
        }
        Map<String, ServiceProperties> services = new LinkedHashMap<>();
        services.put("hr", maria.propertiesFor("mariadb"));
        services.put("hrstatus", derby.properties());
        services.put("pm", pg.propertiesFor("postgres"));
        services.put("misc", new ServiceProperties("h2", h2Url, "sa", "", null, null, null, null, null, null, null, null, null, null));
        List<RelationshipSpec> specs = RelationshipsFile.parse("relationships.yml", RELATIONSHIPS);
        weft = WeftRuntime.start(TestDatabase.services(services), specs, WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS);
    }

    @AfterAll
    void stop() throws SQLException {
        try {
            if (weft != null) {
                weft.close();
            }
        } finally {
            h2Keeper.close();
            derby.close();
            pg.close();
            maria.close();
        }
    }

    private Map<String, Object> query(String query) {
        return data(weft.execute(query, Map.of()));
    }

    /** For each element of the list at {@code path}, the value at {@code inner} (a dotted path; lists give lists). */
    private static List<Object> each(Map<String, Object> data, String path, String inner) {
        List<Object> result = new ArrayList<>();
        for (Object element : (List<?>) at(data, path)) {
            result.add(dig(element, inner.split("\\.")));
        }
        return result;
    }

    private static Object dig(Object value, String[] parts) {
        Object current = value;
        for (int i = 0; i < parts.length; i++) {
            if (current == null) {
                return null;
            }
            if (current instanceof List<?> list) {
                String[] rest = java.util.Arrays.copyOfRange(parts, i, parts.length);
                return list.stream().map(e -> dig(e, rest)).toList();
            }
            current = ((Map<?, ?>) current).get(parts[i]);
        }
        return current;
    }

    // ---- the four types, both directions ----------------------------------------------------------------

    @Test
    void hasOneIntoDb2AndBelongsToOutOfIt() {
        Map<String, Object> data = query("{ hr_employees(order_by: {emp_no: asc}) { emp_no status { status remote employee { last_name } } } }");
        assertThat(each(data, "hr_employees", "status.status")).containsExactly("active", "on_leave", "active", "terminated", null);
        assertThat(each(data, "hr_employees", "status.remote")).containsExactly(false, true, false, false, null);
        assertThat(each(data, "hr_employees", "status.employee.last_name"))
                .containsExactly("Facello", "Simmel", "Bamford", "Koblick", null);
    }

    @Test
    void db2AsTheRootWithBelongsToMariadbAndHasManyH2() {
        Map<String, Object> data = query("{ hrstatus_employee_status(order_by: {emp_no: asc}) { emp_no employee { first_name }"
                + " badges(order_by: {id: asc}) { label } } }");
        assertThat(each(data, "hrstatus_employee_status", "emp_no")).containsExactly(1, 2, 3, 4, 6);
        assertThat(each(data, "hrstatus_employee_status", "employee.first_name"))
                .containsExactly("Georgi", "Bezalel", "Parto", "Chirstian", null);
        assertThat(each(data, "hrstatus_employee_status", "badges.label"))
                .containsExactly(List.of("gold", "silver"), List.of(), List.of("bronze"), List.of(), List.of());
        Map<String, Object> back = query("{ misc_badges(order_by: {id: asc}) { id status { status } } }");
        assertThat(each(back, "misc_badges", "status.status")).containsExactly("active", "active", "active", null);
    }

    @Test
    void manyToManyThroughADb2JunctionAndWithDb2OnEitherSide() {
        Map<String, Object> employees = query("{ hr_employees(order_by: {emp_no: asc}) { emp_no projects(order_by: {name: asc}) { name } } }");
        assertThat(each(employees, "hr_employees", "projects.name")).containsExactly(List.of("Apollo", "Borealis"), List.of("Borealis"),
                List.of("Apollo", "Cassini"), List.of(), List.of());
        Map<String, Object> statuses = query("{ hrstatus_employee_status(order_by: {emp_no: asc}) { emp_no projects(order_by: {id: asc}) { id } } }");
        assertThat(each(statuses, "hrstatus_employee_status", "projects.id"))
                .containsExactly(List.of(10, 20), List.of(20), List.of(10, 30), List.of(), List.of(30));
        Map<String, Object> projects = query("{ pm_projects(order_by: {id: asc}) { id statuses(order_by: {emp_no: asc}) { emp_no status } } }");
        assertThat(each(projects, "pm_projects", "statuses.emp_no")).containsExactly(List.of(1, 3), List.of(1, 2), List.of(3, 6), List.of());
    }

    @Test
    void hasManyIntoDb2AndBelongsToBack() {
        Map<String, Object> data = query("{ pm_projects(order_by: {id: asc}) { id assignments(order_by: {emp_no: asc}) { emp_no role"
                + " project { name } } } }");
        assertThat(each(data, "pm_projects", "assignments.role"))
                .containsExactly(List.of("lead", "dev"), List.of("dev", "lead"), List.of("dev", "qa"), List.of());
        assertThat(each(data, "pm_projects", "assignments.project.name")).containsExactly(List.of("Apollo", "Apollo"),
                List.of("Borealis", "Borealis"), List.of("Cassini", "Cassini"), List.of());
    }

    // ---- keys: CHAR padding, composite keys -------------------------------------------------------------

    @Test
    void db2CharKeysMeetMariadbVarcharKeysBothWays() {
        Map<String, Object> codes = query("{ hrstatus_dept_codes(order_by: {dept_no: asc}) { dept_no dept_emp(order_by: {emp_no: asc}) { emp_no } } }");
        assertThat(each(codes, "hrstatus_dept_codes", "dept_no")).as("CHAR(6) is read with its padding")
                .containsExactly("d1    ", "d2    ", "d3    ", "d4    ");
        assertThat(each(codes, "hrstatus_dept_codes", "dept_emp.emp_no")).containsExactly(List.of(1, 2), List.of(2, 3), List.of(4), List.of());
        Map<String, Object> deptEmp = query("{ hr_dept_emp(order_by: [{emp_no: asc}, {dept_no: asc}]) { emp_no dept_no code { label } } }");
        assertThat(each(deptEmp, "hr_dept_emp", "code.label"))
                .containsExactly("Marketing", "Marketing", "Finance", "Finance", "Research", null);
    }

    @Test
    void compositeKeysBothWays() {
        Map<String, Object> skills = query("{ hrstatus_emp_skills(order_by: {id: asc}) { id dept_emp { emp_no dept_no from_date } } }");
        assertThat(each(skills, "hrstatus_emp_skills", "dept_emp.dept_no")).containsExactly("d1", "d1", "d2", "d3", null);
        assertThat(each(skills, "hrstatus_emp_skills", "dept_emp.from_date"))
                .containsExactly("1990-01-02", "1990-01-02", "1985-11-21", "1986-12-01", null);
        Map<String, Object> deptEmp = query("{ hr_dept_emp(order_by: [{emp_no: asc}, {dept_no: asc}]) { emp_no dept_no"
                + " skills(order_by: {id: asc}) { skill } skills_aggregate { aggregate { count } } } }");
        assertThat(each(deptEmp, "hr_dept_emp", "skills.skill")).containsExactly(List.of(), List.of("sql", "java"), List.of("excel"),
                List.of(), List.of("cobol"), List.of());
        assertThat(each(deptEmp, "hr_dept_emp", "skills_aggregate.aggregate.count")).containsExactly(0, 2, 1, 0, 1, 0);
        assertThat(derby.weftStatements()).as("no row values on the test server: OR-of-ANDs")
                .anyMatch(sql -> sql.contains("FROM \"APP\".\"EMP_SKILLS\" t0 WHERE ((t0.\"EMP_NO\" = ? AND t0.\"DEPT_NO\" = ?) OR"));
    }

    // ---- per-parent pages on the DB2 side (no PARTITION BY on Derby: cut in memory) ---------------------

    @Test
    void perParentLimitsOnDb2RelatedRows() {
        Map<String, Object> projects = query("{ pm_projects(order_by: {id: asc}) { id statuses(order_by: {emp_no: desc}, limit: 1) { emp_no } } }");
        assertThat(each(projects, "pm_projects", "statuses.emp_no")).containsExactly(List.of(3), List.of(2), List.of(6), List.of());
        Map<String, Object> deptEmp = query("{ hr_dept_emp(order_by: [{emp_no: asc}, {dept_no: asc}]) { emp_no"
                + " skills(order_by: {skill: asc}, limit: 1) { skill } second: skills(order_by: {skill: asc}, offset: 1) { skill }"
                + " skills_aggregate(order_by: {skill: desc}, limit: 1) { aggregate { count max { skill } } } } }");
        assertThat(each(deptEmp, "hr_dept_emp", "skills.skill")).containsExactly(List.of(), List.of("java"), List.of("excel"),
                List.of(), List.of("cobol"), List.of());
        assertThat(each(deptEmp, "hr_dept_emp", "second.skill")).containsExactly(List.of(), List.of("sql"), List.of(), List.of(),
                List.of(), List.of());
        assertThat(each(deptEmp, "hr_dept_emp", "skills_aggregate.aggregate.max.skill")).containsExactly(null, "sql", "excel", null,
                "cobol", null);
        Map<String, Object> employees = query("{ hr_employees(order_by: {emp_no: asc}) { projects(order_by: {name: desc}, limit: 1) { name } } }");
        assertThat(each(employees, "hr_employees", "projects.name")).containsExactly(List.of("Borealis"), List.of("Borealis"),
                List.of("Cassini"), List.of(), List.of());
        assertThat(derby.weftStatements()).noneMatch(sql -> sql.contains("PARTITION BY"));
    }

    @Test
    void relationshipsAcrossDatabasesInWhere() {
        assertThat(each(query("{ hr_employees(where: {status: {status: {_eq: \"active\"}}}, order_by: {emp_no: asc}) { emp_no } }"),
                "hr_employees", "emp_no")).containsExactly(1, 3);
        assertThat(each(query("{ hrstatus_employee_status(where: {employee: {last_name: {_like: \"S%\"}}}) { emp_no } }"),
                "hrstatus_employee_status", "emp_no")).containsExactly(2);
        assertThat(each(query("{ hrstatus_dept_codes(where: {dept_emp: {emp_no: {_eq: 4}}}) { dept_no } }"),
                "hrstatus_dept_codes", "dept_no")).containsExactly("d3    ");
        assertThat(each(query("{ pm_projects(where: {statuses: {status: {_eq: \"on_leave\"}}}) { id } }"), "pm_projects", "id"))
                .containsExactly(20);
    }

    // ---- N+1: one statement per DB2 table and level, at the server ---------------------------------------

    @Test
    void oneStatementPerDb2TableAndLevelCountedAtTheServer() {
        String request = "{ hr_employees(order_by: {emp_no: asc}) { emp_no"
                + " status { status badges { label } projects { name } }"
                + " dept_emp { code { label emp_skills { skill } } skills { skill } } } }";
        query(request); // warm up: pools and caches
        int before = derby.weftStatements().size();
        Map<String, Object> data = query(request);
        List<String> sent = derby.weftStatements().subList(before, derby.weftStatements().size());
        assertThat(perTable(sent)).as(String.join("\n", sent)).isEqualTo(Map.of(
                "EMPLOYEE_STATUS", 1, "PROJECT_ASSIGNMENTS", 1, "DEPT_CODES", 1, "EMP_SKILLS", 2));
        assertThat(sent).hasSize(5);
        assertThat(sent).anyMatch(sql -> sql.matches(".*FROM \"APP\"\\.\"DEPT_CODES\" t0 WHERE t0\\.\"DEPT_NO\" IN \\(\\?, \\?, \\?, \\?\\).*"));
        @SuppressWarnings("unchecked")
        List<List<List<Object>>> skillsOfCodes = (List<List<List<Object>>>) (Object) each(data, "hr_employees", "dept_emp.code.emp_skills.skill");
        assertThat(skillsOfCodes.get(0).get(0)).containsExactlyInAnyOrder("sql", "java", "ghost");
    }

    private static final Pattern FROM = Pattern.compile("FROM \"APP\"\\.\"([A-Z_]+)\" t0");

    /** Statements per table, by the table of the outermost {@code FROM ... t0}. */
    private static Map<String, Integer> perTable(List<String> statements) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String sql : statements) {
            Matcher m = FROM.matcher(sql);
            String table = m.find() ? m.group(1) : sql;
            counts.merge(table, 1, Integer::sum);
        }
        return counts;
    }
}
