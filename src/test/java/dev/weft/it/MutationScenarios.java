package dev.weft.it;

import static dev.weft.testing.GraphqlAssertions.at;
import static dev.weft.testing.GraphqlAssertions.codes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.security.Caller;
import dev.weft.testing.GraphqlAssertions;
import graphql.ExecutionResult;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mutation API run unchanged against every engine (each subclass names one), with the database as the
 * oracle, on the tables, rows and roles of {@link MutationFixture}.
 */
abstract class MutationScenarios extends MutationFixture {
    // ---- insert -----------------------------------------------------------------------------------

    @Test
    void insertsRowsAndReturnsThemWithForeignKeyAndCrossDatabaseRelationships() {
        Map<String, Object> d = data("mutation { insert_shop_accounts(objects: [{tenant_id: \"t1\", name: \"erin\", balance: 1.5,"
                + " customer_id: 2}, {tenant_id: \"t2\", name: \"finn\"}]) { affected_rows returning { id name balance"
                + " customer { name } orders { id } } } }");
        assertThat((Object) at(d, "insert_shop_accounts.affected_rows")).isEqualTo(2);
        List<Map<String, Object>> returning = at(d, "insert_shop_accounts.returning");
        assertThat(returning).extracting(r -> r.get("name")).containsExactly("erin", "finn");
        assertThat(returning).extracting(r -> r.get("balance")).containsExactly(new BigDecimal("1.50"), new BigDecimal("0.00"));
        assertThat((Object) at(d, "insert_shop_accounts.returning.0.customer.name")).isEqualTo("Bea");
        assertThat((Object) at(d, "insert_shop_accounts.returning.1.customer")).isNull();
        assertThat((List<?>) at(d, "insert_shop_accounts.returning.0.orders")).isEmpty();
        Object erinId = at(d, "insert_shop_accounts.returning.0.id");
        assertThat(accounts()).containsEntry(erinId, "t1/erin/1.50/null").hasSize(6);
        Map<String, Object> one = data("mutation { insert_shop_accounts_one(object: {id: 3001, tenant_id: \"t1\", name: \"gus\"})"
                + " { id name orders { id } } }");
        assertThat((Object) at(one, "insert_shop_accounts_one.id")).isEqualTo(3001);
        assertThat(accounts()).containsEntry(3001, "t1/gus/0.00/null");
    }

    @Test
    void nestedInsertsThroughForeignKeysRunParentFirstInOneTransaction() {
        Map<String, Object> d = data("mutation { insert_shop_accounts(objects: [{tenant_id: \"t1\", name: \"nest\", orders: {data:"
                + " [{id: 10, tenant_id: \"t1\", total: 3}, {id: 11, tenant_id: \"t1\"}]}}]) { affected_rows"
                + " returning { id orders(order_by: [{id: asc}]) { id total } } } }");
        assertThat((Object) at(d, "insert_shop_accounts.affected_rows")).isEqualTo(3);
        Object id = at(d, "insert_shop_accounts.returning.0.id");
        assertThat(each(at(d, "insert_shop_accounts.returning.0.orders"), "id")).containsExactly(10, 11);
        assertThat(shop.rows("SELECT id, account_id FROM orders WHERE id IN (10, 11) ORDER BY id"))
                .extracting(r -> (Object) ((Number) r.get("account_id")).intValue()).containsExactly(id, id);
        Map<String, Object> parent = data("mutation { insert_shop_orders_one(object: {id: 12, tenant_id: \"t2\","
                + " account: {data: {tenant_id: \"t2\", name: \"parent\"}}}) { id account { name tenant_id } } }");
        assertThat((Object) at(parent, "insert_shop_orders_one.account.name")).isEqualTo("parent");
        ExecutionResult bad = open.execute("mutation { insert_shop_accounts_one(object: {tenant_id: \"t1\", name: \"orphan\","
                + " orders: {data: [{id: 13, tenant_id: \"t1\"}, {id: 1, tenant_id: \"t1\"}]}}) { id } }", Map.of());
        assertThat(codes(bad)).containsExactly("BAD_USER_INPUT");
        assertThat(accounts().values()).noneMatch(v -> v.contains("orphan"));
        assertThat(shop.number("SELECT COUNT(*) FROM orders WHERE id = 13")).isZero();
        assertThat(codes(asTenant("t1", "mutation { insert_shop_accounts_one(object: {name: \"n\", orders: {data: [{id: 14}]}}) { id } }")))
                .as("the tenant may not insert orders").containsExactly("GRAPHQL_VALIDATION_FAILED");
    }

