package dev.weft.execute.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.ServiceName;
import dev.weft.catalog.TableRef;
import dev.weft.dialect.MySqlDialect;
import dev.weft.dialect.NullsOrder;
import dev.weft.dialect.PostgresDialect;
import dev.weft.query.Aggregates;
import dev.weft.query.KeyBatch;
import dev.weft.query.OrderTerm;
import dev.weft.query.Page;
import dev.weft.query.Predicate;
import dev.weft.query.Predicate.CompareOp;
import dev.weft.query.Select;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact SQL text and parameters of {@code distinct_on} and of ordering by a relationship's aggregate; no database. */
class DistinctAndAggregateOrderSqlTest {
    private static final TableRef STAFF = new TableRef(new ServiceName("hr"), "public", "staff");
    private static final TableRef DEPARTMENTS = new TableRef(new ServiceName("hr"), "public", "departments");
    private static final List<OrderTerm> BY_DEPT_THEN_SALARY = List.of(OrderTerm.of("dept_no", false, null),
            OrderTerm.of("salary", true, NullsOrder.FIRST));

    private final SqlRenderer postgres = new SqlRenderer(new PostgresDialect());
    private final SqlRenderer mysql = new SqlRenderer(new MySqlDialect());

    private static Select distinctStaff(Page page) {
        return new Select(STAFF, List.of("id", "dept_no"), new Predicate.Compare("visible", CompareOp.EQ, 1), BY_DEPT_THEN_SALARY,
                page, List.of("dept_no"));
    }

    @Test
    void postgresKeepsTheFirstRowWithDistinctOn() {
        SqlStatement s = postgres.select(distinctStaff(new Page(2L, null)));
        assertThat(s.sql()).isEqualTo("SELECT t0.\"id\", t0.\"dept_no\" FROM (SELECT DISTINCT ON (t0.\"dept_no\") t0.* FROM"
                + " \"public\".\"staff\" t0 WHERE t0.\"visible\" = ? ORDER BY t0.\"dept_no\" ASC, t0.\"salary\" DESC NULLS FIRST) t0"
                + " ORDER BY t0.\"dept_no\" ASC, t0.\"salary\" DESC NULLS FIRST LIMIT ?");
        assertThat(s.params()).containsExactly(1, 2L);
        assertThat(postgres.rendersDistinct()).isTrue();
    }

    @Test
    void othersNumberTheRowsOfEachCombinationWithAWindow() {
        SqlStatement s = mysql.select(distinctStaff(new Page(2L, 1L)));
        assertThat(s.sql()).isEqualTo("SELECT t0.`id`, t0.`dept_no` FROM (SELECT t0.*, ROW_NUMBER() OVER (PARTITION BY t0.`dept_no`"
                + " ORDER BY t0.`dept_no` ASC, t0.`salary` IS NULL DESC, t0.`salary` DESC) AS `weft d` FROM `public`.`staff` t0"
                + " WHERE t0.`visible` = ?) t0 WHERE t0.`weft d` = 1 ORDER BY t0.`dept_no` ASC, t0.`salary` IS NULL DESC,"
                + " t0.`salary` DESC LIMIT ? OFFSET ?");
        assertThat(s.params()).containsExactly(1, 2L, 1L);
    }

    @Test
    void aBatchIsDistinctPerParentKeyThenPagedPerKey() {
        SqlStatement s = postgres.selectBatch(distinctStaff(new Page(1L, null)), new KeyBatch(List.of("boss"), List.of(List.of(7))));
        assertThat(s.sql()).isEqualTo("SELECT t0.\"id\", t0.\"dept_no\" FROM (SELECT t0.\"id\", t0.\"dept_no\", ROW_NUMBER() OVER"
                + " (PARTITION BY t0.\"boss\" ORDER BY t0.\"dept_no\" ASC, t0.\"salary\" DESC NULLS FIRST) AS \"weft rn\" FROM"
                + " (SELECT DISTINCT ON (t0.\"boss\", t0.\"dept_no\") t0.* FROM \"public\".\"staff\" t0 WHERE (t0.\"boss\" IN (?)"
                + " AND t0.\"visible\" = ?) ORDER BY t0.\"boss\" ASC, t0.\"dept_no\" ASC, t0.\"salary\" DESC NULLS FIRST) t0) t0"
                + " WHERE t0.\"weft rn\" > ? AND t0.\"weft rn\" <= ? ORDER BY t0.\"weft rn\"");
        assertThat(s.params()).containsExactly(7, 1, 0L, 1L);
    }

