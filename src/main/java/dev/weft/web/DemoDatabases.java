package dev.weft.web;

import dev.weft.config.ServiceProperties;
import dev.weft.execute.JdbcScripts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The embedded demo: three in-process H2 databases, {@code hr} (employees, departments, dept_emp),
 * {@code hrstatus} (employee_status, project_assignments) and {@code pm} (projects), seeded from
 * {@code classpath:demo/*.sql} and linked by the top-level relationships.yml. Each start gets
 * fresh databases with unique names, so several instances in one JVM do not share data.
 */
final class DemoDatabases {

    private DemoDatabases() {
    }

    static Map<String, ServiceProperties> create() {
        Map<String, ServiceProperties> services = new LinkedHashMap<>();
        services.put("hr", seeded("hr"));
        services.put("hrstatus", seeded("hrstatus"));
        services.put("pm", seeded("pm"));
        return services;
    }

    private static ServiceProperties seeded(String name) {
        String url = "jdbc:h2:mem:weft_demo_" + name + "_" + UUID.randomUUID().toString().substring(0, 8)
                + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
        JdbcScripts.runH2Script(url, "sa", "", "demo/" + name + ".sql");
        return new ServiceProperties("h2", url, "sa", "", null, null, null, null, null, null, null, null);
    }
}
