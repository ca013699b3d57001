package dev.weft.apq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.apq.PersistedQueries.Outcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersistedQueriesTest {
    private static Map<String, Object> extension(String hash) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
    }

    @Test
    void theHashIsApollosLowercaseHexSha256() {
        // the SHA-256 of the empty text, as `printf "" | sha256sum` prints it
        assertThat(PersistedQueries.sha256("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void withoutTheExtensionTheQueryRunsAsSent() {
        assertThat(new PersistedQueries(true, 10).resolve("{ a }", null)).isEqualTo(new Outcome.Run("{ a }"));
        assertThat(new PersistedQueries(true, 10).resolve("{ a }", Map.of("other", 1))).isEqualTo(new Outcome.Run("{ a }"));
    }

    @Test
    void registersThenServesByHash() {
        PersistedQueries queries = new PersistedQueries(true, 10);
        String hash = PersistedQueries.sha256("{ a }");
        assertThat(queries.resolve(null, extension(hash)))
                .isEqualTo(new Outcome.Refuse(200, "PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND"));
        assertThat(queries.resolve("{ a }", extension(hash))).isEqualTo(new Outcome.Run("{ a }"));
        assertThat(queries.resolve(null, extension(hash))).isEqualTo(new Outcome.Run("{ a }"));
        assertThat(queries.resolve("{ b }", extension(hash)))
                .isEqualTo(new Outcome.Refuse(400, "provided sha does not match query", "BAD_REQUEST"));
    }

    @Test
    void badExtensionsAreRefused() {
        PersistedQueries queries = new PersistedQueries(true, 10);
        assertThat(queries.resolve(null, Map.of("persistedQuery", Map.of("version", 2, "sha256Hash", PersistedQueries.sha256("x")))))
                .isEqualTo(new Outcome.Refuse(400, "Unsupported persisted query version", "BAD_REQUEST"));
        assertThat(queries.resolve(null, extension("not-a-hash"))).isInstanceOf(Outcome.Refuse.class);
        assertThat(queries.resolve(null, Map.of("persistedQuery", "x"))).isInstanceOf(Outcome.Refuse.class);
    }

    @Test
    void theStoreIsBounded() {
        PersistedQueries queries = new PersistedQueries(true, 3);
        for (int i = 0; i < 50; i++) {
            String query = "{ f" + i + " }";
            queries.resolve(query, extension(PersistedQueries.sha256(query)));
        }
        assertThat(queries.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void disabledHashOnlyRequestsAreNotSupportedAndFullOnesRun() {
        PersistedQueries queries = new PersistedQueries(false, 10);
        String hash = PersistedQueries.sha256("{ a }");
        assertThat(queries.resolve("{ a }", extension(hash))).isEqualTo(new Outcome.Run("{ a }"));
        assertThat(queries.resolve(null, extension(hash)))
                .isEqualTo(new Outcome.Refuse(200, "PersistedQueryNotSupported", "PERSISTED_QUERY_NOT_SUPPORTED"));
    }
}
