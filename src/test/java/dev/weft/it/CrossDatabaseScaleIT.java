package dev.weft.it;

import static dev.weft.it.CrossDatabaseFixture.both;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.weft.testing.GraphqlAssertions;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cross-database queries of the issue on its real-sized dataset ({@link ScaleDataset}: 50,000 employees
 * in MariaDB with 44,911 statuses in PostgreSQL, 10,000 customers in MariaDB with 100,000 orders in
 * PostgreSQL), with the default settings. Before the planner each failed with BAD_USER_INPUT at the
 * 10,000-key cap; each answer is now compared with the one computed from both databases' own rows, joined
 * here in Java. Every query runs with the direct executor and field by field, which must agree.
 */
class CrossDatabaseScaleIT {
    private static ScaleDataset data;
    private static WeftRuntime weft;
    private static Map<Integer, String> statusOf;
    private static Map<Integer, String> customerName;

    @BeforeAll
    static void start() {
        data = ScaleDataset.create();
        try {
            weft = data.start(null);
            statusOf = new HashMap<>();
            ScaleDataset.rows(data.hrs, "SELECT emp_no, status FROM employee_status")
                    .forEach(r -> statusOf.put((Integer) r.get(0), (String) r.get(1)));
            customerName = new HashMap<>();
            ScaleDataset.rows(data.crm, "SELECT id, name FROM customers").forEach(r -> customerName.put((Integer) r.get(0),
                    (String) r.get(1)));
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        if (weft != null) {
            weft.close();
        }
        if (data != null) {
            data.close();
        }
    }

    @Test
    void fewEmployeesHiredInAWindowWithAnActiveStatusAmongManyActiveStatuses() {
        List<Object> expected = ScaleDataset.rows(data.hrm, "SELECT emp_no FROM employees WHERE hire_date >= '1999-01-01'"
                        + " AND hire_date < '1999-01-03' ORDER BY emp_no").stream().map(r -> r.get(0))
                .filter(e -> "active".equals(statusOf.get(e))).map(e -> (Object) e).toList();
        assertThat(statusOf.values().stream().filter("active"::equals).count()).isGreaterThan(30_000);
        assertThat(expected).isNotEmpty().hasSizeLessThan(100);

        List<Object> found = column(data("""
                { hrm_employees(where: {hire_date: {_gte: "1999-01-01", _lt: "1999-01-03"}, status: {status: {_eq: "active"}}},
                                order_by: [{emp_no: asc}]) { emp_no } }"""), "hrm_employees", "emp_no");
        assertThat(found).isEqualTo(expected);
    }

    @Test
    void employeesWithoutAStatusAreCountedExactly() {
        List<List<Object>> employees = ScaleDataset.rows(data.hrm, "SELECT emp_no, hire_date FROM employees");
        List<List<Object>> without = employees.stream().filter(r -> !statusOf.containsKey(r.get(0))).toList();
        assertThat(without).hasSize(50_000 - 44_911);

        Map<String, Object> data = data("""
                { hrm_employees_aggregate(where: {_not: {status: {}}}) {
                    aggregate { count min { emp_no } max { hire_date } sum { emp_no } avg { emp_no } } } }""");
        assertThat(GraphqlAssertions.<Object>at(data, "hrm_employees_aggregate.aggregate.count")).isEqualTo(without.size());
        assertThat(GraphqlAssertions.<Object>at(data, "hrm_employees_aggregate.aggregate.min.emp_no"))
                .isEqualTo(without.stream().mapToInt(r -> (Integer) r.get(0)).min().orElseThrow());
        assertThat(String.valueOf(GraphqlAssertions.<Object>at(data, "hrm_employees_aggregate.aggregate.max.hire_date")))
                .isEqualTo(without.stream().map(r -> r.get(1).toString()).max(Comparator.naturalOrder()).orElseThrow());
        long sum = without.stream().mapToLong(r -> (Integer) r.get(0)).sum();
        assertThat(new BigDecimal(String.valueOf(GraphqlAssertions.<Object>at(data, "hrm_employees_aggregate.aggregate.sum.emp_no"))))
                .isEqualByComparingTo(BigDecimal.valueOf(sum));
        assertThat(((Number) GraphqlAssertions.at(data, "hrm_employees_aggregate.aggregate.avg.emp_no")).doubleValue())
                .isCloseTo((double) sum / without.size(), within(1e-6));
    }

    @Test
    void aSemiJoinWhoseBothSidesAreLargeIsStreamedAndItsAggregatesAreExact() {
        List<Integer> inactive = statusOf.entrySet().stream().filter(e -> e.getValue().equals("inactive")).map(Map.Entry::getKey)
                .sorted().toList();
        assertThat(inactive).hasSizeGreaterThan(10_000);
        Map<String, Object> data = data("""
                { hrm_employees_aggregate(where: {status: {status: {_eq: "inactive"}}}) { aggregate { count sum { emp_no } } }
                  hrm_employees(where: {status: {status: {_eq: "inactive"}}}, order_by: [{emp_no: desc}], limit: 3, offset: 2) {
                    emp_no } }""");
        assertThat(GraphqlAssertions.<Object>at(data, "hrm_employees_aggregate.aggregate.count")).isEqualTo(inactive.size());
        assertThat(new BigDecimal(String.valueOf(GraphqlAssertions.<Object>at(data, "hrm_employees_aggregate.aggregate.sum.emp_no"))))
                .isEqualByComparingTo(BigDecimal.valueOf(inactive.stream().mapToLong(Integer::longValue).sum()));
        List<Object> lastThree = new ArrayList<>(inactive.reversed().subList(2, 5));
        assertThat(column(data, "hrm_employees", "emp_no")).isEqualTo(lastThree);
    }

    @Test
    void anAntiJoinListIsPagedInItsOwnOrder() {
        List<List<Object>> employees = ScaleDataset.rows(data.hrm,
                "SELECT emp_no, hire_date FROM employees WHERE hire_date >= '1990-01-01' ORDER BY hire_date DESC, emp_no ASC");
        List<Object> expected = employees.stream().filter(r -> !statusOf.containsKey(r.get(0))).skip(5).limit(10)
                .map(r -> r.get(0)).toList();
        List<Object> found = column(data("""
                { hrm_employees(where: {_not: {status: {}}, hire_date: {_gte: "1990-01-01"}},
                                order_by: [{hire_date: desc}, {emp_no: asc}], limit: 10, offset: 5) { emp_no } }"""),
                "hrm_employees", "emp_no");
        assertThat(found).hasSize(10).isEqualTo(expected);
    }

    @Test
    void ordersSortedByTheirCustomersNameAreDrivenFromTheCustomers() {
        List<List<Object>> orders = ScaleDataset.rows(data.shop, "SELECT order_id, customer_id, total FROM orders");
        Comparator<List<Object>> byName = Comparator.comparing(r -> customerName.get((Integer) r.get(1)),
                Comparator.nullsLast(Comparator.naturalOrder()));
        List<Object> firstFive = orders.stream().sorted(byName.thenComparing(r -> (Integer) r.get(0))).limit(5)
                .map(r -> r.get(0)).toList();
        // desc puts orders without a customer first (nulls first), then by total and order_id
        Comparator<List<Object>> byNameDesc = Comparator.comparing(r -> customerName.get((Integer) r.get(1)),
                Comparator.nullsFirst(Comparator.<String>reverseOrder()));
        List<Object> descending = orders.stream().sorted(byNameDesc.thenComparing(r -> (BigDecimal) r.get(2))
                .thenComparing(r -> (Integer) r.get(0))).skip(40).limit(7).map(r -> r.get(0)).toList();
        assertThat(orders.stream().filter(r -> !customerName.containsKey(r.get(1))).count()).isGreaterThan(40);

        Map<String, Object> data = data("""
                { shop_orders(order_by: [{customer: {name: asc}}, {order_id: asc}], limit: 5) { order_id }
                  desc: shop_orders(order_by: [{customer: {name: desc}}, {total: asc}, {order_id: asc}], limit: 7, offset: 40) {
                    order_id } }""");
        assertThat(column(data, "shop_orders", "order_id")).isEqualTo(firstFive);
        assertThat(column(data, "desc", "order_id")).isEqualTo(descending);
    }

    @Test
    void customersAndOrdersFilteredThroughEachOtherAgreeWithTheOracle() {
        List<List<Object>> orders = ScaleDataset.rows(data.shop, "SELECT order_id, customer_id, total FROM orders");
        Set<Object> cheapBuyers = orders.stream().filter(r -> ((BigDecimal) r.get(2)).compareTo(new BigDecimal(500)) < 0)
                .map(r -> r.get(1)).filter(customerName::containsKey).collect(Collectors.toSet());
        Set<Object> bigBuyers = orders.stream().filter(r -> ((BigDecimal) r.get(2)).compareTo(new BigDecimal("999.5")) >= 0)
                .map(r -> r.get(1)).filter(customerName::containsKey).collect(Collectors.toCollection(HashSet::new));
        List<List<Object>> orphans = orders.stream().filter(r -> !customerName.containsKey(r.get(1))).toList();
        long ofNames1 = orders.stream().filter(r -> {
            String name = customerName.get((Integer) r.get(1));
            return name != null && name.startsWith("Name 1");
        }).count();

        Map<String, Object> data = data("""
                { cheap: crm_customers_aggregate(where: {orders: {total: {_lt: 500}}}) { aggregate { count } }
                  big: crm_customers(where: {orders: {total: {_gte: 999.5}}}, order_by: [{id: asc}]) { id }
                  orphans: shop_orders_aggregate(where: {_not: {customer: {}}}) { aggregate { count sum { total } } }
                  named: shop_orders_aggregate(where: {customer: {name: {_like: "Name 1%"}}}) { aggregate { count } } }""");
        assertThat(GraphqlAssertions.<Object>at(data, "cheap.aggregate.count")).isEqualTo(cheapBuyers.size());
        assertThat(column(data, "big", "id")).isEqualTo(bigBuyers.stream().sorted(Comparator.comparing(o -> (Integer) o)).toList());
        assertThat(GraphqlAssertions.<Object>at(data, "orphans.aggregate.count")).isEqualTo(orphans.size());
        assertThat(new BigDecimal(String.valueOf(GraphqlAssertions.<Object>at(data, "orphans.aggregate.sum.total"))))
                .isEqualByComparingTo(orphans.stream().map(r -> (BigDecimal) r.get(2)).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(GraphqlAssertions.<Object>at(data, "named.aggregate.count")).isEqualTo((int) ofNames1);
    }

    private static Map<String, Object> data(String query) {
        ExecutionResult result = both(weft, query);
        assertThat(result.getErrors()).as("errors of %s", query).isEmpty();
        return result.getData();
    }

    private static List<Object> column(Map<String, Object> data, String field, String column) {
        return GraphqlAssertions.<List<Map<String, Object>>>at(data, field).stream().map(r -> r.get(column)).toList();
    }
}
