package dev.weft.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Constraint violations of each engine's driver become a message that names the constraint and nothing else. */
class WriteFailuresTest {
    private static String describe(String driverText, String state, int code) {
        return WriteFailures.violation(new SQLException(driverText, state, code)).orElse(null);
    }

    @Test
    void namesTheConstraintOfEveryEngineWithoutTheValues() {
        assertThat(describe("ERROR: duplicate key value violates unique constraint \"accounts_name_key\"\n"
                + "  Detail: Key (name)=(alice) already exists.", "23505", 0))
                .isEqualTo("violates the unique constraint 'accounts_name_key'");
        assertThat(describe("(conn=5) Duplicate entry 'alice' for key 'accounts_name_key'", "23000", 1062))
                .isEqualTo("violates the unique constraint 'accounts_name_key'");
        assertThat(describe("Duplicate entry 'alice' for key 'accounts.accounts_name_key'", "23000", 1062))
                .isEqualTo("violates the unique constraint 'accounts_name_key'");
        assertThat(describe("Unique index or primary key violation: \"PUBLIC.ACCOUNTS_NAME_KEY_INDEX_A ON PUBLIC.ACCOUNTS(NAME"
                + " NULLS FIRST) VALUES ( /* 1 */ 'alice' )\"", "23505", 23505))
                .isEqualTo("violates the unique constraint 'ACCOUNTS_NAME_KEY_INDEX_A'");
        assertThat(describe("Cannot add or update a child row: a foreign key constraint fails (`db`.`orders`, CONSTRAINT"
                + " `fk_orders_account` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`))", "23000", 1452))
                .isEqualTo("violates the foreign key constraint 'fk_orders_account'");
        assertThat(describe("ERROR: new row for relation \"accounts\" violates check constraint \"ck_balance\"", "23514", 0))
                .isEqualTo("violates the check constraint 'ck_balance'");
        assertThat(describe("CONSTRAINT `ck_balance` failed for `db`.`accounts`", "23000", 4025))
                .isEqualTo("violates the check constraint 'ck_balance'");
        assertThat(describe("ERROR: null value in column \"name\" of relation \"accounts\" violates not-null constraint", "23502", 0))
                .isEqualTo("leaves the NOT NULL column 'name' without a value");
        assertThat(describe("Field 'name' doesn't have a default value", "HY000", 1364))
                .isEqualTo("leaves the NOT NULL column 'name' without a value");
        assertThat(describe("some new wording with 'secret' values", "23000", 0)).isEqualTo("violates a constraint of the table");
        assertThat(describe("syntax error", "42601", 0)).isNull();
    }
}
