package dev.weft.it;

import static dev.weft.it.CrossDatabaseFixture.assertData;
import static dev.weft.it.CrossDatabaseFixture.both;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.CompactJson;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Virtual relationships between the real MariaDB and PostgreSQL servers (README, "Relationships across databases"), over
 * the data of {@link CrossDatabaseFixture}: every relationship type in both directions, composite keys,
 * keys of different types, chains across three databases, {@code where} and {@code order_by} through
 * relationships, and the cap on the keys a cross-source filter carries. Every query runs with the
 * direct executor and field by field (graphql-java with DataLoaders), which must give the same response.
 */
class CrossDatabaseRelationshipsIT {
    private static final int CAP = 5;
    private static CrossDatabaseFixture fixture;
    private static WeftRuntime weft;
    private static WeftRuntime capped;

    @BeforeAll
    static void start() {
        fixture = CrossDatabaseFixture.create();
        try {
            weft = fixture.start(dev.weft.config.WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS);
            capped = fixture.start(CAP);
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (weft != null) {
                weft.close();
            }
            if (capped != null) {
                capped.close();
            }
        } finally {
            if (fixture != null) {
                fixture.close();
            }
        }
    }

    // 1. All four types, MariaDB -> PostgreSQL and PostgreSQL -> MariaDB

    @Test
    void mariadbParentsWithTheirPostgresRowsOfEveryRelationshipType() {
        assertData(weft, """
                { crm_customers(order_by: [{id: asc}]) {
                    id name
                    loyalty { points }
                    account { label }
                    paid: orders(where: {status: {_eq: "paid"}}, order_by: [{total: desc}], limit: 2) { id total }
                    paged: orders(order_by: [{id: asc}], limit: 2, offset: 1) { id }
                    orders_aggregate { aggregate { count sum { total } } }
                    big: orders_aggregate(where: {total: {_gt: 100}}) { aggregate { count } }
                    favourites(order_by: [{name: asc}]) { sku name }
                    top: favourites(order_by: [{price: desc_nulls_last}], limit: 1) { name }
                    favourites_aggregate { aggregate { count } }
                } }""", """
                {"crm_customers": [
                  {"id": 1, "name": "Ada", "loyalty": {"points": 120}, "account": {"label": "eu-one"},
                   "paid": [{"id": 104, "total": 999.99}, {"id": 102, "total": 620.50}],
                   "paged": [{"id": 102}, {"id": 103}],
                   "orders_aggregate": {"aggregate": {"count": 4, "sum": {"total": 1950.49}}},
                   "big": {"aggregate": {"count": 3}},
                   "favourites": [{"sku": "P2", "name": "Desk"}, {"sku": "P1", "name": "Lamp"}],
                   "top": [{"name": "Desk"}], "favourites_aggregate": {"aggregate": {"count": 2}}},
                  {"id": 2, "name": "Bob", "loyalty": null, "account": {"label": "eu-two"},
                   "paid": [{"id": 106, "total": 20.00}], "paged": [{"id": 106}],
                   "orders_aggregate": {"aggregate": {"count": 2, "sum": {"total": 530.00}}},
                   "big": {"aggregate": {"count": 1}},
                   "favourites": [{"sku": "P1", "name": "Lamp"}], "top": [{"name": "Lamp"}],
                   "favourites_aggregate": {"aggregate": {"count": 1}}},
                  {"id": 3, "name": "Cy", "loyalty": {"points": 40}, "account": {"label": "us-one"},
                   "paid": [{"id": 107, "total": 300.00}], "paged": [],
                   "orders_aggregate": {"aggregate": {"count": 1, "sum": {"total": 300.00}}},
                   "big": {"aggregate": {"count": 1}},
                   "favourites": [{"sku": "P3", "name": "Chair"}], "top": [{"name": "Chair"}],
                   "favourites_aggregate": {"aggregate": {"count": 1}}},
                  {"id": 4, "name": "Dee", "loyalty": null, "account": null,
                   "paid": [{"id": 108, "total": 45.00}], "paged": [],
                   "orders_aggregate": {"aggregate": {"count": 1, "sum": {"total": 45.00}}},
                   "big": {"aggregate": {"count": 0}},
                   "favourites": [], "top": [], "favourites_aggregate": {"aggregate": {"count": 0}}},
                  {"id": 5, "name": "Eve", "loyalty": null, "account": null, "paid": [], "paged": [],
                   "orders_aggregate": {"aggregate": {"count": 0, "sum": {"total": null}}},
                   "big": {"aggregate": {"count": 0}},
                   "favourites": [], "top": [], "favourites_aggregate": {"aggregate": {"count": 0}}},
                  {"id": 6, "name": "Fay", "loyalty": {"points": 0}, "account": null, "paid": [], "paged": [],
                   "orders_aggregate": {"aggregate": {"count": 0, "sum": {"total": null}}},
                   "big": {"aggregate": {"count": 0}},
                   "favourites": [], "top": [], "favourites_aggregate": {"aggregate": {"count": 0}}}
                ]}""");
    }