    @Test
    void aBatchWithOneBadRowLeavesNothingAndNamesTheConstraint() {
        ExecutionResult r = open.execute("mutation { insert_shop_accounts(objects: [{tenant_id: \"t1\", name: \"new1\"},"
                + " {tenant_id: \"t1\", name: \"alice\"}, {tenant_id: \"t1\", name: \"new2\"}]) { affected_rows } }", Map.of());
        assertThat(codes(r)).containsExactly("BAD_USER_INPUT");
        assertThat(r.getErrors().get(0).getPath()).containsExactly("insert_shop_accounts");
        assertThat(r.getErrors().get(0).getMessage()).containsIgnoringCase("accounts_name_key").doesNotContain("alice")
                .doesNotContainIgnoringCase("duplicate");
        assertThat(accounts()).hasSize(4);
        ExecutionResult check = open.execute("mutation { update_shop_accounts(where: {}, _inc: {balance: -1050}) { affected_rows } }",
                Map.of());
        assertThat(codes(check)).containsExactly("BAD_USER_INPUT");
        assertThat(check.getErrors().get(0).getMessage()).containsIgnoringCase("ck_balance");
        ExecutionResult fk = open.execute("mutation { insert_shop_orders_one(object: {id: 9, account_id: 42, tenant_id: \"t1\"}) { id } }",
                Map.of());
        assertThat(codes(fk)).containsExactly("BAD_USER_INPUT");
        assertThat(fk.getErrors().get(0).getMessage()).containsIgnoringCase("fk_orders_account");
        assertThat(shop.number("SELECT COUNT(*) FROM orders")).isEqualTo(2);
        assertThat(accounts().get(1001)).isEqualTo("t1/alice/100.00/null");
    }

    @Test
    void upsertsUpdateTheConflictingRowOrInsert() {
        String name = constraint("name");
        Map<String, Object> d = data("mutation { insert_shop_accounts(objects: [{tenant_id: \"t1\", name: \"alice\", balance: 7},"
                + " {tenant_id: \"t1\", name: \"hank\", balance: 8}], on_conflict: {constraint: " + name
                + ", update_columns: [balance]}) { affected_rows returning { name balance } } }");
        assertThat((Object) at(d, "insert_shop_accounts.affected_rows")).isEqualTo(2);
        assertThat(accounts()).containsEntry(1001, "t1/alice/7.00/null").hasSize(5);
        assertThat(accounts().values()).contains("t1/hank/8.00/null");
        Map<String, Object> nothing = data("mutation { insert_shop_accounts_one(object: {tenant_id: \"t9\", name: \"bob\", balance: 1},"
                + " on_conflict: {constraint: " + name + ", update_columns: []}) { id } }");
        assertThat((Object) at(nothing, "insert_shop_accounts_one")).isNull();
        assertThat(accounts()).containsEntry(1002, "t1/bob/50.00/null").hasSize(5);
    }

