package dev.weft.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.catalog.ServiceName;
import dev.weft.catalog.TableRef;
import dev.weft.security.Caller;
import dev.weft.security.RolePolicy;
import dev.weft.security.TablePolicy;
import graphql.ExecutionInput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The key of a {@code @cached} query: what makes two requests share an entry, and what keeps them apart. */
class CacheRequestTest {
    private static final TableRef ORDERS = new TableRef(new ServiceName("shop"), "public", "orders");
    private static final RolePolicy TENANT = policy("tenant");

    private static RolePolicy policy(String name) {
        TablePolicy orders = new TablePolicy(ORDERS, Set.of("id"), Map.of("tenant_id", Map.of("_eq", "@claims.tenant_id")),
                Map.of(), "access.yml:4");
        return new RolePolicy(name, Map.of(ORDERS, orders), true, null, null, null);
    }

    private static CacheRequest request(String query, Map<String, Object> variables, Caller caller, RolePolicy policy) {
        return CacheRequest.of(ExecutionInput.newExecutionInput(query).variables(variables).build(), caller, policy, 300);
    }

    @Test
    void onlyQueriesMarkedCachedHaveAKey() {
        Caller caller = new Caller("tenant", Map.of("tenant_id", "t1"));
        assertThat(request("{ shop_orders { id } }", Map.of(), caller, TENANT)).isNull();
        assertThat(request("mutation M @cached { x }", Map.of(), caller, TENANT)).isNull();
        assertThat(request("query Q @cached( {", Map.of(), caller, TENANT)).isNull(); // execution reports the syntax error
        CacheRequest cached = request("query Q @cached(ttl: 900) { shop_orders { id } }", Map.of(), caller, TENANT);
        assertThat(cached.ttlSeconds()).isEqualTo(300); // capped by the maximum
        assertThat(cached.refresh()).isFalse();
        assertThat(request("query Q @cached { shop_orders { id } }", Map.of(), caller, TENANT).ttlSeconds()).isEqualTo(60);
    }

    @Test
    void spacingRefreshVariableOrderAndUnusedClaimsShareAnEntry() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", "x");
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", "x");
        ba.put("a", 1);
        CacheRequest one = request("query Q($a: Int, $b: String) @cached(ttl: 60) { shop_orders { id } }", ab,
                new Caller("tenant", Map.of("tenant_id", "t1", "exp", 1)), TENANT);
        CacheRequest two = request("query Q($a: Int, $b: String)\n  @cached(ttl: 60, refresh: true) {\n shop_orders { id, } }", ba,
                new Caller("tenant", Map.of("tenant_id", "t1", "exp", 2)), TENANT);
        assertThat(two.refresh()).isTrue();
        assertThat(two.key()).isEqualTo(one.key());
    }

    @Test
    void anotherTenantRoleOrVariableIsAnotherEntry() {
        String query = "query Q($a: Int) @cached { shop_orders { id } }";
        String key = request(query, Map.of("a", 1), new Caller("tenant", Map.of("tenant_id", "t1")), TENANT).key();
        assertThat(request(query, Map.of("a", 1), new Caller("tenant", Map.of("tenant_id", "t2")), TENANT).key()).isNotEqualTo(key);
        assertThat(request(query, Map.of("a", 1), new Caller("tenant", Map.of("tenant_id", 1)), TENANT).key()).isNotEqualTo(
                request(query, Map.of("a", 1), new Caller("tenant", Map.of("tenant_id", "1")), TENANT).key());
        assertThat(request(query, Map.of("a", 1), new Caller("other", Map.of("tenant_id", "t1")), policy("other")).key())
                .isNotEqualTo(key);
        assertThat(request(query, Map.of("a", 2), new Caller("tenant", Map.of("tenant_id", "t1")), TENANT).key()).isNotEqualTo(key);
        assertThat(request(query, Map.of("a", 1), new Caller("tenant", Map.of()), TENANT).key()).isNotEqualTo(key);
    }
}
