package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.weft.config.AccessFile;
import dev.weft.security.Caller;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every plan of the cross-source planner keeps the caller's row filters on both sides: a role whose filter
 * hides rows of the other tenant on each table ({@link ScaleDataset}, where an employee's status and an
 * order's customer often belong to the other tenant) gets exactly the rows an oracle computes from the
 * rows of its own tenant, and never a row of the other. The plan each query takes is read from the
 * {@code weft.plan} debug log, so that each plan is known to be covered.
 */
class CrossSourcePlanIsolationIT {
    private static ScaleDataset data;
    private static WeftRuntime weft;
    private static ListAppender<ILoggingEvent> plans;

    @BeforeAll
    static void start() {
        data = ScaleDataset.create();
        try {
            weft = data.start(AccessFile.parse("access.yml", """
                    roles:
                      tenant:
                        hrm.employees: { select: { filter: { tenant: { _eq: "@claims.tenant" } } } }
                        hrs.employee_status: { select: { filter: { tenant: { _eq: "@claims.tenant" } } } }
                        crm.customers: { select: { filter: { tenant: { _eq: "@claims.tenant" } } } }
                        shop.orders: { select: { filter: { tenant: { _eq: "@claims.tenant" } } } }
                    """));
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
        Logger logger = (Logger) LoggerFactory.getLogger("weft.plan");
        logger.setLevel(Level.DEBUG);
        plans = new ListAppender<>();
        plans.start();
        logger.addAppender(plans);
    }

    @AfterAll
    static void stop() {
        Logger logger = (Logger) LoggerFactory.getLogger("weft.plan");
        if (plans != null) {
            logger.detachAppender(plans);
        }
        logger.setLevel(null);
        if (weft != null) {
            weft.close();
        }
        if (data != null) {
            data.close();
        }
    }

    @Test
    void employeesFilteredThroughTheirStatusSeeOnlyTheirTenantOnBothSides() {
        for (String tenant : List.of("t0", "t1")) {
            Map<Integer, String> visibleStatus = new HashMap<>();
            ScaleDataset.rows(data.hrs, "SELECT emp_no, status FROM employee_status WHERE tenant = '" + tenant + "'")
                    .forEach(r -> visibleStatus.put((Integer) r.get(0), (String) r.get(1)));
            List<List<Object>> employees = ScaleDataset.rows(data.hrm, "SELECT emp_no, hire_date FROM employees WHERE tenant = '"
                    + tenant + "' ORDER BY emp_no");
            List<Object> window = employees.stream().filter(r -> r.get(1).toString().compareTo("1998-06-01") >= 0
                            && r.get(1).toString().compareTo("1998-07-01") < 0 && "active".equals(visibleStatus.get(r.get(0))))
                    .map(r -> r.get(0)).toList();
            long inactive = employees.stream().filter(r -> "inactive".equals(visibleStatus.get(r.get(0)))).count();
            long without = employees.stream().filter(r -> !visibleStatus.containsKey(r.get(0))).count();

            Map<String, Object> result = run(tenant, """
                    { window: hrm_employees(where: {hire_date: {_gte: "1998-06-01", _lt: "1998-07-01"},
                                                    status: {status: {_eq: "active"}}}, order_by: [{emp_no: asc}]) {
                        emp_no tenant status { tenant } }
                      inactive: hrm_employees_aggregate(where: {status: {status: {_eq: "inactive"}}}) { aggregate { count } }
                      without: hrm_employees_aggregate(where: {_not: {status: {}}}) { aggregate { count } }
                      few: hrm_employees(where: {status: {status: {_eq: "inactive"}}}, order_by: [{emp_no: asc}], limit: 50) {
                        emp_no tenant } }""");
            assertThat(column(result, "window", "emp_no")).isNotEmpty().isEqualTo(window);
            assertOnlyTenant(result, "window", tenant);
            assertThat(GraphqlAssertions.<List<Map<String, Object>>>at(result, "window"))
                    .allSatisfy(e -> assertThat(((Map<?, ?>) e.get("status")).get("tenant")).isEqualTo(tenant));
            assertThat(GraphqlAssertions.<Object>at(result, "inactive.aggregate.count")).isEqualTo((int) inactive);
            assertThat(GraphqlAssertions.<Object>at(result, "without.aggregate.count")).isEqualTo((int) without);
            assertOnlyTenant(result, "few", tenant);
            assertThat(column(result, "few", "emp_no")).isEqualTo(employees.stream()
                    .filter(r -> "inactive".equals(visibleStatus.get(r.get(0)))).limit(50).map(r -> r.get(0)).toList());
        }
        assertThat(logged()).anyMatch(m -> m.contains("parent side read first") && m.contains("one chunk"))
                .anyMatch(m -> m.contains("parent side read first") && m.contains("streamed"));
    }

    @Test
    void ordersFilteredAndSortedThroughTheirCustomerSeeOnlyTheirTenantOnBothSides() {
        for (String tenant : List.of("t0", "t1")) {
            Map<Integer, String> visibleName = new HashMap<>();
            ScaleDataset.rows(data.crm, "SELECT id, name FROM customers WHERE tenant = '" + tenant + "'")
                    .forEach(r -> visibleName.put((Integer) r.get(0), (String) r.get(1)));
            List<List<Object>> orders = ScaleDataset.rows(data.shop, "SELECT order_id, customer_id, total FROM orders"
                    + " WHERE tenant = '" + tenant + "'");
            Comparator<List<Object>> byName = Comparator.comparing(r -> visibleName.get((Integer) r.get(1)),
                    Comparator.nullsLast(Comparator.naturalOrder()));
            List<Object> sorted = orders.stream().sorted(byName.thenComparing(r -> (Integer) r.get(0))).limit(8)
                    .map(r -> r.get(0)).toList();
            List<Object> lastOfSorted = orders.stream().filter(r -> ((BigDecimal) r.get(2)).compareTo(new BigDecimal(995)) > 0)
                    .sorted(byName.thenComparing(r -> (Integer) r.get(0))).map(r -> r.get(0)).toList();
            Set<Object> bigBuyers = orders.stream().filter(r -> ((BigDecimal) r.get(2)).compareTo(new BigDecimal("999")) >= 0)
                    .map(r -> r.get(1)).filter(visibleName::containsKey).collect(Collectors.toSet());
            long orphans = orders.stream().filter(r -> !visibleName.containsKey(r.get(1))).count();

            Map<String, Object> result = run(tenant, """
                    { sorted: shop_orders(order_by: [{customer: {name: asc}}, {order_id: asc}], limit: 8) {
                        order_id tenant customer { tenant } }
                      inMemory: shop_orders(where: {total: {_gt: 995}}, order_by: [{customer: {name: asc}}, {order_id: asc}]) {
                        order_id tenant }
                      big: crm_customers(where: {orders: {total: {_gte: 999}}}, order_by: [{id: asc}]) { id tenant }
                      orphans: shop_orders_aggregate(where: {_not: {customer: {}}}) { aggregate { count } } }""");
            assertThat(column(result, "sorted", "order_id")).isEqualTo(sorted);
            assertOnlyTenant(result, "sorted", tenant);
            assertThat(GraphqlAssertions.<List<Map<String, Object>>>at(result, "sorted"))
                    .allSatisfy(o -> assertThat(o.get("customer")).isIn(null, Map.of("tenant", tenant)));
            assertThat(column(result, "inMemory", "order_id")).isEqualTo(lastOfSorted);
            assertOnlyTenant(result, "inMemory", tenant);
            assertThat(column(result, "big", "id")).isEqualTo(bigBuyers.stream().sorted(Comparator.comparing(o -> (Integer) o))
                    .toList());
            assertOnlyTenant(result, "big", tenant);
            assertThat(GraphqlAssertions.<Object>at(result, "orphans.aggregate.count")).isEqualTo((int) orphans);
        }
        // "inMemory" has no limit of its own, but every root list is read with at most weft.limits.max-rows + 1
        // rows, so the sorted side drives it too
        assertThat(logged()).anyMatch(m -> m.contains("sorted side") && m.contains("drives"))
                .anyMatch(m -> m.contains("related side first"));
    }

    private static Map<String, Object> run(String tenant, String query) {
        Caller caller = new Caller("tenant", Map.of("tenant", tenant));
        ExecutionResult direct = weft.execute(query, Map.of(), caller);
        ExecutionResult fieldByField = weft.executeFieldByField(query, Map.of(), caller);
        assertThat(direct.getErrors()).as("errors of %s", query).isEmpty();
        assertThat(fieldByField.toSpecification()).isEqualTo(direct.toSpecification());
        return direct.getData();
    }

    private static void assertOnlyTenant(Map<String, Object> data, String field, String tenant) {
        assertThat(column(data, field, "tenant")).as("tenants of %s", field).isNotEmpty().containsOnly(tenant);
    }

    private static List<Object> column(Map<String, Object> data, String field, String column) {
        return GraphqlAssertions.<List<Map<String, Object>>>at(data, field).stream().map(r -> r.get(column)).toList();
    }

    private static List<String> logged() {
        return plans.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
