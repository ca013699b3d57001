package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.WeftProperties;
import dev.weft.execute.sourcejson.SourceJsonList;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rows that tie keep the row path's order. An unpaged array relationship is read as rows with the statement's
 * {@code ORDER BY grp} (or none: scan order), while source-built JSON numbers each parent's rows with
 * {@code ROW_NUMBER() OVER (PARTITION BY parent_id ORDER BY grp)}: rows with equal {@code grp} (every row, without
 * order_by) came out permuted (found on 87adcbf). Such a level is now read as rows; with a total order (the primary
 * key among its terms) or a page (the same window on both paths) it is source-built, in the same order.
 */
class SourceJsonTieOrderIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TestDatabase shop;
    private static WeftRuntime weft;

    @BeforeAll
    static void start() {
        shop = TestDatabase.postgres();
        shop.execute("CREATE TABLE parents (id INT PRIMARY KEY)",
                "INSERT INTO parents VALUES (1), (2), (3)",
                "CREATE TABLE many (id INT PRIMARY KEY, parent_id INT NOT NULL REFERENCES parents (id), grp INT NOT NULL)",
                "INSERT INTO many SELECT g, 1 + g % 3, g % 4 FROM generate_series(1, 6000) g ORDER BY (g * 7919) % 6007");
        weft = SourceJsonRuntime.start(List.of(shop.service("shop", "postgres")), List.of());
    }

    @AfterAll
    static void stop() {
        if (weft != null) {
            weft.close();
        }
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void tiesInTheOrderKeepTheRowPathsOrder() {
        same("{ shop_parents(order_by: {id: asc}) { id many(order_by: {grp: asc}) { id grp } } }", false);
    }

    @Test
    void withoutOrderTheRowPathsOrderIsKept() {
        same("{ shop_parents(order_by: {id: asc}) { id many { id } } }", false);
    }

    @Test
    void aTotalOrderOrAPageIsSourceBuiltInTheSameOrder() {
        same("{ shop_parents(order_by: {id: asc}) { id many(order_by: [{grp: desc}, {id: asc}]) { id grp } } }", true);
        same("{ shop_parents(order_by: {id: asc}) { id many(order_by: {grp: asc}, limit: 1500, offset: 3) { id grp } } }", true);
    }

    private static void same(String query, boolean sourceBuilt) {
        ExecutionResult direct = weft.execute(query, Map.of());
        ExecutionResult fieldByField = weft.executeFieldByField(query, Map.of());
        assertThat(direct.getErrors()).isEmpty();
        assertThat(fieldByField.getErrors()).isEmpty();
        List<?> parents = (List<?>) ((Map<?, ?>) direct.getData()).get("shop_parents");
        assertThat(((Map<?, ?>) parents.get(0)).get("many") instanceof SourceJsonList).isEqualTo(sourceBuilt);
        assertThat(new String(JSON.writeValueAsBytes(direct.toSpecification()), StandardCharsets.UTF_8))
                .isEqualTo(new String(JSON.writeValueAsBytes(fieldByField.toSpecification()), StandardCharsets.UTF_8));
    }
}
