package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.config.AccessSpec;
import dev.weft.config.SecuritySettings;
import dev.weft.config.WeftConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code weft.graphiql.default-headers}: a JSON object written into the page so that it cannot end its
 * script element; unset, the embedded demo's access control gives the demo manager's key, and nothing
 * else gives any header.
 */
class GraphiqlDefaultHeadersTest {
    private static final String EMPTY = "<script type=\"application/json\" id=\"weft-default-headers\">\"\"</script>";

    static final java.util.function.Function<dev.weft.security.Caller, graphql.schema.GraphQLSchema> NO_TABLES =
            caller -> graphql.schema.GraphQLSchema.newSchema().query(graphql.schema.GraphQLObjectType.newObject().name("Query")
                    .field(f -> f.name("version").type(graphql.Scalars.GraphQLString))).build();

    static String page(GraphiqlController controller) {
        return controller.graphiql().getBody();
    }

    @Test
    void configuredHeadersAreWrittenEscaped() {
        String page = page(new GraphiqlController("", "{\"X-API-Key\": \"k</script><b>\"}", WeftSecurity.OPEN, NO_TABLES));
        assertThat(page).contains("id=\"weft-default-headers\">\"{\\\"X-API-Key\\\": \\\"k\\u003c/script\\u003e\\u003cb\\u003e\\\"}\"</script>");
    }

    @Test
    void onlyTheDemosAccessControlGivesDefaultHeaders() {
        assertThat(page(new GraphiqlController("", "", WeftSecurity.OPEN, NO_TABLES))).contains(EMPTY);
        AccessSpec access = new AccessSpec("x", List.of(), List.of());
        WeftSecurity demo = new WeftSecurity(new SecuritySettings("classpath:demo/access.yml", access, null, null, true), null);
        assertThat(page(new GraphiqlController("", "", demo, NO_TABLES))).contains("demo-manager-key");
        WeftSecurity other = new WeftSecurity(new SecuritySettings("access.yml", access, null, null, false), null);
        assertThat(page(new GraphiqlController("", "", other, NO_TABLES))).contains(EMPTY);
    }

    @Test
    void headersThatAreNotAJsonObjectStopStartUp() {
        for (String bad : List.of("X-API-Key: k", "[1]", "\"text\"", "{")) {
            assertThatThrownBy(() -> new GraphiqlController("", bad, WeftSecurity.OPEN, NO_TABLES))
                    .isInstanceOf(WeftConfigException.class)
                    .hasMessageContaining("weft.graphiql.default-headers: must be a JSON object");
        }
    }
}
