package dev.weft.execute.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.ServiceName;
import dev.weft.catalog.TableRef;
import dev.weft.dialect.H2Dialect;
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

/** Exact SQL text and parameters per dialect; no database involved. */
class SqlRendererTest {
    private static final TableRef EMPLOYEES = new TableRef(new ServiceName("hr"), "public", "employees");
    private static final TableRef DEPT_EMP = new TableRef(new ServiceName("hr"), "public", "dept_emp");
    private static final TableRef MY_EMPLOYEES = new TableRef(new ServiceName("hr"), null, "employees");

    private final SqlRenderer postgres = new SqlRenderer(new PostgresDialect());
    private final SqlRenderer mysql = new SqlRenderer(new MySqlDialect());
    private final SqlRenderer h2 = new SqlRenderer(new H2Dialect());

    @Test
    void rootSelectWithFilterOrderAndPage() {
        Select select = new Select(EMPLOYEES, List.of("emp_no", "last_name"),
                new Predicate.Compare("emp_no", CompareOp.GT, 10),
                List.of(OrderTerm.of("last_name", false, NullsOrder.LAST)), new Page(5L, 10L));
        SqlStatement pg = postgres.select(select);
        assertThat(pg.sql()).isEqualTo("SELECT t0.\"emp_no\", t0.\"last_name\" FROM \"public\".\"employees\" t0"
                + " WHERE t0.\"emp_no\" > ? ORDER BY t0.\"last_name\" ASC NULLS LAST LIMIT ? OFFSET ?");
        assertThat(pg.params()).containsExactly(10, 5L, 10L);

        SqlStatement my = mysql.select(new Select(MY_EMPLOYEES, select.columns(), select.where(), select.orderBy(), select.page()));
        assertThat(my.sql()).isEqualTo("SELECT t0.`emp_no`, t0.`last_name` FROM `employees` t0 WHERE t0.`emp_no` > ?"
                + " ORDER BY t0.`last_name` IS NULL ASC, t0.`last_name` ASC LIMIT ? OFFSET ?");
        assertThat(my.params()).containsExactly(10, 5L, 10L);

        SqlStatement hh = h2.select(select);
        assertThat(hh.sql()).endsWith("ORDER BY t0.\"last_name\" ASC NULLS LAST OFFSET ? ROWS FETCH FIRST ? ROWS ONLY");
        assertThat(hh.params()).containsExactly(10, 10L, 5L);
    }

    @Test
    void likeRunsOnTheColumnItselfAndCastsOnlyATypeWithoutLike() {
        dev.weft.catalog.Table words = new dev.weft.catalog.Table(EMPLOYEES, false, List.of(
                new dev.weft.catalog.Column("ci", "ci", dev.weft.catalog.ColumnType.STRING, true, "citext"),
                new dev.weft.catalog.Column("ch", "ch", dev.weft.catalog.ColumnType.STRING, true, "bpchar"),
                new dev.weft.catalog.Column("mood", "mood", dev.weft.catalog.ColumnType.STRING, true, "mood")),
                List.of(), List.of(), null, null);
        SqlRenderer typed = new SqlRenderer(new PostgresDialect(), ref -> ref.equals(EMPLOYEES) ? words : null);
        Predicate where = Predicate.and(List.of(new Predicate.Like("ci", "a%", false, false), new Predicate.Like("ch", "a%", true, false),
                new Predicate.Like("mood", "h%", false, true)));
        assertThat(typed.select(new Select(EMPLOYEES, List.of("ci"), where, List.of(), Page.ALL)).sql())
                .endsWith("WHERE (t0.\"ci\" LIKE ? AND t0.\"ch\" ILIKE ? AND t0.\"mood\"::text NOT LIKE ?)");
        assertThat(new SqlRenderer(new dev.weft.dialect.Db2Dialect()).select(new Select(EMPLOYEES, List.of("ci"),
                new Predicate.Like("ch", "a%", false, false), List.of(), Page.ALL)).sql()).endsWith("WHERE t0.\"ch\" LIKE ?");
    }

