package dev.weft.it;

import dev.weft.security.Caller;
import dev.weft.testing.GraphqlAssertions;
import dev.weft.web.WeftRuntime;
import graphql.ExecutionResult;
import java.util.Map;

/**
 * Queries of the mutation ITs ({@link MutationFixture}, {@link MongoMutationIT}) against their two runtimes: one
 * without access rules, and one whose role {@code tenant} filters on the claim {@code tenant_id}.
 */
final class TenantCalls {

    private TenantCalls() {
    }

    /** The data of {@code query} on the runtime without access rules; fails on errors. */
    static Map<String, Object> data(WeftRuntime open, String query) {
        return GraphqlAssertions.data(open.execute(query, Map.of()));
    }

    /** {@code query} as role tenant with claims tenant_id {@code tenant} and sub {@code u-<tenant>}. */
    static ExecutionResult asTenant(WeftRuntime secured, String tenant, String query) {
        return secured.execute(query, Map.of(), new Caller("tenant", Map.of("tenant_id", tenant, "sub", "u-" + tenant)));
    }
}
