package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceProperties;
import dev.weft.config.WeftProperties;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The memory a large response costs: the benchmark's dataset (customers in MariaDB, their orders in PostgreSQL),
 * all 10,000 customers with their 100,000 orders (about 8.7 MB of JSON), executed and written as JSON the way the
 * HTTP layer writes it. The bytes allocated by the whole JVM per request (every thread: the request's virtual
 * threads included) stay under twice the response's size: about 1.9x here, PostgreSQL building the orders' JSON
 * (8.1x with the orders read as rows, 18x with a result map per row and Jackson's map serializer). Measured in bytes,
 * not time, so a busy machine does not make it fail.
 */
class LargeResponseAllocationIT {
    private static final String QUERY = "{ crm_customers(order_by: [{id: asc}]) { id name email "
            + "orders(order_by: [{id: asc}]) { id total created_at status } } }";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TestDatabase crm;
    private static TestDatabase shop;
    private static WeftRuntime weft;

    @BeforeAll
    static void start() {
        crm = TestDatabase.mariadb();
        shop = TestDatabase.postgres();
        crm.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(60) NOT NULL, email VARCHAR(80) NOT NULL)",
                "INSERT INTO customers SELECT seq, CONCAT('Customer ', seq), CONCAT('c', seq, '@example.com') FROM seq_1_to_10000");
        shop.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, total NUMERIC(10,2) NOT NULL,"
                        + " created_at TIMESTAMP NOT NULL, status VARCHAR(12) NOT NULL)",
                "INSERT INTO orders SELECT g, 1 + (g * 7919) % 10000, round(((g * 37) % 100000) / 100.0, 2),"
                        + " timestamp '2024-01-01' + g * interval '1 minute', (ARRAY['new','paid','shipped'])[1 + g % 3]"
                        + " FROM generate_series(1, 100000) g",
                "CREATE INDEX orders_customer ON orders (customer_id)", "ANALYZE orders");
        Map<String, ServiceProperties> services = new LinkedHashMap<>();
        services.put("crm", crm.propertiesFor("mariadb"));
        services.put("shop", shop.propertiesFor("postgres"));
        weft = WeftRuntime.start(TestDatabase.services(services), RelationshipsFile.parse("relationships.yml", """
                relationships:
                  - { service: crm, table: customers, name: orders, type: has_many, field: id,
                      ref_service: shop, ref_table: orders, ref_field: customer_id }
                """), WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS);
    }

    @AfterAll
    static void stop() {
        if (weft != null) {
            weft.close();
        }
        if (shop != null) {
            shop.close();
        }
        if (crm != null) {
            crm.close();
        }
    }

    @Test
    void aLargeResponseAllocatesAFewTimesItsSize() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long size = 0;
        for (int i = 0; i < 3; i++) { // warm-up: classes, plans, pools
            size = request();
        }
        int runs = 5;
        long before = threads.getTotalThreadAllocatedBytes();
        for (int i = 0; i < runs; i++) {
            request();
        }
        long perRequest = (threads.getTotalThreadAllocatedBytes() - before) / runs;
        double ratio = (double) perRequest / size;
        System.out.printf("large response: %,d bytes of JSON, %,d bytes allocated per request (%.1fx)%n", size, perRequest, ratio);
        assertThat(size).isGreaterThan(8_000_000L);
        assertThat(ratio).as("bytes allocated per byte of response").isLessThan(2.0);
    }

    @Test
    void largeLevelsAreSourceBuiltAndSmallOnesReadAsRows() {
        // the default weft.source-json-threshold (5,000): 10,000 customers' orders are built by PostgreSQL, 10 are not
        assertThat(firstOrders(weft.execute(QUERY, Map.of()))).isInstanceOf(dev.weft.execute.sourcejson.SourceJsonList.class);
        assertThat(firstOrders(weft.execute(QUERY.replace("(order_by: [{id: asc}])", "(order_by: [{id: asc}], limit: 10)"),
                Map.of()))).isNotInstanceOf(dev.weft.execute.sourcejson.SourceJsonList.class).asList().isNotEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Object firstOrders(ExecutionResult result) {
        assertThat(result.getErrors()).isEmpty();
        List<Map<String, Object>> customers = (List<Map<String, Object>>) ((Map<String, Object>) result.getData()).get("crm_customers");
        return customers.get(0).get("orders");
    }

    /** One request, written as JSON to nowhere: the response's size in bytes. */
    private static long request() {
        ExecutionResult result = weft.execute(QUERY, Map.of());
        assertThat(result.getErrors()).isEmpty();
        Counting out = new Counting();
        JSON.writeValue(out, result.toSpecification());
        return out.count;
    }

    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