    @Test
    void nestedRowsTakeOnConflict() {
        List<Map<String, Object>> orderKeys = at(data("{ __type(name: \"ShopOrdersConstraint\") { enumValues { name } } }"),
                "__type.enumValues");
        assertThat(orderKeys).as("the primary key of orders").hasSize(1);
        String orderKey = (String) orderKeys.get(0).get("name");
        Map<String, Object> d = data("mutation { insert_shop_accounts_one(object: {tenant_id: \"t1\", name: \"up\", orders: {data: ["
                + "{id: 1, tenant_id: \"t1\", total: 9}, {id: 20, tenant_id: \"t1\", total: 2}], on_conflict: {constraint: " + orderKey
                + ", update_columns: [account_id, total]}}}) { id orders(order_by: [{id: asc}]) { id total } } }");
        Object up = at(d, "insert_shop_accounts_one.id");
        assertThat(each(at(d, "insert_shop_accounts_one.orders"), "id")).containsExactly(1, 20);
        assertThat(each(at(d, "insert_shop_accounts_one.orders"), "total")).containsExactly(new BigDecimal("9.00"), new BigDecimal("2.00"));
        assertThat(shop.rows("SELECT id, account_id FROM orders ORDER BY id")).extracting(r -> ((Number) r.get("id")).intValue() + "->"
                + ((Number) r.get("account_id")).intValue()).containsExactly("1->" + up, "2->2001", "20->" + up);
        Map<String, Object> parent = data("mutation { insert_shop_orders_one(object: {id: 30, tenant_id: \"t1\", account: {data:"
                + " {tenant_id: \"t1\", name: \"alice\", balance: 1}, on_conflict: {constraint: " + constraint("name")
                + ", update_columns: [balance]}}}) { id account { id balance } } }");
        assertThat((Object) at(parent, "insert_shop_orders_one.account.id")).isEqualTo(1001);
        assertThat(accounts()).containsEntry(1001, "t1/alice/1.00/null").hasSize(5);
        ExecutionResult alone = open.execute("mutation { insert_shop_orders_one(object: {id: 31, tenant_id: \"t1\", account: {data:"
                + " {tenant_id: \"t1\", name: \"bob\"}, on_conflict: {constraint: " + constraint("name") + ", update_columns: []}}}) { id } }",
                Map.of());
        assertThat(codes(alone)).as("an object relationship's row left alone leaves nothing to reference").containsExactly("BAD_USER_INPUT");
        assertThat(shop.number("SELECT COUNT(*) FROM orders WHERE id = 31")).isZero();
    }

    /**
     * A claim that the role's filters or presets need and the caller lacks fails the request before anything runs
     * (no {@code data}, nothing written), even when the selection is only {@code affected_rows} or an aggregate count.
     */
    @Test
    void aMissingClaimFailsTheWholeRequestWhateverTheSelection() {
        Map<Object, String> before = accounts();
        Caller nobody = new Caller("tenant", Map.of());
        Caller withoutSub = new Caller("tenant", Map.of("tenant_id", "t1")); // the update presets updated_by from sub
        for (var call : List.of(Map.entry("mutation { delete_shop_accounts(where: {}) { affected_rows } }", nobody),
                Map.entry("mutation { update_shop_accounts(where: {}, _inc: {balance: 1}) { affected_rows } }", withoutSub),
                Map.entry("mutation { update_shop_accounts_by_pk(pk_columns: {id: 1001}, _inc: {balance: 1}) { id } }", withoutSub),
                Map.entry("mutation { insert_shop_accounts(objects: [{name: \"z\"}]) { affected_rows } }", nobody))) {
            ExecutionResult r = secured.execute(call.getKey(), Map.of(), call.getValue());
            assertThat(codes(r)).as(call.getKey()).containsExactly("FORBIDDEN");
            assertThat(r.isDataPresent()).as(call.getKey()).isFalse();
        }
        assertThat(accounts()).isEqualTo(before);
        String count = "{ shop_accounts_aggregate { aggregate { count } } }";
        for (ExecutionResult r : List.of(secured.execute(count, Map.of(), nobody), secured.executeFieldByField(count, Map.of(), nobody))) {
            assertThat(codes(r)).containsExactly("FORBIDDEN");
            assertThat(r.isDataPresent()).isFalse();
        }
        assertThat((Object) at(GraphqlAssertions.data(secured.execute(count, Map.of(), withoutSub)), "shop_accounts_aggregate.aggregate.count"))
                .isEqualTo((int) before.values().stream().filter(v -> v.startsWith("t1/")).count());
    }

