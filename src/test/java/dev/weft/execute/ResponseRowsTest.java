package dev.weft.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The response-size estimate: exact up to {@link ResponseRows#SAMPLE} rows, sampled and scaled past that. */
class ResponseRowsTest {
    private static final List<String> COLUMNS = List.of("id", "name");

    private static Row row(long id, String name) {
        return Row.of(COLUMNS, List.of(id, name));
    }

    private static List<Row> rows(int n, int nameLength) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(row(i, "x".repeat(nameLength)));
        }
        return rows;
    }

    private static dev.weft.limits.RequestBudget budget(long maxResponseBytes) {
        var d = dev.weft.config.LimitSettings.DEFAULTS;
        return new dev.weft.limits.RequestBudget(new dev.weft.config.LimitSettings(d.maxDepth(), d.maxFields(), d.maxRows(),
                maxResponseBytes, d.requestTimeout()));
    }

    private static long exact(List<Row> rows) {
        return rows.stream().mapToLong(Row::estimatedBytes).sum();
    }

    @Test
    void shortListsAreSizedRowByRow() {
        List<Row> rows = rows(ResponseRows.SAMPLE, 10);
        rows.set(3, row(3, "y".repeat(5_000)));
        assertThat(ResponseRows.bytes(rows)).isEqualTo(exact(rows));
    }

    @Test
    void longListsAreSizedBySampleScaledToTheirLength() {
        List<Row> uniform = rows(10_000, 20);
        assertThat(ResponseRows.bytes(uniform)).isEqualTo(exact(uniform));
        List<Row> mixed = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            mixed.add(row(i, "z".repeat(i % 2 == 0 ? 10 : 90)));
        }
        assertThat((double) ResponseRows.bytes(mixed)).isCloseTo(exact(mixed), within(exact(mixed) * 0.05));
    }

    @Test
    void aFewLargeValuesInTheSampleDoNotRefuseAResponseThatFits() {
        List<Row> rows = rows(1_000, 20);
        for (int i = 0; i < ResponseRows.SAMPLE; i++) { // 64 large values, each where the sample looks
            int at = i * 1_000 / ResponseRows.SAMPLE;
            rows.set(at, row(at, "y".repeat(2_000)));
        }
        long exact = exact(rows);
        assertThat(ResponseRows.bytes(rows)).as("the sample alone overestimates").isGreaterThan(exact * 2);
        dev.weft.limits.RequestBudget budget = budget(exact + 100);
        ResponseRows.charge(budget, rows); // fits when counted row by row: no failure
        List<List<Row>> groups = List.of(rows);
        ResponseRows.chargePerParent(budget(exact + 100), groups, new int[] {0}, false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResponseRows.charge(
                budget(exact - 100), rows)).hasMessageContaining("max-response-bytes");
    }

    @Test
    void parentsHoldTheirGroupOnceEachAndAnObjectRelationshipItsFirstRow() {
        List<List<Row>> groups = List.of(rows(3, 10), rows(2, 40), List.of());
        int[] keyOfParent = {0, 0, 1, -1, 2};
        long group0 = exact(groups.get(0));
        long group1 = exact(groups.get(1));
        assertThat(ResponseRows.bytesPerParent(groups, keyOfParent, false)).isEqualTo(2 * group0 + group1);
        assertThat(ResponseRows.bytesPerParent(groups, keyOfParent, true))
                .isEqualTo(2 * groups.get(0).get(0).estimatedBytes() + groups.get(1).get(0).estimatedBytes());
    }

    @Test
    void manyGroupsAreSizedBySampleAcrossThem() {
        List<List<Row>> groups = new ArrayList<>();
        for (int k = 0; k < 500; k++) {
            groups.add(rows(1 + k % 20, 15));
        }
        int[] keyOfParent = new int[1_000];
        long expected = 0;
        for (int p = 0; p < keyOfParent.length; p++) {
            keyOfParent[p] = p % 500;
            expected += exact(groups.get(p % 500));
        }
        assertThat(ResponseRows.bytesPerParent(groups, keyOfParent, false)).isEqualTo(expected);
    }
}