    @Test
    void regexAndSimilarMatchesAreEachDialectsOwnWithThePatternBound() {
        Predicate where = Predicate.and(List.of(new Predicate.Match("last_name", Predicate.MatchKind.REGEX, "^a", false),
                new Predicate.Match("last_name", Predicate.MatchKind.IREGEX, "^b", true)));
        SqlStatement pg = postgres.select(new Select(EMPLOYEES, List.of("emp_no"), where, List.of(), Page.ALL));
        assertThat(pg.sql()).endsWith("WHERE (t0.\"last_name\"::text ~ ? AND t0.\"last_name\"::text !~* ?)");
        assertThat(pg.params()).containsExactly("^a", "^b");
        assertThat(postgres.select(new Select(EMPLOYEES, List.of("emp_no"), new Predicate.Match("last_name",
                Predicate.MatchKind.SIMILAR, "(a|b)%", true), List.of(), Page.ALL)).sql())
                .endsWith("WHERE t0.\"last_name\"::text NOT SIMILAR TO ?");
        assertThat(mysql.select(new Select(MY_EMPLOYEES, List.of("emp_no"), where, List.of(), Page.ALL)).sql())
                .endsWith("WHERE (t0.`last_name` REGEXP CONCAT('(?-i)', ?) AND t0.`last_name` NOT REGEXP CONCAT('(?i)', ?))");
        assertThat(h2.select(new Select(EMPLOYEES, List.of("emp_no"), where, List.of(), Page.ALL)).sql())
                .endsWith("WHERE (REGEXP_LIKE(t0.\"last_name\", ?, 'c') AND NOT REGEXP_LIKE(t0.\"last_name\", ?, 'i'))");
        assertThat(new SqlRenderer(new dev.weft.dialect.Db2Dialect()).select(new Select(EMPLOYEES, List.of("emp_no"), where,
                List.of(), Page.ALL)).sql()).endsWith("WHERE (REGEXP_LIKE(t0.\"last_name\", CAST(? AS VARCHAR(32672)), 'c')"
                + " AND NOT REGEXP_LIKE(t0.\"last_name\", CAST(? AS VARCHAR(32672)), 'i'))");
    }

    @Test
    void eachDialectStatesWhichTextOperatorsItHas() {
        assertThat(new PostgresDialect().textMatching()).isEqualTo(new dev.weft.catalog.TextMatching(true, true, true));
        assertThat(new MySqlDialect().textMatching()).isEqualTo(new dev.weft.catalog.TextMatching(true, false, false));
        assertThat(new H2Dialect().textMatching()).isEqualTo(new dev.weft.catalog.TextMatching(true, false, false));
        assertThat(new dev.weft.dialect.Db2Dialect().textMatching()).as("unprobed, or Derby").isEqualTo(dev.weft.catalog.TextMatching.LIKE_ONLY);
        assertThat(new dev.weft.dialect.Db2Dialect(new dev.weft.dialect.Db2Dialect.Capabilities(true, true, false, true)).textMatching())
                .as("DB2 LUW with REGEXP_LIKE").isEqualTo(new dev.weft.catalog.TextMatching(true, false, false));
    }

