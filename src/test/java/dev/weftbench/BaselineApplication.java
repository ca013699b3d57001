package dev.weftbench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The benchmark's baseline: a minimal hand-written Spring MVC endpoint that answers "the first 100
 * customers with all their orders" with the same JSON as Weft, from the same two SQL statements
 * (customers in MariaDB, then their orders in PostgreSQL with one IN list). It is what a team would
 * write by hand; Weft's throughput is reported as a ratio of it. Run by {@code src/test/bench/run.sh}.
 * It lives outside {@code dev.weft} so that Weft's component scan never picks it up in tests.
 */
// no Spring Security: the baseline is the minimal endpoint a team would write (Weft's tests put security on the classpath)
@SpringBootApplication(scanBasePackages = "dev.weftbench", excludeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
public class BaselineApplication {

    public static void main(String[] args) {
        SpringApplication.run(BaselineApplication.class, args);
    }

    @RestController
    static class CustomersWithOrders {
        private final DataSource customers;
        private final DataSource orders;

        CustomersWithOrders(@Value("${bench.customers-url}") String customersUrl, @Value("${bench.orders-url}") String ordersUrl) {
            this.customers = pool(customersUrl, "root", "");
            this.orders = pool(ordersUrl, "postgres", "");
        }

        @PostMapping("/graphql")
        Map<String, Object> handle() throws SQLException {
            List<Map<String, Object>> rows = new ArrayList<>();
            Map<Long, List<Map<String, Object>>> ordersOf = new LinkedHashMap<>();
            try (Connection c = customers.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT id, name, email FROM customers ORDER BY id LIMIT ?")) {
                ps.setInt(1, 100);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> customer = new LinkedHashMap<>();
                        long id = rs.getLong(1);
                        customer.put("id", id);
                        customer.put("name", rs.getString(2));
                        customer.put("email", rs.getString(3));
                        List<Map<String, Object>> list = new ArrayList<>();
                        customer.put("orders", list);
                        ordersOf.put(id, list);
                        rows.add(customer);
                    }
                }
            }
            if (!ordersOf.isEmpty()) {
                String marks = String.join(", ", Collections.nCopies(ordersOf.size(), "?"));
                try (Connection c = orders.getConnection(); PreparedStatement ps = c.prepareStatement(
                        "SELECT id, customer_id, total, created_at, status FROM orders WHERE customer_id IN (" + marks + ") ORDER BY id")) {
                    int i = 1;
                    for (Long id : ordersOf.keySet()) {
                        ps.setLong(i++, id);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Map<String, Object> order = new LinkedHashMap<>();
                            order.put("id", rs.getLong(1));
                            order.put("total", rs.getBigDecimal(3));
                            order.put("created_at", java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(rs.getObject(4, LocalDateTime.class)));
                            order.put("status", rs.getString(5));
                            ordersOf.get(rs.getLong(2)).add(order);
                        }
                    }
                }
            }
            return Map.of("data", Map.of("crm_customers", rows));
        }

        private static DataSource pool(String url, String user, String password) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(10);
            return new HikariDataSource(config);
        }
    }
}
