package dev.weft.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.Column;
import dev.weft.catalog.ColumnType;
import dev.weft.catalog.ServiceName;
import dev.weft.catalog.Table;
import dev.weft.catalog.TableRef;
import dev.weft.config.SourceKind;
import dev.weft.dialect.Db2Dialect;
import dev.weft.execute.sql.SqlStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The statements of DB2 writes that the Derby test server cannot run (FINAL TABLE is DB2 LUW's and z/OS's),
 * to the character, and the reading of JCC's constraint violations from both kinds of server.
 */
class Db2WritesTest {
    private static final Db2Dialect DB2 = new Db2Dialect();
    private static final Table ACCOUNTS = new Table(new TableRef(new ServiceName("shop"), "APP", "ACCOUNTS"), false, List.of(
            new Column("ID", "id", ColumnType.INT, false, "INTEGER"),
            new Column("TENANT_ID", "tenant_id", ColumnType.STRING, false, "VARCHAR"),
            new Column("NAME", "name", ColumnType.STRING, false, "VARCHAR")), List.of("ID"), List.of(), "ShopAccounts", "shop_accounts");
    private static final Table LINES = new Table(new TableRef(new ServiceName("shop"), "APP", "LINES"), false, List.of(
            new Column("ORDER_ID", "order_id", ColumnType.INT, false, "INTEGER"),
            new Column("NO", "no", ColumnType.INT, false, "INTEGER"),
            new Column("QTY", "qty", ColumnType.INT, true, "INTEGER")), List.of("ORDER_ID", "NO"), List.of(), "ShopLines", "shop_lines");

    private static SqlStatement finalTable(Table table, Map<String, Object> row) {
        return Db2Writes.finalTable(DB2, table.primaryKey(), WriteConnection.insertStatement(DB2, SourceKind.DB2, table, row));
    }

    @Test
    void anInsertWithAGeneratedKeySelectsTheKeyFromTheFinalTable() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("TENANT_ID", "t1");
        row.put("NAME", "erin");
        SqlStatement insert = finalTable(ACCOUNTS, row);
        assertThat(insert.sql()).isEqualTo("SELECT \"ID\" FROM FINAL TABLE (INSERT INTO \"APP\".\"ACCOUNTS\" (\"TENANT_ID\", \"NAME\")"
                + " VALUES (?, ?))");
        assertThat(insert.params()).containsExactly("t1", "erin");
        assertThat(finalTable(ACCOUNTS, Map.of()).sql())
                .isEqualTo("SELECT \"ID\" FROM FINAL TABLE (INSERT INTO \"APP\".\"ACCOUNTS\" (\"ID\") VALUES (DEFAULT))");
        SqlStatement composite = finalTable(LINES, Map.of("QTY", 3));
        assertThat(composite.sql()).isEqualTo("SELECT \"ORDER_ID\", \"NO\" FROM FINAL TABLE (INSERT INTO \"APP\".\"LINES\" (\"QTY\")"
                + " VALUES (?))");
        assertThat(composite.params()).containsExactly(3);
    }

    @Test
    void onlyDb2ForLuwAndZosRunFinalTable() {
        assertThat(Db2Writes.finalTable("SQL11055")).as("DB2 11.5 for LUW").isTrue();
        assertThat(Db2Writes.finalTable("DSN12015")).as("DB2 12 for z/OS").isTrue();
        assertThat(Db2Writes.finalTable("10.8.3.0 - (1405108)")).as("Apache Derby").isFalse();
        assertThat(Db2Writes.finalTable("QSQ07040")).as("DB2 for i").isFalse();
        assertThat(Db2Writes.finalTable((String) null)).isFalse();
    }

    @Test
    void locksWithReadStabilityUntilTheTransactionEnds() {
        assertThat(Db2Writes.LOCK).isEqualTo(" FOR UPDATE WITH RS");
    }

    private static String describe(String message, String state) {
        return WriteFailures.violation(new SQLException(message, state, -1)).orElse(null);
    }

    @Test
    void readsTheConstraintFromTheTokensOfDerbyAndDb2WithoutTheValues() {
        String t = "\u0014";
        assertThat(describe("DB2 SQL Error: SQLCODE=-1, SQLSTATE=23505, SQLERRMC=ACCOUNTS_NAME_KEY" + t + "ACCOUNTS" + t + "23505,"
                + " DRIVER=4.37.4", "23505")).isEqualTo("violates the unique constraint 'ACCOUNTS_NAME_KEY'");
        assertThat(describe("DB2 SQL Error: SQLCODE=-1, SQLSTATE=23503, SQLERRMC=FK_ORDERS_ACCOUNT" + t + "ORDERS" + t + "INSERT" + t
                + "(42)" + t + "23503, DRIVER=4.37.4", "23503")).isEqualTo("violates the foreign key constraint 'FK_ORDERS_ACCOUNT'");
        assertThat(describe("DB2 SQL Error: SQLCODE=-1, SQLSTATE=23513, SQLERRMC=\"APP\".\"ACCOUNTS\"" + t + "CK_BALANCE" + t
                + "23513, DRIVER=4.37.4", "23513")).isEqualTo("violates the check constraint 'CK_BALANCE'");
        assertThat(describe("DB2 SQL Error: SQLCODE=-1, SQLSTATE=23502, SQLERRMC=NAME" + t + "23502, DRIVER=4.37.4", "23502"))
                .isEqualTo("leaves the NOT NULL column 'NAME' without a value");
        assertThat(describe("DB2 SQL Error: SQLCODE=-530, SQLSTATE=23503, SQLERRMC=DB2INST1.ORDERS.FK_ORDERS_ACCOUNT, DRIVER=4.33.31",
                "23503")).isEqualTo("violates the foreign key constraint 'FK_ORDERS_ACCOUNT'");
        assertThat(describe("DB2 SQL Error: SQLCODE=-545, SQLSTATE=23513, SQLERRMC=DB2INST1.ACCOUNTS.CK_BALANCE, DRIVER=4.33.31",
                "23513")).isEqualTo("violates the check constraint 'CK_BALANCE'");
        assertThat(describe("DB2 SQL Error: SQLCODE=-803, SQLSTATE=23505, SQLERRMC=1;DB2INST1.ACCOUNTS, DRIVER=4.33.31", "23505"))
                .isEqualTo("violates a unique constraint of the table");
        assertThat(describe("DB2 SQL Error: SQLCODE=-407, SQLSTATE=23502, SQLERRMC=TBSPACEID=2, TABLEID=7, COLNO=1, DRIVER=4.33.31",
                "23502")).isEqualTo("leaves a NOT NULL column without a value");
        assertThat(describe("DB2 SQL Error: SQLCODE=-1, SQLSTATE=23505, SQLERRMC=it's 'secret'" + t + "X" + t + "23505, DRIVER=4.37.4",
                "23505")).isEqualTo("violates a unique constraint of the table");
    }
}
