package dev.weft.it;

import static dev.weft.testing.GraphqlAssertions.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.RelationshipsFile;
import dev.weft.config.WeftProperties;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.testing.ServerStatements.PostgresLog;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code returning} resolves relationships to another database as queries do: the related rows of all
 * written rows in one statement, counted in PostgreSQL's own statement log.
 */
class MutationReturningBatchIT {
    @Test
    void returningReadsARelationshipToAnotherDatabaseInOneStatement() throws Exception {
        try (TestDatabase maria = TestDatabase.mariadb(); TestDatabase pg = TestDatabase.postgres()) {
            maria.execute("CREATE TABLE accounts (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL, customer_id INT)");
            pg.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)",
                    "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Bea'), (3, 'Cy')");
            PostgresLog log = PostgresLog.enable(pg);
            try (WeftRuntime weft = WeftRuntime.start(TestDatabase.services(Map.of("shop", maria.propertiesFor("mariadb"),
                            "crm", pg.propertiesFor("postgres"))),
                    RelationshipsFile.parse("relationships.yml", """
                            relationships:
                              - { service: shop, table: accounts, name: customer, type: belongs_to, field: customer_id,
                                  ref_service: crm, ref_table: customers, ref_field: id }
                            """), WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS)) {
                GraphqlAssertions.data(weft.execute("{ crm_customers { id } }", Map.of())); // warm the pool
                long from = log.position();
                Map<String, Object> d = GraphqlAssertions.data(weft.execute("mutation { insert_shop_accounts(objects: ["
                        + "{name: \"a\", customer_id: 1}, {name: \"b\", customer_id: 2}, {name: \"c\", customer_id: 3},"
                        + " {name: \"d\", customer_id: 1}, {name: \"e\"}]) { returning { name customer { name } } } }", Map.of()));
                List<String> selects = log.selectsSince(from);
                List<Map<String, Object>> returning = at(d, "insert_shop_accounts.returning");
                assertThat(returning).extracting(r -> r.get("customer") == null ? "-" : ((Map<?, ?>) r.get("customer")).get("name"))
                        .containsExactly("Ada", "Bea", "Cy", "Ada", "-");
                assertThat(selects).as("PostgreSQL statements for returning.customer").hasSize(1);
            }
        }
    }
}
