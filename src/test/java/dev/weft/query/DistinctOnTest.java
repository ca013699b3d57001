package dev.weft.query;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.dialect.ErrorCode;
import dev.weft.dialect.WeftException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hasura's rule: the first order_by terms are exactly the distinct_on columns, in any order. */
class DistinctOnTest {

    @Test
    void theInitialTermsMayBeTheColumnsInAnyOrder() {
        assertThatCode(() -> DistinctOn.check(List.of("a"), List.of(Map.of("a", "asc"), Map.of("b", "desc")))).doesNotThrowAnyException();
        assertThatCode(() -> DistinctOn.check(List.of("a", "b"), List.of(Map.of("b", "asc"), Map.of("a", "desc"), Map.of("c", "asc"))))
                .doesNotThrowAnyException();
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("b", "asc");
        both.put("a", "asc");
        assertThatCode(() -> DistinctOn.check(List.of("a", "b"), List.of(both))).as("keys of one element, in order")
                .doesNotThrowAnyException();
    }

    @Test
    void noOrderByOrAnEmptyOneIsAllowed() {
        assertThatCode(() -> DistinctOn.check(List.of("a"), null)).doesNotThrowAnyException();
        assertThatCode(() -> DistinctOn.check(List.of("a"), List.of())).doesNotThrowAnyException();
        assertThatCode(() -> DistinctOn.check(List.of(), List.of(Map.of("b", "asc")))).doesNotThrowAnyException();
    }

    @Test
    void anythingElseIsBadUserInputWithHasurasMessage() {
        refused(List.of("a"), List.of(Map.of("b", "asc"), Map.of("a", "asc")));      // another column first
        refused(List.of("a", "b"), List.of(Map.of("a", "asc")));                      // fewer terms than columns
        refused(List.of("a"), List.of(Map.of("rel", Map.of("a", "asc"))));            // a relationship is not a column
        refused(List.of("a"), Map.of("b", "asc"));                                   // one element, not a list
    }

    private static void refused(List<String> distinctOn, Object orderBy) {
        assertThatThrownBy(() -> DistinctOn.check(distinctOn, orderBy)).as("%s %s", distinctOn, orderBy)
                .isInstanceOf(WeftException.class).hasMessage(DistinctOn.MISMATCH)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((WeftException) e).code()).isEqualTo(ErrorCode.BAD_USER_INPUT));
    }

    @Test
    void namesReadOneValueOrAList() {
        org.assertj.core.api.Assertions.assertThat(DistinctOn.names("a")).containsExactly("a");
        org.assertj.core.api.Assertions.assertThat(DistinctOn.names(List.of("a", "b"))).containsExactly("a", "b");
        org.assertj.core.api.Assertions.assertThat(DistinctOn.names(null)).isEmpty();
    }
}