    /**
     * An upsert runs under the update permission, a nested insert under its own table's insert permission (and update
     * permission with its own {@code on_conflict}): a claim one of those needs and the caller lacks fails the request
     * before anything runs, as a missing claim of the field's own insert permission does.
     */
    @Test
    void aClaimOfAnUpsertsOrANestedInsertsPermissionFailsTheWholeRequest() {
        Map<Object, String> before = accounts();
        String name = constraint("name");
        Caller withoutSub = new Caller("upserter", Map.of("tenant_id", "t1"));
        Caller nobody = new Caller("upserter", Map.of());
        for (var call : List.of(
                Map.entry("mutation { insert_shop_accounts(objects: [{name: \"alice\", balance: 1}], on_conflict: {constraint: " + name
                        + ", update_columns: [balance]}) { affected_rows } }", withoutSub),
                Map.entry("mutation { insert_shop_accounts_one(object: {name: \"alice\", balance: 1}, on_conflict: {constraint: " + name
                        + ", update_columns: [balance]}) { id } }", withoutSub),
                Map.entry("mutation { insert_shop_orders_one(object: {id: 60, tenant_id: \"t1\", account: {data: {name: \"alice\","
                        + " balance: 1}, on_conflict: {constraint: " + name + ", update_columns: [balance]}}}) { id } }", withoutSub),
                Map.entry("mutation { insert_shop_orders(objects: [{id: 61, tenant_id: \"t1\", account: {data: {name: \"new\"}}}])"
                        + " { affected_rows } }", nobody))) {
            for (ExecutionResult r : List.of(secured.execute(call.getKey(), Map.of(), call.getValue()),
                    secured.executeFieldByField(call.getKey(), Map.of(), call.getValue()))) {
                assertThat(codes(r)).as(call.getKey()).containsExactly("FORBIDDEN");
                assertThat(r.isDataPresent()).as(call.getKey()).isFalse();
            }
        }
        assertThat(accounts()).isEqualTo(before);
        assertThat(shop.number("SELECT COUNT(*) FROM orders")).isEqualTo(2);
        Caller full = new Caller("upserter", Map.of("tenant_id", "t1", "sub", "u9"));
        GraphqlAssertions.data(secured.execute("mutation { insert_shop_orders_one(object: {id: 62, tenant_id: \"t1\", account: {data:"
                + " {name: \"alice\", balance: 3}, on_conflict: {constraint: " + name + ", update_columns: [balance]}}}) { id } }",
                Map.of(), full));
        assertThat(accounts()).containsEntry(1001, "t1/alice/3.00/u9");
    }

    @Test
    void aNestedUpsertFollowsTheUpdatePermission() {
        Caller nester = new Caller("nester", Map.of("tenant_id", "t1"));
        String name = constraint("name");
        Map<String, Object> d = GraphqlAssertions.data(secured.execute("mutation { insert_shop_orders_one(object: {id: 40, total: 1,"
                + " account: {data: {name: \"alice\", balance: 2}, on_conflict: {constraint: " + name + ", update_columns: [balance]}}})"
                + " { id account { id balance } } }", Map.of(), nester));
        assertThat((Object) at(d, "insert_shop_orders_one.account.id")).isEqualTo(1001);
        assertThat(accounts()).containsEntry(1001, "t1/alice/2.00/null").hasSize(4);
        assertThat(shop.rows("SELECT account_id, tenant_id FROM orders WHERE id = 40")).extracting(r -> ((Number) r.get("account_id"))
                .intValue() + "/" + r.get("tenant_id")).containsExactly("1001/t1");
        ExecutionResult other = secured.execute("mutation { insert_shop_orders_one(object: {id: 41, account: {data: {name: \"carol\","
                + " balance: 3}, on_conflict: {constraint: " + name + ", update_columns: [balance]}}}) { id } }", Map.of(), nester);
        assertThat(codes(other)).as("carol is t2's: outside the update filter").containsExactly("BAD_USER_INPUT");
        assertThat(other.getErrors().get(0).getMessage()).contains("does not update").doesNotContain("carol");
        ExecutionResult checked = secured.execute("mutation { insert_shop_orders_one(object: {id: 42, account: {data: {name: \"alice\","
                + " balance: 600}, on_conflict: {constraint: " + name + ", update_columns: [balance]}}}) { id } }", Map.of(), nester);
        assertThat(codes(checked)).as("the update's check").containsExactly("BAD_USER_INPUT");
        assertThat(checked.getErrors().get(0).getMessage()).contains("fail the check of the role's update permission");
        assertThat(codes(secured.execute("mutation { insert_shop_orders_one(object: {id: 43, account: {data: {name: \"alice\"},"
                + " on_conflict: {constraint: " + name + ", update_columns: [name]}}}) { id } }", Map.of(), nester)))
                .as("name is not an update column of the role").containsExactly("GRAPHQL_VALIDATION_FAILED");
        Caller inserter = new Caller("inserter", Map.of("tenant_id", "t1"));
        assertThat(codes(secured.execute("mutation { insert_shop_orders_one(object: {id: 44, account: {data: {name: \"alice\"},"
                + " on_conflict: {constraint: " + name + ", update_columns: [balance]}}}) { id } }", Map.of(), inserter)))
                .as("a role that may not update accounts gets no on_conflict there").containsExactly("GRAPHQL_VALIDATION_FAILED");
        GraphqlAssertions.data(secured.execute("mutation { insert_shop_orders_one(object: {id: 45, account: {data: {name: \"ian\"}}})"
                + " { id } }", Map.of(), inserter));
        assertThat(accounts()).containsEntry(1001, "t1/alice/2.00/null").containsEntry(2001, "t2/carol/70.00/null").hasSize(5);
        assertThat(shop.rows("SELECT id FROM orders ORDER BY id")).extracting(r -> ((Number) r.get("id")).intValue())
                .containsExactly(1, 2, 40, 45);
    }

