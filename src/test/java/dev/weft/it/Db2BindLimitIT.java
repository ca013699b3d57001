package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ServiceProperties;
import dev.weft.dialect.Db2Dialect;
import dev.weft.testing.Db2Database;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DB2's limit of 32,767 parameter markers per statement bounds the batched IN lists even when the service's
 * {@code batch-size} allows more: 33,000 parent keys take two statements at the server (32,767 + 233 markers),
 * and every child still reaches its parent.
 */
class Db2BindLimitIT {
    private static final int PARENTS = 33_000;

    @Test
    void keysAreSplitAtTheParameterMarkerLimit() {
        try (Db2Database derby = Db2Database.create()) {
            derby.execute("CREATE TABLE digits (n INT NOT NULL)",
                    "INSERT INTO digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)",
                    "CREATE TABLE parents (id INT NOT NULL PRIMARY KEY)",
                    "INSERT INTO parents SELECT a.n + 10 * b.n + 100 * c.n + 1000 * d.n + 10000 * e.n FROM digits a, digits b,"
                            + " digits c, digits d, digits e WHERE a.n + 10 * b.n + 100 * c.n + 1000 * d.n + 10000 * e.n < " + PARENTS,
                    "CREATE TABLE children (id INT NOT NULL PRIMARY KEY, parent_id INT NOT NULL,"
                            + " CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parents (id))",
                    "INSERT INTO children VALUES (1, 0), (2, 0), (3, 32766), (4, 32767), (5, 32999)");
            ServiceProperties p = derby.properties();
            ServiceProperties wide = new ServiceProperties(p.kind(), p.url(), p.username(), p.password(), null,
                    List.of("parents", "children"), null, null, null, null, null, 100_000, null, null);
            try (WeftRuntime weft = WeftRuntime.start(TestDatabase.services(Map.of("bl", wide)))) {
                int before = derby.weftStatements().size();
                Map<String, Object> data = GraphqlAssertions.data(weft.execute(
                        "{ bl_parents(order_by: {id: asc}) { id children(order_by: {id: asc}) { id } } }", Map.of()));
                List<String> sent = derby.weftStatements().subList(before, derby.weftStatements().size());
                List<String> childStatements = sent.stream().filter(sql -> sql.contains("FROM \"APP\".\"CHILDREN\" t0")).toList();
                assertThat(childStatements).hasSize(2);
                assertThat(childStatements.stream().map(Db2BindLimitIT::markers).sorted().toList())
                        .containsExactly((long) PARENTS - Db2Dialect.MAX_PARAMETER_MARKERS, (long) Db2Dialect.MAX_PARAMETER_MARKERS);
                List<Map<String, Object>> parents = GraphqlAssertions.at(data, "bl_parents");
                assertThat(parents).hasSize(PARENTS);
                assertThat(ids(parents.get(0))).containsExactly(1, 2);
                assertThat(ids(parents.get(32766))).containsExactly(3);
                assertThat(ids(parents.get(32767))).as("the first key of the second statement").containsExactly(4);
                assertThat(ids(parents.get(32999))).containsExactly(5);
                assertThat(ids(parents.get(1))).isEmpty();
            }
        }
    }

    private static long markers(String sql) {
        return sql.chars().filter(c -> c == '?').count();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(Map<String, Object> parent) {
        return ((List<Map<String, Object>>) parent.get("children")).stream().map(c -> c.get("id")).toList();
    }
}
