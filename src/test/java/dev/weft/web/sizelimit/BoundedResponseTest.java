package dev.weft.web.sizelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class BoundedResponseTest {

    @Test
    void unarmedItPassesEverythingAndArmedItRefusesTheWriteThatPassesTheLimitWhole() throws Exception {
        MockHttpServletResponse target = new MockHttpServletResponse();
        ResponseBound bound = new ResponseBound();
        BoundedResponse response = new BoundedResponse(target, bound);
        response.getOutputStream().write(new byte[100], 0, 100);
        bound.arm(110);
        response.getOutputStream().write(new byte[10], 0, 10); // exactly the limit
        assertThat(bound.written()).isEqualTo(110);
        assertThat(target.getContentAsByteArray()).hasSize(110);
        assertThatThrownBy(() -> response.getOutputStream().write(new byte[5], 0, 5))
                .isInstanceOf(ResponseTooLargeException.class).hasMessageContaining("110 bytes");
        assertThat(target.getContentAsByteArray()).as("nothing of the refused write").hasSize(110);
    }

    @Test
    void theFilterWrapsOnceAcrossDispatchesAndSharesOneBound() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/graphql");
        AtomicReference<ServletResponse> seen = new AtomicReference<>();
        MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            public void service(jakarta.servlet.ServletRequest req, ServletResponse res) {
                seen.set(res);
            }
        });
        new ResponseSizeFilter().doFilter(request, new MockHttpServletResponse(), chain);
        assertThat(seen.get()).isInstanceOf(BoundedResponse.class);
        ResponseBound bound = (ResponseBound) request.getAttribute(ResponseBound.ATTRIBUTE);
        assertThat(bound).isNotNull();

        request.setDispatcherType(jakarta.servlet.DispatcherType.ASYNC);
        ServletResponse first = seen.get();
        MockFilterChain again = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            public void service(jakarta.servlet.ServletRequest req, ServletResponse res) {
                seen.set(res);
            }
        });
        new ResponseSizeFilter().doFilter(request, first, again);
        assertThat(seen.get()).as("not wrapped twice").isSameAs(first);
        assertThat(request.getAttribute(ResponseBound.ATTRIBUTE)).isSameAs(bound);
    }

    @Test
    void theErrorIsTheLimitsGraphqlError() {
        assertThat(new String(ResponseSizeResolver.error(4096), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "{\"errors\":[{\"message\":\"the response holds more than 4096 bytes (max-response-bytes); ask for fewer"
                        + " rows, fields or levels\",\"extensions\":{\"code\":\"BAD_USER_INPUT\",\"limit\":\"max-response-bytes\"}}]}");
    }
}