    @Test
    void postgresParentsWithTheirMariadbRowsOfEveryRelationshipType() {
        assertData(weft, """
                { shop_orders(order_by: [{id: asc}]) {
                    id customer { name }
                    shipments(order_by: [{id: desc}]) { id status }
                    last: shipments(order_by: [{id: desc}], limit: 1) { id }
                    shipments_aggregate { aggregate { count } }
                  }
                  shop_accounts(order_by: [{region: asc}, {number: asc}]) { label holder { name } }
                  shop_products(order_by: [{sku: asc}]) {
                    sku
                    fans(order_by: [{id: asc}]) { name }
                    fans_aggregate { aggregate { count } }
                    watchers(order_by: [{name: desc}]) { name }
                    first_watcher: watchers(order_by: [{name: asc}], limit: 1, offset: 0) { name }
                    watchers_aggregate { aggregate { count } }
                  } }""", """
                {"shop_orders": [
                  {"id": 101, "customer": {"name": "Ada"}, "shipments": [{"id": 501, "status": "delivered"}],
                   "last": [{"id": 501}], "shipments_aggregate": {"aggregate": {"count": 1}}},
                  {"id": 102, "customer": {"name": "Ada"},
                   "shipments": [{"id": 503, "status": "delivered"}, {"id": 502, "status": "lost"}],
                   "last": [{"id": 503}], "shipments_aggregate": {"aggregate": {"count": 2}}},
                  {"id": 103, "customer": {"name": "Ada"}, "shipments": [], "last": [],
                   "shipments_aggregate": {"aggregate": {"count": 0}}},
                  {"id": 104, "customer": {"name": "Ada"}, "shipments": [], "last": [],
                   "shipments_aggregate": {"aggregate": {"count": 0}}},
                  {"id": 105, "customer": {"name": "Bob"}, "shipments": [{"id": 504, "status": "pending"}],
                   "last": [{"id": 504}], "shipments_aggregate": {"aggregate": {"count": 1}}},
                  {"id": 106, "customer": {"name": "Bob"}, "shipments": [], "last": [],
                   "shipments_aggregate": {"aggregate": {"count": 0}}},
                  {"id": 107, "customer": {"name": "Cy"}, "shipments": [{"id": 505, "status": "lost"}],
                   "last": [{"id": 505}], "shipments_aggregate": {"aggregate": {"count": 1}}},
                  {"id": 108, "customer": {"name": "Dee"}, "shipments": [], "last": [],
                   "shipments_aggregate": {"aggregate": {"count": 0}}},
                  {"id": 109, "customer": null, "shipments": [{"id": 506, "status": "delivered"}],
                   "last": [{"id": 506}], "shipments_aggregate": {"aggregate": {"count": 1}}}],
                 "shop_accounts": [
                  {"label": "eu-one", "holder": {"name": "Ada"}}, {"label": "eu-two", "holder": {"name": "Bob"}},
                  {"label": "us-one", "holder": {"name": "Cy"}}, {"label": "us-three", "holder": null}],
                 "shop_products": [
                  {"sku": "P1", "fans": [{"name": "Ada"}, {"name": "Bob"}], "fans_aggregate": {"aggregate": {"count": 2}},
                   "watchers": [{"name": "Fay"}, {"name": "Dee"}], "first_watcher": [{"name": "Dee"}],
                   "watchers_aggregate": {"aggregate": {"count": 2}}},
                  {"sku": "P2", "fans": [{"name": "Ada"}], "fans_aggregate": {"aggregate": {"count": 1}},
                   "watchers": [], "first_watcher": [], "watchers_aggregate": {"aggregate": {"count": 0}}},
                  {"sku": "P3", "fans": [{"name": "Cy"}], "fans_aggregate": {"aggregate": {"count": 1}},
                   "watchers": [], "first_watcher": [], "watchers_aggregate": {"aggregate": {"count": 0}}},
                  {"sku": "P4", "fans": [], "fans_aggregate": {"aggregate": {"count": 0}},
                   "watchers": [{"name": "Eve"}, {"name": "Dee"}], "first_watcher": [{"name": "Dee"}],
                   "watchers_aggregate": {"aggregate": {"count": 2}}}
                ]}""");
    }

