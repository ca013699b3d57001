package dev.weftbench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The hand-written equivalents of the benchmark's three queries, as a team would write them: JDBC with one
 * prepared statement per level (children fetched with one {@code IN} list, grouped in a map), records, and
 * Spring's Jackson message converter writing the response. Each answers the JSON Weft answers to the query
 * of the same name in {@code run.sh} (the script checks it before measuring):
 * <ul>
 * <li>{@code POST /cross}: the first 100 customers (MariaDB) with all their orders (PostgreSQL);</li>
 * <li>{@code POST /flat}: the first 1,000 orders (PostgreSQL);</li>
 * <li>{@code POST /nested}: the first 100 customers with all their orders, both in PostgreSQL (one connection).</li>
 * </ul>
 */
@RestController
class BaselineEndpoints {
    private static final int CUSTOMERS = 100;
    private static final int ORDERS = 1000;
    private static final String CUSTOMERS_SQL = "SELECT id, name, email FROM customers ORDER BY id LIMIT ?";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private final DataSource mariadb;
    private final DataSource postgres;

    BaselineEndpoints(BaselineApplication.Pools pools) {
        this.mariadb = pools.mariadb();
        this.postgres = pools.postgres();
    }

    record Response<T>(T data) {
    }

    record Customers(@JsonProperty("crm_customers") List<Customer> crmCustomers) {
    }

    record ShopCustomers(@JsonProperty("shop_customers") List<Customer> shopCustomers) {
    }

    record ShopOrders(@JsonProperty("shop_orders") List<FlatOrder> shopOrders) {
    }

    record Customer(long id, String name, String email, List<Order> orders) {
    }

    record Order(long id, BigDecimal total, @JsonProperty("created_at") String createdAt, String status) {
    }

    record FlatOrder(long id, @JsonProperty("customer_id") long customerId, BigDecimal total,
                     @JsonProperty("created_at") String createdAt, String status) {
    }

    @PostMapping("/cross")
    Response<Customers> cross() throws SQLException {
        Map<Long, List<Order>> ordersOf = new HashMap<>();
        List<Customer> customers;
        try (Connection c = mariadb.getConnection()) {
            customers = customers(c, ordersOf);
        }
        try (Connection c = postgres.getConnection()) {
            orders(c, ordersOf);
        }
        return new Response<>(new Customers(customers));
    }

    @PostMapping("/nested")
    Response<ShopCustomers> nested() throws SQLException {
        Map<Long, List<Order>> ordersOf = new HashMap<>();
        try (Connection c = postgres.getConnection()) {
            List<Customer> customers = customers(c, ordersOf);
            orders(c, ordersOf);
            return new Response<>(new ShopCustomers(customers));
        }
    }

    @PostMapping("/flat")
    Response<ShopOrders> flat() throws SQLException {
        List<FlatOrder> orders = new ArrayList<>(ORDERS);
        try (Connection c = postgres.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, customer_id, total, created_at, status FROM orders ORDER BY id LIMIT ?")) {
            ps.setInt(1, ORDERS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orders.add(new FlatOrder(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3),
                            TIMESTAMP.format(rs.getObject(4, LocalDateTime.class)), rs.getString(5)));
                }
            }
        }
        return new Response<>(new ShopOrders(orders));
    }

    /** The first customers by id, each with an empty order list registered in {@code ordersOf}. */
    private static List<Customer> customers(Connection c, Map<Long, List<Order>> ordersOf) throws SQLException {
        List<Customer> customers = new ArrayList<>(CUSTOMERS);
        try (PreparedStatement ps = c.prepareStatement(CUSTOMERS_SQL)) {
            ps.setInt(1, CUSTOMERS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Order> orders = new ArrayList<>();
                    Customer customer = new Customer(rs.getLong(1), rs.getString(2), rs.getString(3), orders);
                    ordersOf.put(customer.id(), orders);
                    customers.add(customer);
                }
            }
        }
        return customers;
    }

    /** The orders of the customers in {@code ordersOf}, by id, with one statement. */
    private static void orders(Connection c, Map<Long, List<Order>> ordersOf) throws SQLException {
        if (ordersOf.isEmpty()) {
            return;
        }
        String marks = String.join(", ", Collections.nCopies(ordersOf.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, customer_id, total, created_at, status FROM orders WHERE customer_id IN (" + marks + ") ORDER BY id")) {
            int i = 1;
            for (Long id : ordersOf.keySet()) {
                ps.setLong(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ordersOf.get(rs.getLong(2)).add(new Order(rs.getLong(1), rs.getBigDecimal(3),
                            TIMESTAMP.format(rs.getObject(4, LocalDateTime.class)), rs.getString(5)));
                }
            }
        }
    }
}
