package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.AccessFile;
import dev.weft.config.BreakerSettings;
import dev.weft.config.FederationSpec;
import dev.weft.config.LimitSettings;
import dev.weft.config.RelationshipSpec;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceProperties;
import dev.weft.config.WeftProperties;
import dev.weft.execute.sourcejson.SourceJsonList;
import dev.weft.ops.SourceBreakers;
import dev.weft.ops.SourceOperations;
import dev.weft.reload.SourceSupply;
import dev.weft.security.Caller;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Source-built JSON against the row path, byte for byte: PostgreSQL {@code items} (every eligible column kind,
 * nullable and NOT NULL, with edge values: control characters, quotes, 4-byte UTF-8, scales 0 to 9, 30-digit
 * numbers, fractional seconds, years 0001 and 9999) under MariaDB {@code parents} (a declared cross-database
 * relationship) and under PostgreSQL {@code parents} (a foreign key). Each query runs directly and field by field;
 * the JSON of both must be the same bytes, and the direct result must hold a {@link SourceJsonList} where the level
 * is pushed to the source, and none where a value (a decimal {@code BigDecimal} prints with an exponent, a year past
 * 9999), a column type or a mask sends it back to the row path.
 */
class SourceJsonDifferentialIT {
    /** Every eligible column of items. */
    private static final String ALL = "id parent_id seq sm n big s vs c5 m u d0 d d2 b b_nn day day_nn ts ts_nn";
    private static TestDatabase crm;
    private static TestDatabase shop;
    private static WeftRuntime weft;
    private static WeftRuntime masked;

