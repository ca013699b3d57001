package dev.weft.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Names of the catalog are map keys on every request: their written-out hashes agree with their equality. */
class CatalogKeysTest {
    private static final ServiceName HR = new ServiceName("hr");

    @Test
    void equalNamesHashAlike() {
        assertThat(new ServiceName("hr")).isEqualTo(HR).hasSameHashCodeAs(HR);
        TableRef employees = new TableRef(HR, "public", "employees");
        assertThat(new TableRef(new ServiceName("hr"), "public", "employees")).isEqualTo(employees)
                .hasSameHashCodeAs(employees);
        TableRef noSchema = new TableRef(HR, null, "employees");
        assertThat(new TableRef(HR, null, "employees")).isEqualTo(noSchema).hasSameHashCodeAs(noSchema)
                .isNotEqualTo(employees);
    }

    @Test
    void equalRelationshipsHashAlikeAndTheirOtherFieldsStillTellThemApart() {
        Relationship orders = orders("id", "orders of the employee");
        assertThat(orders("id", "orders of the employee")).isEqualTo(orders).hasSameHashCodeAs(orders);
        assertThat(orders("emp_no", "orders of the employee")).isNotEqualTo(orders);
        assertThat(orders("id", "another description")).isNotEqualTo(orders);
    }

    private static Relationship orders(String column, String description) {
        return new Relationship("orders", Relationship.Cardinality.ARRAY, new TableRef(HR, "public", "employees"),
                List.of(column), new TableRef(new ServiceName("shop"), "public", "orders"), List.of("employee_id"),
                Optional.empty(), description);
    }
}