    @Test
    void listArgumentsAndAggregatesApplyPerParentThroughAJunction() {
        // per parent: the limit cuts each customer's favourites, not the whole batch; aggregate with where and nodes
        assertData(weft, """
                { shop_products(order_by: [{sku: asc}]) {
                    sku
                    fans(where: {score: {_is_null: false}}, order_by: [{score: desc}], limit: 1, offset: 0) { name score }
                    fans_aggregate(where: {name: {_neq: "Ada"}}) { aggregate { count max { score } } nodes { name } }
                } }""", """
                {"shop_products": [
                  {"sku": "P1", "fans": [{"name": "Ada", "score": 90}],
                   "fans_aggregate": {"aggregate": {"count": 1, "max": {"score": null}}, "nodes": [{"name": "Bob"}]}},
                  {"sku": "P2", "fans": [{"name": "Ada", "score": 90}],
                   "fans_aggregate": {"aggregate": {"count": 0, "max": {"score": null}}, "nodes": []}},
                  {"sku": "P3", "fans": [{"name": "Cy", "score": 75}],
                   "fans_aggregate": {"aggregate": {"count": 1, "max": {"score": 75}}, "nodes": [{"name": "Cy"}]}},
                  {"sku": "P4", "fans": [],
                   "fans_aggregate": {"aggregate": {"count": 0, "max": {"score": null}}, "nodes": []}}
                ]}""");
    }

    /**
     * A condition through a relationship is judged by the rules of the relationship's own source: a {@code _like} pattern
     * ending in a backslash is PostgreSQL's error (the request fails, no data, nothing read) but MariaDB's literal
     * backslash (the query answers), in a {@code where} of the root field, of a nested field, or sent in a variable.
     */
    @Test
    void aConditionThroughARelationshipIsJudgedByItsOwnSourcesRules() {
        for (String query : List.of("{ crm_customers(where: {orders: {status: {_like: \"paid\\\\\"}}}) { id } }",
                "query($p: String) { crm_customers { id paid: orders(where: {_or: [{status: {_nlike: $p}}]}) { id } } }",
                "query($w: CrmCustomersBoolExp) { crm_customers(where: $w) { id } }")) {
            ExecutionResult r = weft.execute(query, Map.of("p", "paid\\", "w", Map.of("orders", Map.of("status", Map.of("_ilike", "x\\")))));
            assertThat(GraphqlAssertions.codes(r)).as(query).containsExactly("BAD_USER_INPUT");
            assertThat(r.isDataPresent()).as(query).isFalse();
            assertThat(r.getErrors().get(0).getMessage()).as(query).contains("ends with the escape character");
        }
        assertData(weft, "{ shop_orders(where: {customer: {name: {_like: \"Ada\\\\\"}}}) { id } }", "{\"shop_orders\": []}");
    }

    // 2. Composite keys across servers

    @Test
    void compositeKeysJoinBothWaysAndInWhere() {
        assertData(weft, """
                { crm_customers(where: {account: {label: {_like: "eu%"}}}, order_by: [{id: asc}]) { name account { label } }
                  shop_accounts(where: {holder: {score: {_is_null: false}}}, order_by: [{label: asc}]) { label holder { name score } }
                  none: shop_accounts(where: {holder: {name: {_eq: "Dee"}}}) { label } }""", """
                {"crm_customers": [{"name": "Ada", "account": {"label": "eu-one"}}, {"name": "Bob", "account": {"label": "eu-two"}}],
                 "shop_accounts": [{"label": "eu-one", "holder": {"name": "Ada", "score": 90}},
                                   {"label": "us-one", "holder": {"name": "Cy", "score": 75}}],
                 "none": []}""");
    }

