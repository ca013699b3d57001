package dev.weft.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersistedQueryKeysTest {

    @Test
    void thePersistedQueryKeysAreKnownAndATypoIsNot() {
        ConfigValidator validator = new ConfigValidator(ConfigOrigins.NONE);
        assertThat(validator.unknownKeys(List.of("weft.persisted-queries.enabled", "weft.persisted-queries.max-entries"))).isEmpty();
        assertThat(validator.unknownKeys(List.of("weft.persisted-queries.max-entry"))).extracting(ConfigProblem::toString)
                .containsExactly("weft.persisted-queries.max-entry: unknown key; known keys are weft.persisted-queries.{enabled, max-entries}");
    }
}
