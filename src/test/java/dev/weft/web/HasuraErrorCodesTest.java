package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Weft's codes and messages to Hasura's codes, as README "Hasura's error codes" lists them. */
class HasuraErrorCodesTest {

    @Test
    void weftsCodesBecomeHasuras() {
        assertThat(HasuraErrorCodes.code("GRAPHQL_PARSE_FAILED", "Invalid syntax")).isEqualTo("validation-failed");
        assertThat(HasuraErrorCodes.code("GRAPHQL_VALIDATION_FAILED", "Field 'x' is undefined")).isEqualTo("validation-failed");
        assertThat(HasuraErrorCodes.code("BAD_USER_INPUT",
                "the write to blog.public.article violates the unique constraint 'article_title_key'")).isEqualTo("constraint-violation");
        assertThat(HasuraErrorCodes.code("BAD_USER_INPUT",
                "the write to hr.DB2INST1.EMPLOYEES violates a unique constraint of the table")).isEqualTo("constraint-violation");
        assertThat(HasuraErrorCodes.code("BAD_USER_INPUT",
                "the write to events..accounts violates the unique index 'accounts_name_key'")).isEqualTo("constraint-violation");
        assertThat(HasuraErrorCodes.code("BAD_USER_INPUT", "1 of the rows this mutation would insert in blog.public.article fail the"
                + " check of the role's insert permission; nothing was written")).isEqualTo("permission-error");
        assertThat(HasuraErrorCodes.code("BAD_USER_INPUT", "limit must not be negative, was -1")).isEqualTo("validation-failed");
        assertThat(HasuraErrorCodes.code("INTERNAL", "internal error")).isEqualTo("unexpected");
    }

    @Test
    void codesWithoutAHasuraCounterpartStay() {
        assertThat(HasuraErrorCodes.code("FORBIDDEN", "missing claim")).isNull();
        assertThat(HasuraErrorCodes.code("SOURCE_UNAVAILABLE", "source 'blog' is unavailable")).isNull();
        assertThat(HasuraErrorCodes.code("TIMEOUT", "source 'blog' did not answer in time")).isNull();
    }
}