    @Test
    void anAggregateOfDistinctRowsIsOverTheDistinctRowsEvenUnpaged() {
        Aggregates sum = new Aggregates(true, List.of(new Aggregates.Aggregate(Aggregates.Function.MAX, "salary")));
        SqlStatement root = postgres.aggregate(distinctStaff(Page.ALL), sum);
        assertThat(root.sql()).isEqualTo("SELECT COUNT(*), MAX(t0.\"salary\") FROM (SELECT t0.\"salary\" FROM (SELECT DISTINCT ON"
                + " (t0.\"dept_no\") t0.* FROM \"public\".\"staff\" t0 WHERE t0.\"visible\" = ? ORDER BY t0.\"dept_no\" ASC,"
                + " t0.\"salary\" DESC NULLS FIRST) t0) t0");
        assertThat(root.params()).containsExactly(1);
        SqlStatement batch = mysql.aggregateBatch(distinctStaff(Page.ALL), new KeyBatch(List.of("boss"), List.of(List.of(7))), sum);
        assertThat(batch.sql()).isEqualTo("SELECT t0.`boss`, COUNT(*), MAX(t0.`salary`) FROM (SELECT t0.`boss`, t0.`salary` FROM"
                + " (SELECT t0.*, ROW_NUMBER() OVER (PARTITION BY t0.`boss`, t0.`dept_no` ORDER BY t0.`dept_no` ASC,"
                + " t0.`salary` IS NULL DESC, t0.`salary` DESC) AS `weft d` FROM `public`.`staff` t0 WHERE (t0.`boss` IN (?)"
                + " AND t0.`visible` = ?)) t0 WHERE t0.`weft d` = 1) t0 GROUP BY t0.`boss`");
        assertThat(batch.params()).containsExactly(7, 1);
    }

    @Test
    void anAggregateSortKeyIsACorrelatedSubqueryThroughTheRowFilter() {
        OrderTerm.Hop staff = new OrderTerm.Hop(STAFF, List.of("dept_no"), List.of("dept_no"),
                new Predicate.Compare("visible", CompareOp.EQ, 1));
        Select select = new Select(DEPARTMENTS, List.of("dept_no"), new Predicate.Compare("dept_no", CompareOp.NEQ, "d9"),
                List.of(new OrderTerm(List.of(), null, true, null, new OrderTerm.AggregateOf(staff, null)),
                        new OrderTerm(List.of(), "salary", false, NullsOrder.LAST,
                                new OrderTerm.AggregateOf(staff, Aggregates.Function.MAX))), new Page(3L, null));
        SqlStatement pg = postgres.select(select);
        assertThat(pg.sql()).isEqualTo("SELECT t0.\"dept_no\" FROM \"public\".\"departments\" t0 WHERE t0.\"dept_no\" <> ?"
                + " ORDER BY (SELECT COUNT(*) FROM \"public\".\"staff\" t1 WHERE t1.\"dept_no\" = t0.\"dept_no\" AND t1.\"visible\" = ?)"
                + " DESC, (SELECT MAX(t2.\"salary\") FROM \"public\".\"staff\" t2 WHERE t2.\"dept_no\" = t0.\"dept_no\""
                + " AND t2.\"visible\" = ?) ASC NULLS LAST LIMIT ?");
        assertThat(pg.params()).containsExactly("d9", 1, 1, 3L);
        SqlStatement my = mysql.select(select);
        assertThat(my.params()).as("the emulated NULLS LAST renders the subquery twice, each with its values")
                .containsExactly("d9", 1, 1, 1, 3L);
    }
}
