package dev.weft.it;

import static dev.weft.testing.GraphqlAssertions.at;
import static dev.weft.testing.GraphqlAssertions.codes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.WeftProperties;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link MutationScenarios} on DB2's protocol: Derby's Network Server through IBM's JCC driver. Derby has no
 * {@code FINAL TABLE}, so inserts take the read-back path (the identity column's generated key); the statements
 * are checked in the server's own log.
 */
class Db2MutationIT extends MutationScenarios {
    @Override
    protected WriteEngine.Kind kind() {
        return WriteEngine.Kind.DB2;
    }

    @Test
    void derbyInsertsThenReadsTheIdentityBackAndLocksWithReadStability() {
        int before = shop.db2().statements(sql -> true).size();
        Map<String, Object> d = data("mutation { insert_shop_accounts_one(object: {tenant_id: \"t1\", name: \"zed\"}) { id name }"
                + " update_shop_accounts(where: {name: {_eq: \"zed\"}}, _inc: {balance: 1}) { affected_rows returning { balance } } }");
        Object id = at(d, "insert_shop_accounts_one.id");
        assertThat(shop.rows("SELECT name FROM accounts WHERE id = " + id)).extracting(r -> r.get("name")).containsExactly("zed");
        assertThat((Object) at(d, "update_shop_accounts.affected_rows")).isEqualTo(1);
        List<String> sent = shop.db2().statements(sql -> true);
        List<String> mine = sent.subList(before, sent.size());
        assertThat(mine).contains("INSERT INTO \"APP\".\"ACCOUNTS\" (\"TENANT_ID\", \"NAME\") VALUES (?, ?)")
                .noneMatch(sql -> sql.contains("FINAL TABLE"));
        assertThat(mine.stream().filter(sql -> sql.contains("FOR UPDATE")).toList()).singleElement()
                .satisfies(sql -> assertThat(sql).startsWith("SELECT t0.\"ID\" FROM \"APP\".\"ACCOUNTS\" t0 WHERE")
                        .endsWith(" FOR UPDATE WITH RS"));
    }

    /** IDENTITY_VAL_LOCAL() answers the last identity of the connection, of any table: a key without identity is not guessed. */
    @Test
    void aMissingKeyThatIsNoIdentityIsRefusedNotGuessed() throws Exception {
        shop.execute("CREATE TABLE tags (code INT DEFAULT 7 NOT NULL PRIMARY KEY, label VARCHAR(8))");
        try (WeftRuntime weft = WeftRuntime.start(TestDatabase.services(Map.of("shop", shop.properties())), List.of(),
                WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS)) {
            ExecutionResult r = weft.execute("mutation { a: insert_shop_accounts_one(object: {tenant_id: \"t1\", name: \"id1\"}) { id }"
                    + " b: insert_shop_tags_one(object: {label: \"x\"}) { code } }", Map.of());
            assertThat(codes(r)).containsExactly("BAD_USER_INPUT");
            assertThat(r.getErrors().get(0).getPath()).containsExactly("b");
            assertThat(r.getErrors().get(0).getMessage()).contains("CODE").contains("identity");
            assertThat(shop.number("SELECT COUNT(*) FROM tags")).isZero();
            Map<String, Object> given = GraphqlAssertions.data(weft.execute("mutation { insert_shop_tags_one(object: {code: 9, label: \"y\"})"
                    + " { code label } }", Map.of()));
            assertThat((Object) at(given, "insert_shop_tags_one.code")).isEqualTo(9);
        } finally {
            shop.execute("DROP TABLE tags");
        }
    }
}