    // 3. Keys of different types

    /**
     * INTEGER against VARCHAR: '7' meets 7 both ways; 'abc' and '9' (no legacy row 9) meet nothing and
     * raise no error, in a field or carried by a filter ('abc' is never sent to PostgreSQL's INTEGER column). CHAR(6) in PostgreSQL ('north ' as stored) meets VARCHAR(6) 'north' in MariaDB both ways.
     */
    @Test
    void integerMeetsTextAndCharPaddingIsIgnored() {
        assertData(weft, """
                { crm_customers(where: {id: {_neq: 2}}, order_by: [{id: asc}]) { name code legacy { id note } home_region { name } }
                  shop_legacy(order_by: [{id: asc}]) { id customers(where: {id: {_neq: 2}}, order_by: [{id: asc}]) { name } }
                  shop_regions(order_by: [{name: asc}]) { name customers(order_by: [{id: asc}]) { name } }
                  by_region: crm_customers(where: {home_region: {name: {_eq: "North"}}}, order_by: [{id: asc}]) { name }
                  regions_of_high_scores: shop_regions(where: {customers: {score: {_gte: 80}}}) { name }
                  abc_legacy: shop_legacy(where: {customers: {name: {_eq: "Cy"}}}) { id } }""", """
                {"crm_customers": [
                  {"name": "Ada", "code": "7", "legacy": {"id": 7, "note": "seven"}, "home_region": {"name": "North"}},
                  {"name": "Cy", "code": "abc", "legacy": null, "home_region": {"name": "East"}},
                  {"name": "Dee", "code": "8", "legacy": {"id": 8, "note": "eight"}, "home_region": null},
                  {"name": "Eve", "code": null, "legacy": null, "home_region": null},
                  {"name": "Fay", "code": "9", "legacy": null, "home_region": {"name": "North"}}],
                 "shop_legacy": [{"id": 7, "customers": [{"name": "Ada"}]}, {"id": 8, "customers": [{"name": "Dee"}]},
                                 {"id": 10, "customers": []}],
                 "shop_regions": [{"name": "East", "customers": [{"name": "Cy"}]}, {"name": "Far", "customers": []},
                                  {"name": "North", "customers": [{"name": "Ada"}, {"name": "Fay"}]},
                                  {"name": "South", "customers": [{"name": "Bob"}]}],
                 "by_region": [{"name": "Ada"}, {"name": "Fay"}],
                 "regions_of_high_scores": [{"name": "North"}],
                 "abc_legacy": []}""");
    }

    /**
     * A zero-padded text key ('007') against an INTEGER key (see JoinKeys): text meets a number only when
     * written plainly, so '007' meets no row whether the join starts from the text side (Bob's legacy) or
     * from the number side (legacy 7's customers, a {@code where} through the relationship). The same
     * data gives the same answer in both directions.
     */
    @Test
    void zeroPaddedTextNeverMeetsAnIntegerFromEitherSide() {
        assertData(weft, """
                { bob: crm_customers(where: {code: {_eq: "007"}}) { name legacy { id note } }
                  shop_legacy(where: {id: {_eq: 7}}) { customers(order_by: [{id: asc}]) { name code } }
                  seven: crm_customers(where: {legacy: {note: {_eq: "seven"}}}, order_by: [{id: asc}]) { name }
                  legacy_of_bob: shop_legacy(where: {customers: {name: {_in: ["Bob", "Dee"]}}}, order_by: [{id: asc}]) { id } }""",
                """
                {"bob": [{"name": "Bob", "legacy": null}],
                 "shop_legacy": [{"customers": [{"name": "Ada", "code": "7"}]}],
                 "seven": [{"name": "Ada"}],
                 "legacy_of_bob": [{"id": 8}]}""");
    }

    // 4. Chains across three databases; join columns fetched but not returned