    // ---- update and delete ------------------------------------------------------------------------

    @Test
    void updatesWithSetAndIncByWhereByPkAndMany() {
        Map<String, Object> d = data("mutation { update_shop_accounts(where: {tenant_id: {_eq: \"t1\"}}, _set: {updated_by: \"x\"},"
                + " _inc: {balance: 2.25}) { affected_rows returning { id balance } } }");
        assertThat((Object) at(d, "update_shop_accounts.affected_rows")).isEqualTo(2);
        assertThat(accounts()).containsEntry(1001, "t1/alice/102.25/x").containsEntry(1002, "t1/bob/52.25/x")
                .containsEntry(2001, "t2/carol/70.00/null");
        Map<String, Object> byPk = data("mutation { a: update_shop_accounts_by_pk(pk_columns: {id: 2001}, _set: {name: \"caro\"})"
                + " { id name customer { name } } b: update_shop_accounts_by_pk(pk_columns: {id: 9999}, _set: {name: \"z\"}) { id } }");
        assertThat((Object) at(byPk, "a.name")).isEqualTo("caro");
        assertThat((Object) at(byPk, "a.customer.name")).isEqualTo("Ada");
        assertThat((Object) at(byPk, "b")).isNull();
        Map<String, Object> many = data("mutation { update_shop_accounts_many(updates: [{where: {id: {_eq: 1001}}, _set: {balance: 1}},"
                + " {where: {balance: {_lt: 5}}, _inc: {balance: 10}}]) { affected_rows returning { id balance } } }");
        assertThat(each(at(many, "update_shop_accounts_many"), "affected_rows")).containsExactly(1, 1);
        assertThat(accounts()).containsEntry(1001, "t1/alice/11.00/x");
    }

    @Test
    void deletesByWhereAndByPk() {
        ExecutionResult blocked = open.execute("mutation { delete_shop_accounts(where: {name: {_eq: \"alice\"}}) { affected_rows } }",
                Map.of());
        assertThat(codes(blocked)).containsExactly("BAD_USER_INPUT"); // an order refers to alice
        assertThat(accounts()).hasSize(4);
        ExecutionResult r = open.execute("mutation { delete_shop_accounts(where: {balance: {_lt: 60}}) { affected_rows returning { name } }"
                + " delete_shop_accounts_by_pk(id: 2001) { id } }", Map.of());
        assertThat(codes(r)).containsExactly("BAD_USER_INPUT");
        Map<String, Object> d = r.getData();
        assertThat((Object) at(d, "delete_shop_accounts.affected_rows")).isEqualTo(2);
        assertThat(each(at(d, "delete_shop_accounts.returning"), "name")).containsExactlyInAnyOrder("bob", "dave");
        assertThat(d.get("delete_shop_accounts_by_pk")).isNull(); // carol has an order: this field failed alone
        assertThat(accounts().keySet()).containsExactly(1001, 2001);
    }

