package dev.weft.query;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is surely malformed for every engine's regular expressions is refused; anything an engine may take passes. */
class RegexPatternsTest {

    @Test
    void surelyMalformedPatternsAreRefusedNamingTheField() {
        for (String pattern : List.of("a(", "(a|b", "a)", "())", "[ab", "[]", "[^]", "a\\", "x[[:alpha:]", "((a)")) {
            assertThatThrownBy(() -> RegexPatterns.check("name", pattern, false)).as(pattern)
                    .isInstanceOfSatisfying(WeftException.class, e -> org.assertj.core.api.Assertions.assertThat(e.code())
                            .isEqualTo(ErrorCode.BAD_USER_INPUT))
                    .hasMessageStartingWith("the pattern for 'name' ");
        }
        assertThatThrownBy(() -> RegexPatterns.check("name", "^(ab", false)).hasMessage(
                "the pattern for 'name' has an unclosed '(' at 2: it is not a valid pattern");
        assertThatThrownBy(() -> RegexPatterns.check("name", "x".repeat(1001), false)).hasMessage(
                "the pattern for 'name' has 1001 characters; at most 1000 are allowed");
    }

    @Test
    void patternsAnEngineMayTakePass() {
        for (String pattern : List.of("", "^a.*b$", "[(]x", "\\(", "[]a]", "[^]a]", "[a\\]]", "[[:alpha:]]+", "a{2,1}", "(?i)ab",
                "\\\\", "(a)(b)", "[.]")) {
            assertThatCode(() -> RegexPatterns.check("name", pattern, false)).as(pattern).doesNotThrowAnyException();
        }
    }

    @Test
    void aSimilarPatternMayEndInABackslashButNotLeaveAParenthesisOpen() {
        assertThatCode(() -> RegexPatterns.check("name", "a\\", true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> RegexPatterns.check("name", "(a|b%", true)).isInstanceOf(WeftException.class);
    }
}