    @Test
    void chainsAcrossThreeDatabasesToDepthFour() {
        // crm (MariaDB) -> shop (PostgreSQL) -> ware (second MariaDB database) -> crm -> shop; no join column selected
        assertData(weft, """
                { crm_customers(where: {id: {_in: [1, 2]}}, order_by: [{id: asc}]) {
                    name
                    orders(order_by: [{id: asc}]) {
                      id
                      shipments(order_by: [{id: asc}]) {
                        id
                        carrier { name }
                        recipient { name loyalty { points } orders_aggregate { aggregate { count } } }
                      }
                    }
                } }""", """
                {"crm_customers": [
                  {"name": "Ada", "orders": [
                    {"id": 101, "shipments": [{"id": 501, "carrier": {"name": "Swift"},
                      "recipient": {"name": "Ada", "loyalty": {"points": 120}, "orders_aggregate": {"aggregate": {"count": 4}}}}]},
                    {"id": 102, "shipments": [
                      {"id": 502, "carrier": {"name": "Slow"},
                       "recipient": {"name": "Ada", "loyalty": {"points": 120}, "orders_aggregate": {"aggregate": {"count": 4}}}},
                      {"id": 503, "carrier": {"name": "Swift"},
                       "recipient": {"name": "Bob", "loyalty": null, "orders_aggregate": {"aggregate": {"count": 2}}}}]},
                    {"id": 103, "shipments": []},
                    {"id": 104, "shipments": []}]},
                  {"name": "Bob", "orders": [
                    {"id": 105, "shipments": [{"id": 504, "carrier": null,
                      "recipient": {"name": "Bob", "loyalty": null, "orders_aggregate": {"aggregate": {"count": 2}}}}]},
                    {"id": 106, "shipments": []}]}
                ]}""");
        // ware -> shop -> crm -> shop (through the junction in ware) -> crm (through it again)
        assertData(weft, """
                { ware_shipments(where: {id: {_in: [504, 506, 501]}}, order_by: [{id: asc}]) {
                    id
                    order { total customer { name favourites(order_by: [{name: asc}]) { name fans(order_by: [{id: asc}]) { name } } } }
                } }""", """
                {"ware_shipments": [
                  {"id": 501, "order": {"total": 250.00, "customer": {"name": "Ada", "favourites": [
                     {"name": "Desk", "fans": [{"name": "Ada"}]}, {"name": "Lamp", "fans": [{"name": "Ada"}, {"name": "Bob"}]}]}}},
                  {"id": 504, "order": {"total": 510.00, "customer": {"name": "Bob", "favourites": [
                     {"name": "Lamp", "fans": [{"name": "Ada"}, {"name": "Bob"}]}]}}},
                  {"id": 506, "order": {"total": 700.00, "customer": null}}
                ]}""");
    }

    @Test
    void joinColumnsAreReadButNotReturned() {
        ExecutionResult result = both(weft, """
                { shop_orders(where: {id: {_eq: 102}}) { total customer { name } shipments(order_by: [{id: asc}]) { status recipient { score } } } }""");
        Map<String, Object> order = GraphqlAssertions.at(GraphqlAssertions.data(result), "shop_orders.0");
        assertThat(order).containsOnlyKeys("total", "customer", "shipments"); // no id, no customer_id
        assertThat(GraphqlAssertions.<Map<String, Object>>at(order, "customer")).containsOnlyKeys("name"); // no id
        List<Map<String, Object>> shipments = GraphqlAssertions.at(order, "shipments");
        assertThat(shipments).hasSize(2).allSatisfy(s -> assertThat(s).containsOnlyKeys("status", "recipient"));
        assertThat(shipments).extracting(s -> s.get("status")).containsExactly("lost", "delivered");
        assertThat(shipments).extracting(s -> GraphqlAssertions.<Object>at(s, "recipient.score")).containsExactly(90, null);
        assertThat(GraphqlAssertions.<Map<String, Object>>at(shipments.get(0), "recipient")).containsOnlyKeys("score");
    }

    // 5. where and order_by through relationships to another database

