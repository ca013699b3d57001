package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.ServiceProperties;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import dev.weft.testing.CompactJson;
import dev.weft.testing.MongoTestServer;
import dev.weft.testing.TestDatabase;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nested documents and arrays in queries: filters on nested fields (with {@code _and}/{@code _or}/{@code _not}
 * inside), on arrays of values and of documents (a condition holds for some element), ordering by nested
 * fields with nulls placed as asked, a PostgreSQL table ordered by a nested MongoDB field through a
 * relationship (sorted in memory), and {@code __typename} of nested types; both execution paths agree.
 */
class MongoDocumentsIT {
    private static MongoTestServer mongo;
    private static TestDatabase pg;
    private static WeftRuntime weft;

    @BeforeAll
    static void start() {
        mongo = MongoTestServer.start();
        pg = TestDatabase.postgres();
        pg.execute("CREATE TABLE accounts (id INT PRIMARY KEY, profile_id INT)",
                "INSERT INTO accounts VALUES (10, 1), (20, 2), (30, 3), (40, 4), (50, NULL)");
        String db = MongoTestServer.uniqueName();
        mongo.database(db).getCollection("profiles").insertMany(List.of(
                Document.parse("{_id: 1, name: 'ann', address: {city: 'Oslo', geo: {lat: 59.9}}, tags: ['a', 'b'],"
                        + " orders: [{sku: 'x', qty: 1}, {sku: 'y', qty: 5}]}"),
                Document.parse("{_id: 2, name: 'bob', address: {city: 'Bergen', geo: {lat: 60.4}}, tags: ['b'], orders: [{sku: 'y', qty: 2}]}"),
                Document.parse("{_id: 3, name: 'cy', address: {city: null}, tags: [], orders: []}"),
                Document.parse("{_id: 4, name: 'di', tags: ['c'], orders: [{sku: 'x', qty: 7}]}"),
                Document.parse("{_id: 5, name: 'ed', address: {city: 'Alta', geo: {lat: 70.0}}}")));
        Map<String, ServiceProperties> services = new LinkedHashMap<>();
        services.put("bank", pg.propertiesFor("postgres"));
        services.put("web", new ServiceProperties("mongodb", mongo.url(db), null, null, null, null, null, null, null, null, null,
                null, null, null));
        List<ServiceSettings> settings = new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, services));
        weft = WeftRuntime.start(settings, RelationshipsFile.parse("r.yml", """
                relationships:
                  - {service: bank, table: accounts, name: profile, type: belongs_to, field: profile_id, ref_service: web, ref_table: profiles, ref_field: _id}
                """), WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS);
    }

    @AfterAll
    static void stop() {
        if (weft != null) {
            weft.close();
        }
        if (pg != null) {
            pg.close();
        }
        mongo.close();
    }

    private static String ids(String where) {
        return run("{ web_profiles(where: " + where + ", order_by: [{_id: asc}]) { _id } }");
    }

    private static String run(String query) {
        ExecutionResult direct = weft.execute(query, Map.of());
        assertThat(direct.getErrors()).as(query).isEmpty();
        assertThat(weft.executeFieldByField(query, Map.of()).toSpecification()).as(query).isEqualTo(direct.toSpecification());
        return CompactJson.write(direct.getData());
    }

    private static String idsJson(int... ids) {
        StringBuilder out = new StringBuilder("{\"web_profiles\":[");
        for (int i = 0; i < ids.length; i++) {
            out.append(i == 0 ? "" : ",").append("{\"_id\":").append(ids[i]).append('}');
        }
        return out.append("]}").toString();
    }

    @Test
    void filtersReachIntoNestedDocumentsAndArrays() {
        assertThat(ids("{address: {city: {_eq: \"Oslo\"}}}")).isEqualTo(idsJson(1));
        assertThat(ids("{address: {geo: {lat: {_gt: 60}}}}")).isEqualTo(idsJson(2, 5));
        assertThat(ids("{address: {city: {_is_null: true}}}")).isEqualTo(idsJson(3, 4));
        assertThat(ids("{address: {_or: [{city: {_like: \"B%\"}}, {geo: {lat: {_lt: 60}}}]}}")).isEqualTo(idsJson(1, 2));
        assertThat(ids("{address: {_not: {city: {_eq: \"Oslo\"}}}}")).as("unknown where city is null or missing").isEqualTo(idsJson(2, 5));
        assertThat(ids("{_not: {address: {city: {_neq: \"Oslo\"}}}}")).isEqualTo(idsJson(1));
        assertThat(ids("{tags: {_eq: \"b\"}}")).as("some element").isEqualTo(idsJson(1, 2));
        assertThat(ids("{tags: {_in: [\"a\", \"c\"]}}")).isEqualTo(idsJson(1, 4));
        assertThat(ids("{orders: {sku: {_eq: \"x\"}}}")).isEqualTo(idsJson(1, 4));
        assertThat(ids("{orders: {qty: {_gte: 5}}}")).isEqualTo(idsJson(1, 4));
        assertThat(ids("{orders: {sku: {_eq: \"y\"}, qty: {_gte: 5}}}")).as("each condition for some element").isEqualTo(idsJson(1));
    }

    @Test
    void ordersByNestedFieldsPlaceNullsAsAsked() {
        assertThat(run("{ web_profiles(order_by: [{address: {city: asc}}, {_id: asc}]) { _id address { city } } }")).isEqualTo(
                CompactJson.compact("""
                        {"web_profiles": [{"_id": 5, "address": {"city": "Alta"}}, {"_id": 2, "address": {"city": "Bergen"}},
                          {"_id": 1, "address": {"city": "Oslo"}}, {"_id": 3, "address": {"city": null}}, {"_id": 4, "address": null}]}"""));
        assertThat(run("{ web_profiles(order_by: [{address: {geo: {lat: desc}}}, {_id: asc}], limit: 3) { _id } }"))
                .isEqualTo(idsJson(3, 4, 5));
        assertThat(run("{ web_profiles(order_by: [{address: {geo: {lat: desc_nulls_last}}}, {_id: desc}], offset: 2) { _id } }"))
                .isEqualTo(idsJson(1, 4, 3));
    }

    @Test
    void aSqlTableOrdersByANestedMongodbFieldThroughARelationship() {
        assertThat(run("""
                { bank_accounts(order_by: [{profile: {address: {city: asc_nulls_first}}}, {id: asc}]) { id profile { address { city } } } }""")).isEqualTo(
                CompactJson.compact("""
                        {"bank_accounts": [{"id": 30, "profile": {"address": {"city": null}}}, {"id": 40, "profile": {"address": null}},
                          {"id": 50, "profile": null}, {"id": 20, "profile": {"address": {"city": "Bergen"}}},
                          {"id": 10, "profile": {"address": {"city": "Oslo"}}}]}"""));
        // with a limit too (a nested sort value is sorted in memory, never driven from the sorted side)
        assertThat(run("{ bank_accounts(order_by: [{profile: {address: {city: desc_nulls_last}}}, {id: asc}], limit: 2) { id } }"))
                .isEqualTo("{\"bank_accounts\":[{\"id\":10},{\"id\":20}]}");
        assertThat(run("{ bank_accounts(where: {profile: {orders: {sku: {_eq: \"x\"}}}}, order_by: [{id: asc}]) { id } }"))
                .isEqualTo("{\"bank_accounts\":[{\"id\":10},{\"id\":40}]}");
    }

    @Test
    void nestedTypesAndListsAnswerWithTheirSubSelection() {
        assertThat(run("""
                { web_profiles_by_pk(_id: 1) { __typename a: address { __typename c: city geo { lat __typename } }
                    orders { __typename qty } tags } }""")).isEqualTo(CompactJson.compact("""
                {"web_profiles_by_pk": {"__typename": "WebProfiles", "a": {"__typename": "WebProfilesAddress", "c": "Oslo",
                  "geo": {"lat": 59.9, "__typename": "WebProfilesAddressGeo"}},
                  "orders": [{"__typename": "WebProfilesOrders", "qty": 1}, {"__typename": "WebProfilesOrders", "qty": 5}],
                  "tags": ["a", "b"]}}"""));
    }
}