    @Test
    void moreBoundValuesThanTheEngineTakesAreRefusedNamingItsLimit() {
        List<List<Object>> rows = java.util.stream.IntStream.rangeClosed(1, 65_536).mapToObj(i -> List.<Object>of(i)).toList();
        Select select = new Select(EMPLOYEES, List.of("emp_no"), new Predicate.InList(List.of("emp_no"), rows, false), List.of(), Page.ALL);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> postgres.select(select))
                .isInstanceOf(dev.weft.dialect.WeftException.class)
                .hasMessage("this query needs 65,536 values bound in one statement, and PostgreSQL takes at most 65,535:"
                        + " use shorter _in/_nin lists");
        Select fits = new Select(EMPLOYEES, List.of("emp_no"), new Predicate.InList(List.of("emp_no"), rows.subList(0, 65_535), false),
                List.of(), Page.ALL);
        assertThat(postgres.select(fits).params()).hasSize(65_535);
    }

    @Test
    void mysqlOffsetWithoutLimitUsesTheLargestLimit() {
        Select select = new Select(MY_EMPLOYEES, List.of("emp_no"), Predicate.TRUE, List.of(), new Page(null, 3L));
        assertThat(mysql.select(select).sql()).isEqualTo("SELECT t0.`emp_no` FROM `employees` t0 LIMIT 18446744073709551615 OFFSET ?");
    }

    @Test
    void descendingNullsFirstOnMysqlSortsTheNullTermFirst() {
        Select select = new Select(MY_EMPLOYEES, List.of("emp_no"), Predicate.TRUE,
                List.of(OrderTerm.of("salary", true, NullsOrder.FIRST)), Page.ALL);
        assertThat(mysql.select(select).sql()).endsWith("ORDER BY t0.`salary` IS NULL DESC, t0.`salary` DESC");
        assertThat(postgres.select(select).sql()).endsWith("ORDER BY t0.\"salary\" DESC NULLS FIRST");
    }

    @Test
    void booleanOperatorsLikeInAndNullChecks() {
        Predicate where = new Predicate.Or(List.of(
                new Predicate.And(List.of(new Predicate.Like("last_name", "S%", true, false),
                        new Predicate.IsNull("email", false))),
                new Predicate.Not(new Predicate.InList(List.of("emp_no"), List.of(List.of(1), List.of(2)), false))));
        Select select = new Select(EMPLOYEES, List.of("emp_no"), where, List.of(), Page.ALL);
        SqlStatement pg = postgres.select(select);
        assertThat(pg.sql()).isEqualTo("SELECT t0.\"emp_no\" FROM \"public\".\"employees\" t0 WHERE ((t0.\"last_name\"::text ILIKE ?"
                + " AND t0.\"email\" IS NOT NULL) OR NOT (t0.\"emp_no\" IN (?, ?)))");
        assertThat(pg.params()).containsExactly("S%", 1, 2);
        assertThat(mysql.select(select).sql()).contains("LOWER(t0.`last_name`) LIKE LOWER(?)");
    }

    @Test
    void emptyInListsAndConstants() {
        Select none = new Select(EMPLOYEES, List.of("emp_no"), new Predicate.InList(List.of("emp_no"), List.of(), false),
                List.of(), Page.ALL);
        assertThat(postgres.select(none).sql()).endsWith("WHERE 1=0");
        Select all = new Select(EMPLOYEES, List.of("emp_no"), new Predicate.InList(List.of("emp_no"), List.of(), true),
                List.of(), Page.ALL);
        assertThat(postgres.select(all).sql()).endsWith("WHERE 1=1");
    }

    @Test
    void existsJoinsTheRelatedTableWithAFreshAlias() {
        Predicate where = new Predicate.Exists(DEPT_EMP, List.of("emp_no"), List.of("emp_no"),
                new Predicate.Compare("dept_no", CompareOp.EQ, "d001"));
        SqlStatement pg = postgres.select(new Select(EMPLOYEES, List.of("emp_no"), where, List.of(), Page.ALL));
        assertThat(pg.sql()).isEqualTo("SELECT t0.\"emp_no\" FROM \"public\".\"employees\" t0 WHERE EXISTS (SELECT 1 FROM"
                + " \"public\".\"dept_emp\" t1 WHERE t1.\"emp_no\" = t0.\"emp_no\" AND t1.\"dept_no\" = ?)");
        assertThat(pg.params()).containsExactly("d001");
    }

    @Test
    void orderThroughAnObjectRelationshipIsAScalarSubquery() {
        OrderTerm term = new OrderTerm(List.of(new OrderTerm.Hop(EMPLOYEES, List.of("emp_no"), List.of("emp_no"))),
                "last_name", false, NullsOrder.LAST);
        SqlStatement pg = postgres.select(new Select(DEPT_EMP, List.of("emp_no"), Predicate.TRUE, List.of(term), Page.ALL));
        assertThat(pg.sql()).isEqualTo("SELECT t0.\"emp_no\" FROM \"public\".\"dept_emp\" t0 ORDER BY (SELECT t1.\"last_name\""
                + " FROM \"public\".\"employees\" t1 WHERE t1.\"emp_no\" = t0.\"emp_no\") ASC NULLS LAST");
    }

    @Test
    void batchWithoutPageIsOneInList() {
        Select select = new Select(DEPT_EMP, List.of("emp_no", "dept_no"), Predicate.TRUE, List.of(), Page.ALL);
        SqlStatement pg = postgres.selectBatch(select, new KeyBatch(List.of("emp_no"), List.of(List.of(1), List.of(2))));
        assertThat(pg.sql()).isEqualTo("SELECT t0.\"emp_no\", t0.\"dept_no\" FROM \"public\".\"dept_emp\" t0"
                + " WHERE t0.\"emp_no\" IN (?, ?)");
        assertThat(pg.params()).containsExactly(1, 2);
    }

    @Test
    void batchWithPagePartitionsByTheKey() {
        Select select = new Select(DEPT_EMP, List.of("emp_no", "dept_no"), new Predicate.Compare("dept_no", CompareOp.NEQ, "d009"),
                List.of(OrderTerm.of("from_date", true, NullsOrder.FIRST)), new Page(2L, 1L));
        SqlStatement pg = postgres.selectBatch(select, new KeyBatch(List.of("emp_no"), List.of(List.of(7))));
        assertThat(pg.sql()).isEqualTo("SELECT t0.\"emp_no\", t0.\"dept_no\" FROM (SELECT t0.\"emp_no\", t0.\"dept_no\","
                + " ROW_NUMBER() OVER (PARTITION BY t0.\"emp_no\" ORDER BY t0.\"from_date\" DESC NULLS FIRST) AS \"weft rn\""
                + " FROM \"public\".\"dept_emp\" t0 WHERE (t0.\"emp_no\" IN (?) AND t0.\"dept_no\" <> ?)) t0"
                + " WHERE t0.\"weft rn\" > ? AND t0.\"weft rn\" <= ? ORDER BY t0.\"weft rn\"");
        assertThat(pg.params()).containsExactly(7, "d009", 1L, 3L);
    }

    @Test
    void compositeKeysUseRowValues() {
        Select select = new Select(DEPT_EMP, List.of("emp_no"), Predicate.TRUE, List.of(), Page.ALL);
        SqlStatement my = mysql.selectBatch(select, new KeyBatch(List.of("emp_no", "dept_no"),
                List.of(List.of(1, "d001"), List.of(2, "d002"))));
        assertThat(my.sql()).endsWith("WHERE (t0.`emp_no`, t0.`dept_no`) IN ((?, ?), (?, ?))");
        assertThat(my.params()).containsExactly(1, "d001", 2, "d002");
    }

    @Test
    void aggregatesOverAPageWrapTheRowsInASubquery() {
        Aggregates aggregates = new Aggregates(true, List.of(new Aggregates.Aggregate(Aggregates.Function.SUM, "salary"),
                new Aggregates.Aggregate(Aggregates.Function.MAX, "hire_date")));
        Select all = new Select(EMPLOYEES, List.of("emp_no"), Predicate.TRUE, List.of(), Page.ALL);
        assertThat(postgres.aggregate(all, aggregates).sql()).isEqualTo(
                "SELECT COUNT(*), SUM(t0.\"salary\"), MAX(t0.\"hire_date\") FROM \"public\".\"employees\" t0");
        Select paged = new Select(EMPLOYEES, List.of("emp_no"), Predicate.TRUE, List.of(), new Page(3L, null));
        SqlStatement pg = postgres.aggregate(paged, aggregates);
        assertThat(pg.sql()).isEqualTo("SELECT COUNT(*), SUM(t0.\"salary\"), MAX(t0.\"hire_date\") FROM (SELECT t0.\"salary\","
                + " t0.\"hire_date\" FROM \"public\".\"employees\" t0 LIMIT ?) t0");
        assertThat(pg.params()).containsExactly(3L);
    }

    @Test
    void aggregatesPerKeyGroupByTheKey() {
        Aggregates count = new Aggregates(true, List.of());
        Select select = new Select(DEPT_EMP, List.of("emp_no"), Predicate.TRUE, List.of(), Page.ALL);
        SqlStatement pg = postgres.aggregateBatch(select, new KeyBatch(List.of("emp_no"), List.of(List.of(1))), count);
        assertThat(pg.sql()).isEqualTo("SELECT t0.\"emp_no\", COUNT(*) FROM \"public\".\"dept_emp\" t0"
                + " WHERE t0.\"emp_no\" IN (?) GROUP BY t0.\"emp_no\"");
    }

    @Test
    void identifiersAreQuotedWithTheirQuoteDoubled() {
        TableRef odd = new TableRef(new ServiceName("x"), null, "we\"ird`name");
        Select select = new Select(odd, List.of("a\"b"), Predicate.TRUE, List.of(), Page.ALL);
        assertThat(postgres.select(select).sql()).isEqualTo("SELECT t0.\"a\"\"b\" FROM \"we\"\"ird`name\" t0");
        assertThat(mysql.select(select).sql()).isEqualTo("SELECT t0.`a\"b` FROM `we\"ird``name` t0");
    }
}
