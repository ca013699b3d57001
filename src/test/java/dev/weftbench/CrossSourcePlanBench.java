package dev.weftbench;

import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceProperties;
import dev.weft.config.WeftProperties;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time and peak heap of each cross-source plan, over data that {@code src/test/bench/plans.sh} generated
 * (employees in MariaDB with statuses in PostgreSQL, customers in MariaDB with orders in PostgreSQL).
 * Each query runs once to warm up, then {@code RUNS} times; it prints the median time and the highest heap
 * in use seen by a 2 ms sampler during the runs (run with a small young generation, so that this is
 * close to what the plan holds).
 *
 * <pre>java -cp ... dev.weftbench.CrossSourcePlanBench KEYS MARIADB_URL_PREFIX POSTGRES_URL_PREFIX DB</pre>
 */
public final class CrossSourcePlanBench {
    private static final int RUNS = Integer.getInteger("runs", 3);

    private CrossSourcePlanBench() {
    }

    public static void main(String[] args) throws Exception {
        String keys = args[0];
        String db = args[3];
        Map<String, ServiceProperties> services = new LinkedHashMap<>();
        services.put("hrm", service("mariadb", args[1] + db + "_hrm", "root"));
        services.put("hrs", service("postgres", args[2] + db + "_hrs", "postgres"));
        services.put("crm", service("mariadb", args[1] + db + "_crm", "root"));
        services.put("shop", service("postgres", args[2] + db + "_shop", "postgres"));
        var settings = new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, services));
        var relationships = RelationshipsFile.parse("relationships.yml", """
                relationships:
                  - { service: hrm, table: employees, name: status, type: has_one, field: emp_no,
                      ref_service: hrs, ref_table: employee_status, ref_field: emp_no }
                  - { service: shop, table: orders, name: customer, type: belongs_to, field: customer_id,
                      ref_service: crm, ref_table: customers, ref_field: id }
                  - { service: crm, table: customers, name: orders, type: has_many, field: id,
                      ref_service: shop, ref_table: orders, ref_field: customer_id }
                """);
        Map<String, String> plans = new LinkedHashMap<>();
        plans.put("related side first (few 'rare' statuses)",
                "{ hrm_employees(where: {status: {status: {_eq: \"rare\"}}}) { emp_no } }");
        plans.put("parent side first, one chunk (2-day hire window, active)",
                "{ hrm_employees(where: {hire_date: {_gte: \"1999-01-01\", _lt: \"1999-01-03\"}, status: {status: {_eq: \"active\"}}}) { emp_no } }");
        plans.put("both large, streamed: anti-join count",
                "{ hrm_employees_aggregate(where: {_not: {status: {}}}) { aggregate { count } } }");
        plans.put("both large, streamed: semi-join count+sum",
                "{ hrm_employees_aggregate(where: {status: {status: {_eq: \"inactive\"}}}) { aggregate { count sum { emp_no } } } }");
        plans.put("both large, streamed: semi-join page (desc, limit 10)",
                "{ hrm_employees(where: {status: {status: {_eq: \"inactive\"}}}, order_by: [{emp_no: desc}], limit: 10) { emp_no } }");
        plans.put("both large, streamed: customers with orders < 500",
                "{ crm_customers_aggregate(where: {orders: {total: {_lt: 500}}}) { aggregate { count } } }");
        plans.put("sorted side drives (orders by customer name, limit 5)",
                "{ shop_orders(order_by: [{customer: {name: asc}}, {order_id: asc}], limit: 5) { order_id } }");
        plans.put("sorted in memory (1% of orders by customer name)",
                "{ shop_orders(where: {total: {_gt: 990}}, order_by: [{customer: {name: asc}}, {order_id: asc}]) { order_id } }");

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (WeftRuntime weft = WeftRuntime.start(settings, relationships,
                WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS_IN_MEMORY, null)) {
            System.out.printf("%-58s %9s %10s %14s  %s%n", "plan", "keys", "median ms", "peak heap MB", "answer");
            for (var plan : plans.entrySet()) {
                ch.qos.logback.classic.Logger planLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("weft.plan");
                var chosen = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
                chosen.start();
                planLog.setLevel(ch.qos.logback.classic.Level.DEBUG);
                planLog.addAppender(chosen);
                ExecutionResult warm = weft.execute(plan.getValue(), Map.of());
                planLog.detachAppender(chosen);
                planLog.setLevel(ch.qos.logback.classic.Level.INFO);
                chosen.list.stream().map(e -> e.getFormattedMessage()).filter(m -> !m.contains("statement:"))
                        .forEach(m -> System.out.println("    " + m));
                if (!warm.getErrors().isEmpty()) {
                    System.out.printf("%-58s %9s failed: %s%n", plan.getKey(), keys, warm.getErrors().get(0).getMessage());
                    continue;
                }
                System.gc();
                AtomicLong peak = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
                Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                        try {
                            Thread.sleep(2);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                List<Long> times = new ArrayList<>();
                Object answer = null;
                for (int i = 0; i < RUNS; i++) {
                    long start = System.nanoTime();
                    answer = weft.execute(plan.getValue(), Map.of()).getData();
                    times.add(System.nanoTime() - start);
                }
                sampler.interrupt();
                sampler.join();
                times.sort(null);
                String shown = String.valueOf(answer);
                System.out.printf("%-58s %9s %10d %14.1f  %s%n", plan.getKey(), keys, times.get(times.size() / 2) / 1_000_000,
                        peak.get() / 1048576.0, shown.length() > 60 ? shown.substring(0, 57) + "..." : shown);
            }
        }
    }

    private static ServiceProperties service(String kind, String url, String user) {
        return new ServiceProperties(kind, url, user, "", null, null, null, null, null, null, Duration.ofSeconds(600), null,
                null, null);
    }
}