    @BeforeAll
    static void start() {
        crm = TestDatabase.mariadb();
        shop = TestDatabase.postgres();
        crm.execute("CREATE TABLE parents (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, code VARCHAR(10), k2 INT)",
                "INSERT INTO parents VALUES (1, 'one', '001', 0), (2, 'two', '2', 8), (3, 'three: none', null, null),"
                        + " (4, 'four: nulls', '4', null), (5, 'five', 'abc', 11), (6, 'six: not in shop', '1', null)");
        String controls = "(SELECT string_agg(chr(g), '' ORDER BY g) FROM generate_series(1, 31) g)";
        shop.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'q\"\\/', '\u65e5\u672c\ud83d\ude00')",
                "CREATE TABLE parents (id INT PRIMARY KEY, name TEXT NOT NULL)",
                "INSERT INTO parents VALUES (1, 'one'), (2, 'two'), (3, 'three: none'), (4, 'four: nulls'), (5, 'five')",
                "CREATE TABLE items (id BIGINT PRIMARY KEY, parent_id INT NOT NULL REFERENCES parents (id),"
                        + " seq INT NOT NULL, sm SMALLINT, n INT, big BIGINT, s TEXT NOT NULL, vs VARCHAR(200), c5 CHAR(5),"
                        + " m mood, u UUID, d0 NUMERIC(30, 0), d NUMERIC, d2 NUMERIC(12, 2) NOT NULL, b BOOLEAN,"
                        + " b_nn BOOLEAN NOT NULL, day DATE, day_nn DATE NOT NULL, ts TIMESTAMP(6), ts_nn TIMESTAMP NOT NULL,"
                        + " tiny NUMERIC, zero8 NUMERIC, far_ts TIMESTAMP, far_day DATE,"
                        + " f8 DOUBLE PRECISION, tz TIMESTAMPTZ, js JSONB, bin BYTEA, secret TEXT)",
                "INSERT INTO items (id, parent_id, seq, sm, n, big, s, vs, c5, m, u, d0, d, d2, b, b_nn, day, day_nn, ts, ts_nn,"
                        + " tiny, zero8, far_ts, far_day, f8, tz, js, bin, secret) VALUES"
                        + " (101, 1, 1, -32768, -2147483648, -9223372036854775808, " + controls + ", '\"q\" \\ back/slash',"
                        + " 'ab', 'sad', '00000000-0000-0000-0000-000000000000', 123456789012345678901234567890,"
                        + " 0.000001, 0.00, true, false, '0001-01-01', '2024-02-29', '2024-01-01 10:00:00.1', '0001-01-01 00:00:00',"
                        + " 0.5, 1, '2024-01-01', '2024-01-01', 1.5, '2024-01-01 00:00+00', '{\"a\": 1}', '\\x00ff', 'hush 1'),"
                        + " (102, 1, 2, 32767, 2147483647, 9223372036854775807, '', '\ud83d\ude00 \u6f22\u5b57 e\u0301 \u2028\u2029 \u007f \ufeff',"
                        + " '', 'ok', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', -123456789012345678901234567890,"
                        + " 0.0000010, 100.00, false, true, '9999-12-31', '0001-01-01', '2024-01-01 10:00:00.12', '9999-12-31 23:59:59.999999',"
                        + " 0.0000001, 0.00000000, '10000-01-01 00:00', '10000-01-01', null, null, null, null, 'hush 2'),"
                        + " (103, 1, 3, 0, 0, 0, '\\\\\"/\"', ' x', '  x', 'q\"\\/', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 0,"
                        + " -0.5, -0.50, null, false, '2000-01-01', '9999-12-31', '2024-01-01 10:00:00.123456', '2024-01-01 00:00:00',"
                        + " 1.25, 3.5, '2024-06-01 12:00', '2024-06-01', 0, '1970-01-01 00:00+00', '[]', '\\x', 'hush 3'),"
                        + " (104, 1, 4, null, 7, 1, 'plain', 'tab\there', 'abcde', '\u65e5\u672c\ud83d\ude00',"
                        + " '12345678-9abc-def0-1234-56789abcdef0', 1,"
                        + " 0.123456789, 123.45, true, true, '1970-01-01', '1999-12-31', '2024-01-01 10:00:00.000001', '2024-01-01 23:59:59',"
                        + " null, null, null, null, null, null, null, null, null),"
                        + " (105, 1, 5, null, null, null, 'a/b', null, null, null, null, 999999999999999999999999999999,"
                        + " 12345678901234567890.123456789, -9999999999.99, null, false, null, '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00.5',"
                        + " null, null, null, null, null, null, null, null, null),"
                        + " (106, 1, 6, 1, 1, 1, 'scale', null, null, null, null, 10, 1.000000000, 1.10, null, true, null, '2024-01-01',"
                        + " '2024-01-01 12:34:56.789', '2024-01-01 00:00:00', null, null, null, null, null, null, null, null, null),"
                        + " (107, 1, 7, 2, 2, 2, 'scales', null, null, null, null, 20, 0.000000, 0.01, null, true, null, '2024-01-01',"
                        + " null, '2024-01-01 00:00:00', null, null, null, null, null, null, null, null, null),"
                        + " (108, 1, 8, 3, 3, 3, 'scales 2', null, null, null, null, 30, 0.1, 10, null, true, null, '2024-01-01',"
                        + " null, '2024-01-01 00:00:00', null, null, null, null, null, null, null, null, null),"
                        + " (109, 1, 9, 4, 4, 4, 'scales 3', null, null, null, null, 40, 12.3456, 7, null, true, null, '2024-01-01',"
                        + " null, '2024-01-01 00:00:00', null, null, null, null, null, null, null, null, null),"
                        + " (110, 1, 10, 5, 5, 5, 'scales 4', null, null, null, null, 50, 9.87654321, 7.5, null, true, null, '2024-01-01',"
                        + " null, '2024-01-01 00:00:00', null, null, null, null, null, null, null, null, null),"
                        + " (201, 2, 1, 8, 8, 8, 'b', 'x', 'x', 'ok', null, 1, 1, 1, true, true, '2024-05-05', '2024-05-05',"
                        + " '2024-05-05 05:05:05', '2024-05-05 05:05:05', null, null, null, null, null, null, null, null, null),"
                        + " (202, 2, 2, 9, 9, 9, 'b', 'y', 'y', 'sad', null, 2, 2.5, 2.5, false, false, '2024-05-06', '2024-05-06',"
                        + " '2024-05-06 00:00:00', '2024-05-06 00:00:00', null, null, null, null, null, null, null, null, null),"
                        + " (203, 2, 3, 10, 10, 10, 'a', 'z', 'z', 'ok', null, 3, 3.25, 3.25, true, true, '2024-05-07', '2024-05-07',"
                        + " '2024-05-07 00:00:00', '2024-05-07 00:00:00', null, null, null, null, null, null, null, null, null),"
                        + " (401, 4, 1, null, null, null, '', null, null, null, null, null, null, 0, null, false, null, '2024-01-01',"
                        + " null, '2024-01-01 00:00:00', null, null, null, null, null, null, null, null, null),"
                        + " (501, 5, 1, 11, 11, 11, 'five', 'five', 'five', 'ok', null, 5, 5, 5, true, true, '2024-01-05', '2024-01-05',"
                        + " '2024-01-05 00:00:00', '2024-01-05 00:00:00', null, null, null, null, null, null, null, null, null)");
        shop.execute("CREATE TABLE many (id INT PRIMARY KEY, parent_id INT NOT NULL REFERENCES parents (id), grp INT NOT NULL,"
                        + " label TEXT NOT NULL)",
                "INSERT INTO many SELECT g, 1 + g % 3, g % 4, 'label ' || (g % 7) FROM generate_series(1, 6000) g"
                        + " ORDER BY (g * 7919) % 6007",
                "CREATE TABLE odd (id INT PRIMARY KEY, parent_id INT NOT NULL REFERENCES parents (id), dd DATE, tt TIMESTAMP)",
                "INSERT INTO odd VALUES (1, 1, '0044-03-15 BC', '0044-03-15 10:00 BC'), (2, 1, 'infinity', 'infinity'),"
                        + " (3, 2, '-infinity', '-infinity')");
        weft = SourceJsonRuntime.start(TestDatabase.services(services()), relationships());
        masked = SourceJsonRuntime.start(TestDatabase.services(services()), relationships(), AccessFile.parse("access.yml", """
                        roles:
                          reader:
                            crm.parents:
                            shop.parents:
                            shop.items:
                          masker:
                            crm.parents:
                            shop.parents:
                            shop.items:
                              mask: { secret: redact }
                        """), LimitSettings.DEFAULTS, false);
    }

    private static Map<String, ServiceProperties> services() {
        Map<String, ServiceProperties> services = new LinkedHashMap<>();
        services.put("crm", crm.propertiesFor("mariadb"));
        services.put("shop", shop.propertiesFor("postgres"));
        return services;
    }

    private static List<RelationshipSpec> relationships() {
        return RelationshipsFile.parse("relationships.yml", """
                relationships:
                  - { service: crm, table: parents, name: items, type: has_many, field: id,
                      ref_service: shop, ref_table: items, ref_field: parent_id }
                  - { service: crm, table: parents, name: coded, type: has_many, field: code,
                      ref_service: shop, ref_table: items, ref_field: seq }
                  - { service: crm, table: parents, name: pair, type: has_many, field: [id, k2],
                      ref_service: shop, ref_table: items, ref_field: [parent_id, sm] }
                  - { service: crm, table: parents, name: many, type: has_many, field: id,
                      ref_service: shop, ref_table: many, ref_field: parent_id }
                  - { service: crm, table: parents, name: odd, type: has_many, field: id,
                      ref_service: shop, ref_table: odd, ref_field: parent_id }
                """);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {masked, weft, shop, crm}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ---- pushed: the same bytes, and the direct result holds the source's JSON

    @Test
    void everyEligibleKindCrossDatabase() {
        pushed("{ crm_parents(order_by: {id: asc}) { id items(order_by: {id: asc}) { " + ALL + " } } }", "crm_parents", "items");
    }

    @Test
    void everyEligibleKindSameDatabase() {
        pushed("{ shop_parents(order_by: {id: asc}) { id items(order_by: {id: asc}) { " + ALL + " } } }", "shop_parents", "items");
    }

    @Test
    void descendingAndWithoutOrder() {
        for (String root : List.of("crm_parents", "shop_parents")) {
            pushed("{ " + root + "(order_by: {id: desc}) { id items(order_by: [{s: desc}, {id: desc}]) { id s d d2 ts } } }",
                    root, "items");
            pushed("{ " + root + "(order_by: {id: asc}) { id items(order_by: [{d: desc_nulls_last}, {id: asc}]) { id d } } }",
                    root, "items");
            // no order: read as rows, whose scan order a window would not keep (SourceJsonTieOrderIT)
            notPushed("{ " + root + "(order_by: {id: asc}) { id items { id } } }", root, "items");
        }
    }

    @Test
    void limitAndOffsetPerParent() {
        for (String root : List.of("crm_parents", "shop_parents")) {
            pushed("{ " + root + "(order_by: {id: asc}) { id items(order_by: {id: desc}, limit: 2) { id s } } }", root, "items");
            pushed("{ " + root + "(order_by: {id: asc}) { id items(order_by: {id: asc}, limit: 3, offset: 2) { id d } } }",
                    root, "items");
            pushed("{ " + root + "(order_by: {id: asc}) { id items(order_by: {id: asc}, offset: 1) { id ts_nn } } }", root, "items");
        }
    }

    @Test
    void whereOnTheChild() {
        for (String root : List.of("crm_parents", "shop_parents")) {
            pushed("{ " + root + "(order_by: {id: asc}) { id items(where: {b: {_eq: true}}, order_by: {id: asc}) { id b m } } }",
                    root, "items");
            pushed("{ " + root + "(order_by: {id: asc}) { id items(where: {_or: [{vs: {_is_null: true}}, {d2: {_gt: 100}}]},"
                    + " order_by: {id: asc}) { id vs d2 } } }", root, "items");
        }
    }

    @Test
    void aliasesDuplicatesTypenameAndFragments() {
        for (String root : List.of("crm_parents", "shop_parents")) {
            pushed("{ " + root + "(order_by: {id: asc}) { id first: items(order_by: {id: asc}, limit: 1) { __typename key: id id"
                    + " again: s s text: s } all: items(order_by: {id: desc}) { __typename d dd: d } } }", root, "first", "all");
            pushed("query { " + root + "(order_by: {id: asc}) { id items(order_by: {id: asc}) { ...row ... on ShopItems { c5 }"
                    + " __typename } } } fragment row on ShopItems { id u m d0 }", root, "items");
        }
    }

    @Test
    void onlyTypename() {
        pushed("{ crm_parents(order_by: {id: asc}) { id items(order_by: {id: asc}) { __typename } } }", "crm_parents", "items");
    }

    @Test
    void distinctOn() {
        for (String root : List.of("crm_parents", "shop_parents")) {
            pushed("{ " + root + "(order_by: {id: asc}) { id items(distinct_on: [s], order_by: [{s: asc}, {id: desc}]) { id s } } }",
                    root, "items");
            pushed("{ " + root + "(order_by: {id: asc}) { id items(distinct_on: [b_nn], order_by: [{b_nn: desc}, {id: asc}],"
                    + " limit: 1) { id b_nn } } }", root, "items");
        }
    }

    @Test
    void fallbackColumnsArePushedWhenTheirValuesAllow() {
        // the irregular values are in row 102 only: without it the same columns are pushed
        for (String column : List.of("tiny", "zero8", "far_ts", "far_day")) {
            pushed("{ crm_parents(order_by: {id: asc}) { id items(where: {id: {_neq: 102}}, order_by: {id: asc}) { id "
                    + column + " } } }", "crm_parents", "items");
        }
    }

    // ---- not pushed: the row path, and still the same bytes

    @Test
    void aDecimalPrintedWithAnExponentFallsBack() {
        for (String column : List.of("tiny", "zero8")) { // 0.0000001 prints 1E-7, 0.00000000 prints 0E-8
            for (String root : List.of("crm_parents", "shop_parents")) {
                notPushed("{ " + root + "(order_by: {id: asc}) { id items(order_by: {id: asc}) { id s " + column + " } } }",
                        root, "items");
            }
        }
    }

    @Test
    void yearTenThousandFallsBack() {
        for (String column : List.of("far_ts", "far_day")) {
            notPushed("{ shop_parents(order_by: {id: asc}) { id items(order_by: {id: asc}) { id " + column + " } } }",
                    "shop_parents", "items");
        }
    }

    @Test
    void unsupportedColumnTypesAreNotPushed() {
        for (String column : List.of("f8", "tz", "js", "bin")) {
            notPushed("{ crm_parents(order_by: {id: asc}) { id items(order_by: {id: asc}) { id s " + column + " } } }",
                    "crm_parents", "items");
        }
    }

    @Test
    void aMaskedColumnIsNotPushed() {
        String query = "{ crm_parents(order_by: {id: asc}) { id items(order_by: {id: asc}) { id secret s } } }";
        Caller masker = new Caller("masker", Map.of());
        String json = SourceJsonComparison.compare(query, (q, v) -> masked.execute(q, v, masker), (q, v) -> masked.executeFieldByField(q, v, masker),
                "crm_parents", new String[] {"items"}, false);
        assertThat(json).doesNotContain("hush");
        // the same runtime and query for a role without the mask: pushed
        Caller reader = new Caller("reader", Map.of());
        String open = SourceJsonComparison.compare(query, (q, v) -> masked.execute(q, v, reader), (q, v) -> masked.executeFieldByField(q, v, reader),
                "crm_parents", new String[] {"items"}, true);
        assertThat(open).contains("hush 1");
        // and with the mask but without the masked column: pushed
        SourceJsonComparison.compare("{ crm_parents(order_by: {id: asc}) { id items(order_by: {id: asc}) { id s } } }",
                (q, v) -> masked.execute(q, v, masker), (q, v) -> masked.executeFieldByField(q, v, masker),
                "crm_parents", new String[] {"items"}, true);
    }

    @Test
    void manyRowsPerParentInATotalOrderOrPaged() {
        // 2,000 rows per parent, inserted out of order. A page numbers the rows by the same window on both paths, so
        // even ties agree there; unpaged, only a total order does (see SourceJsonTieOrderIT)
        for (String root : List.of("crm_parents", "shop_parents")) {
            pushed("{ " + root + "(order_by: {id: asc}) { id many(order_by: [{grp: asc}, {id: desc}]) { id grp } } }", root, "many");
            pushed("{ " + root + "(order_by: {id: asc}) { id many(order_by: {label: desc}, limit: 50, offset: 10) { id label } } }",
                    root, "many");
            pushed("{ " + root + "(order_by: {id: asc}) { id many(order_by: {grp: asc}, limit: 3000) { id grp } } }", root, "many");
        }
    }

    @Test
    void stringifiedNumbers() {
        try (WeftRuntime stringified = SourceJsonRuntime.start(TestDatabase.services(services()), relationships(), null,
                LimitSettings.DEFAULTS, true)) {
            String json = SourceJsonComparison.compare("{ crm_parents(order_by: {id: asc}) { id items(order_by: {id: asc}) { id n big d d2 s } } }",
                    stringified::execute, stringified::executeFieldByField, "crm_parents", new String[] {"items"}, false);
            assertThat(json).contains("\"big\":\"9223372036854775807\"");
            SourceJsonComparison.compare("{ crm_parents(order_by: {id: asc}) { items(order_by: {id: asc}) { n sm s b day ts } } }",
                    stringified::execute, stringified::executeFieldByField, "crm_parents", new String[] {"items"}, true);
        }
    }

    @Test
    void keysOfOtherTypesAndCompositeKeys() {
        pushed("{ crm_parents(order_by: {id: asc}) { id code coded(order_by: {id: asc}) { id seq s } } }", "crm_parents", "coded");
        pushed("{ crm_parents(order_by: {id: asc}) { id k2 pair(order_by: {id: asc}) { id sm d } } }", "crm_parents", "pair");
    }

    @Test
    void underAnObjectRelationshipAndByPk() {
        pushed("{ shop_items(order_by: {id: asc}) { id parent { id items(order_by: {id: desc}, limit: 2) { id s d } } } }",
                "shop_items.parent", "items");
        pushed("{ shop_parents_by_pk(id: 1) { id items(order_by: {id: asc}) { " + ALL + " } } }", "shop_parents_by_pk", "items");
        pushed("{ shop_parents(order_by: {id: asc}) { id items(where: {parent: {name: {_like: \"%o%\"}}},"
                + " order_by: [{parent: {name: asc}}, {id: asc}]) { id s } } }", "shop_parents", "items");
    }

    @Test
    void variablesAndDirectives() {
        String query = "query($n: Int!, $with: Boolean!) { crm_parents(order_by: {id: asc}) { id items(order_by: {id: asc},"
                + " limit: $n) { id s @include(if: $with) d @skip(if: $with) ts } } }";
        for (boolean with : List.of(true, false)) {
            Map<String, Object> variables = Map.of("n", 2, "with", with);
            SourceJsonComparison.compare(query, (q, v) -> weft.execute(q, variables), (q, v) -> weft.executeFieldByField(q, variables),
                    "crm_parents", new String[] {"items"}, true);
        }
    }

    @Test
    void valuesOutsideTheRangeFallBack() {
        // BC dates and timestamps and ±infinity: PostgreSQL prints them as no Weft value: the row path
        for (String column : List.of("dd", "tt")) {
            notPushed("{ crm_parents(order_by: {id: asc}) { id odd(order_by: {id: asc}) { id " + column + " } } }",
                    "crm_parents", "odd");
        }
    }

    // ---- helpers

    /**
     * Compares both paths, and checks that the array relationships {@code children} (result keys) of the rows at
     * dotted path {@code parents} (the root field, then object relationships) are source-built.
     */
    private static void pushed(String query, String parents, String... children) {
        SourceJsonComparison.compare(query, weft::execute, weft::executeFieldByField, parents, children, true);
    }

    /** As {@link #pushed}, the relationships read as rows. */
    private static void notPushed(String query, String parents, String... children) {
        SourceJsonComparison.compare(query, weft::execute, weft::executeFieldByField, parents, children, false);
    }
}