    @Test
    void whereThroughRelationshipsIsASemiJoinAcrossDatabases() {
        assertData(weft, """
                { over500: crm_customers(where: {orders: {total: {_gt: 500}}}, order_by: [{id: asc}]) { name }
                  not_over500: crm_customers(where: {_not: {orders: {total: {_gt: 500}}}}, order_by: [{id: asc}]) { name }
                  or: crm_customers(where: {_or: [{orders: {total: {_gt: 500}}}, {score: {_gte: 80}}]}, order_by: [{id: asc}]) { name }
                  and: crm_customers(where: {orders: {total: {_gt: 500}}, favourites: {name: {_eq: "Desk"}}}) { name }
                  lost: crm_customers(where: {orders: {shipments: {status: {_eq: "lost"}}}}, order_by: [{id: asc}]) { name }
                  junction: crm_customers(where: {favourites: {price: {_gt: 50}}}, order_by: [{id: asc}]) { name }
                  count: crm_customers_aggregate(where: {orders: {total: {_gt: 500}}}) { aggregate { count } }
                  high_scores: shop_orders(where: {customer: {score: {_gte: 75}}}, order_by: [{id: asc}]) { id }
                  orphans: shop_orders(where: {_not: {customer: {}}}) { id }
                  bob_fans: shop_products(where: {fans: {name: {_eq: "Bob"}}}) { sku }
                  per_parent: crm_customers(order_by: [{id: asc}], limit: 4) { name orders(where: {shipments: {status: {_eq: "lost"}}}) { id } } }""",
                """
                {"over500": [{"name": "Ada"}, {"name": "Bob"}],
                 "not_over500": [{"name": "Cy"}, {"name": "Dee"}, {"name": "Eve"}, {"name": "Fay"}],
                 "or": [{"name": "Ada"}, {"name": "Bob"}, {"name": "Fay"}],
                 "and": [{"name": "Ada"}],
                 "lost": [{"name": "Ada"}, {"name": "Cy"}],
                 "junction": [{"name": "Ada"}, {"name": "Cy"}],
                 "count": {"aggregate": {"count": 2}},
                 "high_scores": [{"id": 101}, {"id": 102}, {"id": 103}, {"id": 104}, {"id": 107}],
                 "orphans": [{"id": 109}],
                 "bob_fans": [{"sku": "P1"}],
                 "per_parent": [{"name": "Ada", "orders": [{"id": 102}]}, {"name": "Bob", "orders": []},
                                {"name": "Cy", "orders": [{"id": 107}]}, {"name": "Dee", "orders": []}]}""");
    }

    @Test
    void orderByThroughObjectRelationshipsAcrossDatabases() {
        // scores: Ada 90 (orders 101-104), Bob null (105, 106), Cy 75 (107), Dee 60 (108); order 109 has no customer
        assertData(weft, """
                { desc_nulls_last: shop_orders(order_by: [{customer: {score: desc_nulls_last}}, {id: asc}]) { id }
                  paged: shop_orders(order_by: [{customer: {score: desc_nulls_last}}, {id: asc}], limit: 3, offset: 3) { id }
                  asc_nulls_first: shop_orders(order_by: [{customer: {score: asc_nulls_first}}, {id: asc}], limit: 4, offset: 2) { id }
                  name_desc: shop_orders(order_by: [{customer: {name: desc}}, {id: asc}], limit: 5) { id }
                  name_asc: shop_orders(order_by: [{customer: {name: asc}}, {id: desc}]) { id }
                  two_hops: ware_shipments(order_by: [{order: {customer: {name: desc_nulls_last}}}, {id: asc}]) { id }
                  nested: shop_orders(where: {id: {_eq: 102}}) { shipments(order_by: [{recipient: {name: desc}}], limit: 1) { id } } }""",
                """
                {"desc_nulls_last": [{"id": 101}, {"id": 102}, {"id": 103}, {"id": 104}, {"id": 107}, {"id": 108},
                                     {"id": 105}, {"id": 106}, {"id": 109}],
                 "paged": [{"id": 104}, {"id": 107}, {"id": 108}],
                 "asc_nulls_first": [{"id": 109}, {"id": 108}, {"id": 107}, {"id": 101}],
                 "name_desc": [{"id": 109}, {"id": 108}, {"id": 107}, {"id": 105}, {"id": 106}],
                 "name_asc": [{"id": 104}, {"id": 103}, {"id": 102}, {"id": 101}, {"id": 106}, {"id": 105}, {"id": 107},
                              {"id": 108}, {"id": 109}],
                 "two_hops": [{"id": 505}, {"id": 504}, {"id": 501}, {"id": 502}, {"id": 503}, {"id": 506}],
                 "nested": [{"shipments": [{"id": 503}]}]}""");
    }

    // 6. The cap on keys carried across sources