    @Test
    void anArgumentJudgedBeforeExecutionFailsTheMutationBeforeAnyFieldRuns() {
        ExecutionResult r = open.execute("mutation($p: String) { delete_shop_accounts(where: {balance: {_lt: 60}}) { affected_rows }"
                + " update_shop_accounts(where: {name: {_like: $p}}, _set: {balance: 1}) { returning { orders(limit: -1) { id } } } }",
                Map.of("p", "x".repeat(1001)));
        assertThat(codes(r)).containsExactly("BAD_USER_INPUT");
        assertThat(r.getErrors().get(0).getPath()).containsExactly("update_shop_accounts");
        assertThat(r.isDataPresent()).isFalse();
        assertThat(accounts()).as("the delete before it did not run").hasSize(4);
        ExecutionResult nested = open.execute("mutation { delete_shop_accounts(where: {balance: {_lt: 60}}) { affected_rows"
                + " returning { orders(offset: -1) { id } } } }", Map.of());
        assertThat(nested.getErrors().get(0).getPath()).containsExactly("delete_shop_accounts", "returning", "orders");
        assertThat(nested.isDataPresent()).isFalse();
        assertThat(accounts()).hasSize(4);
    }

    @Test
    void fieldsRunInDocumentOrderEachInItsOwnTransaction() {
        ExecutionResult r = open.execute("mutation { a: insert_shop_accounts_one(object: {id: 5000, tenant_id: \"t1\", name: \"ivy\"}) { id }"
                + " b: update_shop_accounts_by_pk(pk_columns: {id: 5000}, _inc: {balance: 3}) { balance }"
                + " c: insert_shop_accounts_one(object: {id: 5001, tenant_id: \"t1\", name: \"ivy\"}) { id } }", Map.of());
        assertThat(codes(r)).containsExactly("BAD_USER_INPUT");
        assertThat(r.getErrors().get(0).getPath()).containsExactly("c");
        assertThat((Object) at(r.getData(), "b.balance")).isEqualTo(new BigDecimal("3.00"));
        assertThat(accounts()).containsEntry(5000, "t1/ivy/3.00/null").doesNotContainKey(5001);
    }

    @Test
    void valuesNeverBecomeSql() {
        String evil = "x'); DELETE FROM accounts; --";
        Map<String, Object> vars = Map.of("v", evil);
        GraphqlAssertions.data(open.execute("mutation($v: String!) { insert_shop_accounts_one(object: {tenant_id: \"t1\", name: $v}) { id } }",
                vars));
        GraphqlAssertions.data(open.execute("mutation($v: String!) { update_shop_accounts(where: {name: {_like: $v}}, _set: {updated_by: $v})"
                + " { affected_rows } }", vars));
        GraphqlAssertions.data(open.execute("mutation($v: String!) { delete_shop_accounts(where: {_or: [{name: {_eq: $v}}, {tenant_id: {_in: [$v]}}],"
                + " name: {_neq: $v}}) { affected_rows } }", vars));
        assertThat(accounts()).hasSize(5).containsValue("t1/" + evil + "/0.00/" + evil);
        GraphqlAssertions.data(open.execute("mutation($v: String!, $t: String!, $id: Int!) { insert_shop_accounts_one(object: {tenant_id: $t,"
                + " name: \"alice\", orders: {data: [{id: 77, tenant_id: $t}]}}, on_conflict: {constraint: " + constraint("name")
                + ", update_columns: [updated_by], where: {name: {_nlike: $v}}}) { id } a: update_shop_accounts_by_pk(pk_columns: {id: $id},"
                + " _set: {name: $v}) { id } b: delete_shop_accounts_by_pk(id: $id) { id } }", Map.of("v", evil, "t", "t';--", "id", 424242)));
        assertThat(accounts()).hasSize(5).containsEntry(1001, "t1/alice/100.00/null");
        assertThat(shop.rows("SELECT tenant_id FROM orders WHERE id = 77")).extracting(r -> r.get("tenant_id")).containsExactly("t';--");
        assertThat(codes(open.execute("mutation { insert_shop_accounts_one(object: {tenant_id: \"t1\", name: \"a\", \"x) --\": 1}) { id } }",
                Map.of()))).containsExactly("GRAPHQL_PARSE_FAILED");
        assertThat(codes(open.execute("mutation { update_shop_accounts(where: {}, _inc: {name: 1}) { affected_rows } }", Map.of())))
                .containsExactly("GRAPHQL_VALIDATION_FAILED");
    }

