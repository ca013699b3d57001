package dev.weft.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import org.junit.jupiter.api.Test;

class LikePatternsTest {

    @Test
    void runsOfWildcardsCollapseAndEscapedOnesStay() {
        assertThat(LikePatterns.normalize("name", "%".repeat(30) + "x")).isEqualTo("%x");
        assertThat(LikePatterns.normalize("name", "a%%b%%%")).isEqualTo("a%b%");
        assertThat(LikePatterns.normalize("name", "\\%%%")).isEqualTo("\\%%");
        assertThat(LikePatterns.normalize("name", "\\\\%%")).isEqualTo("\\\\%");
        assertThat(LikePatterns.normalize("name", "%\\%%\\%")).isEqualTo("%\\%%\\%");
        assertThat(LikePatterns.normalize("name", "_%_%%_")).isEqualTo("_%_%_");
    }

    @Test
    void aPatternLongerThanTheBoundIsRefused() {
        assertThat(LikePatterns.normalize("name", "a".repeat(LikePatterns.MAX_LENGTH))).hasSize(LikePatterns.MAX_LENGTH);
        assertThatThrownBy(() -> LikePatterns.normalize("name", "a".repeat(LikePatterns.MAX_LENGTH + 1)))
                .isInstanceOfSatisfying(WeftException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_USER_INPUT))
                .hasMessage("the pattern for 'name' has 1001 characters; at most 1000 are allowed");
    }
}