    @Test
    void filtersWithinTheKeyCapWork() {
        // orders reference customers 1, 2, 3, 4 and 99: exactly 5 keys, the cap
        assertData(capped, """
                { crm_customers(where: {orders: {total: {_gt: 0}}}, order_by: [{id: asc}]) { name }
                  shop_orders(where: {customer: {score: {_is_null: false}}}, order_by: [{id: asc}]) { id }
                  sorted: shop_orders(where: {id: {_in: [101, 105, 107, 109]}}, order_by: [{customer: {name: desc}}]) { id } }""",
                """
                {"crm_customers": [{"name": "Ada"}, {"name": "Bob"}, {"name": "Cy"}, {"name": "Dee"}],
                 "shop_orders": [{"id": 101}, {"id": 102}, {"id": 103}, {"id": 104}, {"id": 107}, {"id": 108}],
                 "sorted": [{"id": 109}, {"id": 107}, {"id": 105}, {"id": 101}]}""");
    }

    @Test
    void pastTheBudgetARootFilterReadsTheParentSideInChunksAndOtherStepsFailNamingTheSetting() {
        // six customers match: more than the budget of 5, so the orders are read first, 5 keys at a time
        ExecutionResult result = both(capped, """
                { shop_orders(where: {customer: {name: {_neq: "nobody"}}}, order_by: [{id: asc}]) { id }
                  none: shop_orders_aggregate(where: {_not: {customer: {}}}) { aggregate { count sum { total } } }
                  crm_carriers(order_by: [{id: asc}]) { name } }""");
        assertThat(result.getErrors()).isEmpty();
        assertThat(CompactJson.write(result.getData())).isEqualTo(CompactJson.compact("""
                {"shop_orders": [{"id": 101}, {"id": 102}, {"id": 103}, {"id": 104}, {"id": 105}, {"id": 106}, {"id": 107},
                 {"id": 108}], "none": {"aggregate": {"count": 1, "sum": {"total": 700.00}}},
                 "crm_carriers": [{"name": "Swift"}, {"name": "Slow"}]}"""));

        // on a relationship field the related keys are carried into one statement: past the budget it fails
        ExecutionResult nested = both(capped, """
                { crm_customers(where: {id: {_eq: 1}}) { name orders(where: {customer: {name: {_neq: "nobody"}}}) { id } } }""");
        assertThat(GraphqlAssertions.codes(nested)).containsExactly("BAD_USER_INPUT");
        assertThat(nested.getErrors().get(0).getMessage()).contains("weft.cross-source-max-keys-in-memory").contains("customer");
        assertThat(nested.getErrors().get(0).getPath()).isEqualTo(List.of("crm_customers", 0, "orders"));
        assertThat(GraphqlAssertions.<Object>at(nested.getData(), "crm_customers.0.orders")).isNull();
        assertThat(GraphqlAssertions.<Object>at(nested.getData(), "crm_customers.0.name")).isEqualTo("Ada");

        // a root list is read with at most weft.limits.max-rows + 1 rows, so even without a limit of its own
        // an order through another source is driven from the sorted side, not sorted in memory past the budget
        ExecutionResult sorted = both(capped, "{ shop_orders(order_by: [{customer: {name: asc}}, {id: asc}]) { id } }");
        assertThat(sorted.getErrors()).isEmpty();
        ExecutionResult unsorted = both(capped, "{ shop_orders(order_by: [{id: asc}]) { id } }");
        assertThat(GraphqlAssertions.<List<Object>>at(sorted.getData(), "shop_orders"))
                .containsExactlyInAnyOrderElementsOf(GraphqlAssertions.<List<Object>>at(unsorted.getData(), "shop_orders"));

        // with a limit, the sorted side drives: customers by name, then their orders; no customer last (first if desc)
        assertData(capped, """
                { shop_orders(order_by: [{customer: {name: desc}}, {id: desc}], limit: 4) { id }
                  all: shop_orders(order_by: [{customer: {name: asc}}, {id: desc}], limit: 20, offset: 1) { id } }""", """
                {"shop_orders": [{"id": 109}, {"id": 108}, {"id": 107}, {"id": 106}],
                 "all": [{"id": 103}, {"id": 102}, {"id": 101}, {"id": 106}, {"id": 105}, {"id": 107}, {"id": 108}, {"id": 109}]}""");
    }
}