    @Test
    void viewsAndKeylessTablesGetNoMutations() {
        Map<String, Object> d = data("{ __type(name: \"Mutation\") { fields { name } } }");
        List<Object> names = each(at(d, "__type.fields"), "name");
        assertThat(names).contains("insert_shop_accounts", "insert_shop_accounts_one", "update_shop_accounts",
                "update_shop_accounts_by_pk", "update_shop_accounts_many", "delete_shop_accounts", "delete_shop_accounts_by_pk",
                "insert_crm_customers").noneMatch(n -> n.toString().contains("rich"));
    }

    // ---- permissions ------------------------------------------------------------------------------

    @Test
    void insertPermissionSetsPresetsChecksAndHidesColumns() {
        Map<String, Object> d = GraphqlAssertions.data(asTenant("t2", "mutation { insert_shop_accounts_one(object: {name: \"jo\", balance: 4})"
                + " { id name balance } }"));
        assertThat((Object) at(d, "insert_shop_accounts_one.name")).isEqualTo("jo");
        assertThat(accounts().values()).contains("t2/jo/4.00/null");
        assertThat(codes(asTenant("t2", "mutation { insert_shop_accounts_one(object: {name: \"k\", tenant_id: \"t1\"}) { id } }")))
                .containsExactly("GRAPHQL_VALIDATION_FAILED");
        ExecutionResult negative = asTenant("t2", "mutation { insert_shop_accounts(objects: [{name: \"k1\", balance: 1},"
                + " {name: \"k2\", balance: -1}]) { affected_rows } }");
        assertThat(codes(negative)).containsExactly("BAD_USER_INPUT");
        assertThat(accounts()).hasSize(5);
        assertThat(codes(secured.execute("mutation { delete_shop_accounts(where: {}) { affected_rows } }", Map.of(),
                new Caller("reader", Map.of())))).containsExactly("GRAPHQL_VALIDATION_FAILED");
        assertThat(accounts()).hasSize(5);
    }

    @Test
    void aCheckThroughARelationshipToAnotherDatabaseHoldsBeforeCommit() {
        Caller crossdb = new Caller("crossdb", Map.of());
        ExecutionResult bea = secured.execute("mutation { update_shop_accounts_by_pk(pk_columns: {id: 1001}, _set: {customer_id: 2})"
                + " { id } }", Map.of(), crossdb);
        assertThat(codes(bea)).containsExactly("BAD_USER_INPUT");
        assertThat(shop.number("SELECT customer_id FROM accounts WHERE id = 1001")).isEqualTo(1);
        GraphqlAssertions.data(secured.execute("mutation { update_shop_accounts_by_pk(pk_columns: {id: 1002}, _set: {customer_id: 1})"
                + " { id customer { name } } }", Map.of(), crossdb));
        assertThat(shop.number("SELECT customer_id FROM accounts WHERE id = 1002")).isEqualTo(1);
    }

    @Test
    void maxRowsAffectedBoundsEachWrite() {
        ExecutionResult four = asTenant("t1", "mutation { insert_shop_accounts(objects: [{name: \"m1\"}, {name: \"m2\"},"
                + " {name: \"m3\"}, {name: \"m4\"}]) { affected_rows } }");
        assertThat(codes(four)).containsExactly("BAD_USER_INPUT");
        assertThat(four.getErrors().get(0).getMessage()).contains("max-rows-affected (3)");
        assertThat(accounts()).hasSize(4);
        GraphqlAssertions.data(asTenant("t1", "mutation { insert_shop_accounts(objects: [{name: \"m1\"}, {name: \"m2\"}])"
                + " { affected_rows } }"));
        assertThat(codes(asTenant("t1", "mutation { update_shop_accounts(where: {}, _inc: {balance: 1}) { affected_rows } }")))
                .containsExactly("BAD_USER_INPUT");
        assertThat(accounts()).containsEntry(1001, "t1/alice/100.00/null").hasSize(6);
    }

