package dev.weft.web.direct;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class PostNegotiationTest {

    @Test
    void onlyJsonInUtf8IsAPlainBody() {
        assertThat(PostNegotiation.plainJsonBody("application/json")).isTrue();
        assertThat(PostNegotiation.plainJsonBody("Application/JSON")).isTrue();
        assertThat(PostNegotiation.plainJsonBody("application/json;charset=UTF-8")).isTrue();
        assertThat(PostNegotiation.plainJsonBody("application/json; charset=utf-8")).isTrue();
        assertThat(PostNegotiation.plainJsonBody("application/json; charset=\"utf-8\"")).isTrue();
        assertThat(PostNegotiation.plainJsonBody(null)).isFalse();
        assertThat(PostNegotiation.plainJsonBody("application/jsonx")).isFalse();
        assertThat(PostNegotiation.plainJsonBody("application/json; charset=ISO-8859-1")).isFalse();
        assertThat(PostNegotiation.plainJsonBody("application/json; charset=utf-8; q=1")).isFalse();
        assertThat(PostNegotiation.plainJsonBody("application/graphql")).isFalse();
        assertThat(PostNegotiation.plainJsonBody("text/plain")).isFalse();
    }

    @Test
    void anyJsonMediaTypeIsAJsonBody() {
        assertThat(PostNegotiation.jsonBody("application/json")).isTrue();
        assertThat(PostNegotiation.jsonBody("application/json; charset=ISO-8859-1")).isTrue();
        assertThat(PostNegotiation.jsonBody("APPLICATION/JSON;charset=utf-16")).isTrue();
        assertThat(PostNegotiation.jsonBody("application/jsonx")).isFalse();
        assertThat(PostNegotiation.jsonBody("application/graphql")).isFalse();
        assertThat(PostNegotiation.jsonBody(null)).isFalse();
    }

    @Test
    void oneAcceptValueThatSpringAnswersWithoutNegotiationNamesTheResponseType() {
        assertThat(PostNegotiation.responseType("*/*")).isEqualTo("application/json");
        assertThat(PostNegotiation.responseType("application/json")).isEqualTo("application/json");
        assertThat(PostNegotiation.responseType(" Application/Json ")).isEqualTo("application/json");
        assertThat(PostNegotiation.responseType("application/graphql-response+json"))
                .isEqualTo("application/graphql-response+json");
        assertThat(PostNegotiation.responseType("application/json, */*")).isNull();
        assertThat(PostNegotiation.responseType("application/json;q=0.9")).isNull();
        assertThat(PostNegotiation.responseType("text/event-stream")).isNull();
        assertThat(PostNegotiation.responseType("application/*")).isNull();
        assertThat(PostNegotiation.responseType("")).isNull();
    }

    @Test
    void noAcceptHeaderIsJsonAndTwoAreLeftToSpring() {
        assertThat(PostNegotiation.responseType(new MockHttpServletRequest("POST", "/graphql"))).isEqualTo("application/json");
        MockHttpServletRequest two = new MockHttpServletRequest("POST", "/graphql");
        two.addHeader("Accept", "application/json");
        two.addHeader("Accept", "text/plain");
        assertThat(PostNegotiation.responseType(two)).isNull();
        MockHttpServletRequest one = new MockHttpServletRequest("POST", "/graphql");
        one.addHeader("Accept", "application/graphql-response+json");
        assertThat(PostNegotiation.responseType(one)).isEqualTo("application/graphql-response+json");
    }
}