    @Test
    void updateAndDeleteKeepToTheFilterAndTheCheck() {
        Map<String, Object> d = GraphqlAssertions.data(asTenant("t1", "mutation { update_shop_accounts(where: {}, _inc: {balance: 1})"
                + " { affected_rows } other: update_shop_accounts_by_pk(pk_columns: {id: 2001}, _set: {name: \"x\"}) { id }"
                + " gone: delete_shop_accounts_by_pk(id: 2002) { id } }"));
        assertThat((Object) at(d, "update_shop_accounts.affected_rows")).isEqualTo(2);
        assertThat((Object) at(d, "other")).isNull();
        assertThat((Object) at(d, "gone")).isNull();
        assertThat(accounts()).containsEntry(1001, "t1/alice/101.00/u-t1").containsEntry(1002, "t1/bob/51.00/u-t1")
                .containsEntry(2001, "t2/carol/70.00/null").containsEntry(2002, "t2/dave/10.00/null");
        assertThat(codes(asTenant("t1", "mutation { update_shop_accounts(where: {}, _inc: {balance: -60}) { affected_rows } }")))
                .containsExactly("BAD_USER_INPUT");
        assertThat(accounts()).containsEntry(1001, "t1/alice/101.00/u-t1").containsEntry(1002, "t1/bob/51.00/u-t1");
        Map<String, Object> deleted = GraphqlAssertions.data(asTenant("t2",
                "mutation { delete_shop_accounts(where: {name: {_in: [\"dave\", \"alice\", \"bob\"]}}) { affected_rows } }"));
        assertThat((Object) at(deleted, "delete_shop_accounts.affected_rows")).isEqualTo(1);
        assertThat(accounts().keySet()).containsExactly(1001, 1002, 2001);
    }

    /**
     * Randomized: two tenants take turns sending generated mutations (where through ids, balances, names,
     * _or/_not; by_pk on any id; upserts on names of either tenant; inserts; deletes); after each one the
     * other tenant's rows are exactly as before, and every row of the sender still carries its tenant.
     * The seed is fixed, so a failure reproduces; the failing mutation is in the message.
     */
    @Test
    void randomWritesOfOneTenantNeverTouchAnother() {
        java.util.Random random = new java.util.Random(20261206);
        List<String> names = List.of("alice", "bob", "carol", "dave", "r1", "r2", "r3");
        String constraint = constraint("name");
        int changed = 0;
        for (int i = 0; i < 120; i++) {
            String me = i % 2 == 0 ? "t1" : "t2";
            String other = me.equals("t1") ? "t2" : "t1";
            int id = List.of(1001, 1002, 2001, 2002, 1, 2, 3).get(random.nextInt(7));
            String name = names.get(random.nextInt(names.size()));
            String where = switch (random.nextInt(4)) {
                case 0 -> "{id: {_eq: " + id + "}}";
                case 1 -> "{_or: [{id: {_in: [1001, 2001, " + id + "]}}, {balance: {_gte: " + random.nextInt(100) + "}}]}";
                case 2 -> "{_not: {name: {_eq: \"" + name + "\"}}}";
                default -> "{}";
            };
            String mutation = switch (random.nextInt(6)) {
                case 0 -> "mutation { update_shop_accounts(where: " + where + ", _inc: {balance: " + random.nextInt(5) + "}) { affected_rows } }";
                case 1 -> "mutation { update_shop_accounts_by_pk(pk_columns: {id: " + id + "}, _set: {name: \"" + name + i + "\"}) { id } }";
                case 2 -> "mutation { delete_shop_accounts(where: " + where + ") { affected_rows } }";
                case 3 -> "mutation { delete_shop_accounts_by_pk(id: " + id + ") { id } }";
                case 4 -> "mutation { insert_shop_accounts_one(object: {name: \"" + name + "\", balance: 1}, on_conflict: {constraint: "
                        + constraint + ", update_columns: [balance]}) { id } }";
                default -> "mutation { update_shop_accounts_many(updates: [{where: " + where + ", _set: {balance: 3}}]) { affected_rows } }";
            };
            Map<Object, String> before = ofTenant(other);
            Map<Object, String> mine = ofTenant(me);
            ExecutionResult result = asTenant(me, mutation);
            assertThat(codes(result)).as(mutation).allMatch(c -> c.equals("BAD_USER_INPUT"));
            assertThat(ofTenant(other)).as(me + " sent " + mutation).isEqualTo(before);
            changed += ofTenant(me).equals(mine) ? 0 : 1;
        }
        assertThat(changed).as("mutations that changed their own tenant's rows").isGreaterThan(30);
    }
}
