package dev.weft.web.direct;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ServletAttributesTest {

    @Test
    void readsAndWritesThroughToTheRequest() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setAttribute("caller", "alice");
        Map<String, Object> attributes = new ServletAttributes(request);
        assertThat(attributes.get("caller")).isEqualTo("alice");
        assertThat(attributes.containsKey("caller")).isTrue();
        assertThat(attributes.get("missing")).isNull();
        assertThat(attributes.get(42)).isNull();
        assertThat(attributes.put("bound", 7)).isNull();
        assertThat(request.getAttribute("bound")).isEqualTo(7);
        assertThat(attributes).containsOnly(Map.entry("caller", "alice"), Map.entry("bound", 7));
        assertThat(attributes.remove("caller")).isEqualTo("alice");
        assertThat(request.getAttribute("caller")).isNull();
        request.setAttribute("later", true);
        assertThat(attributes).containsKey("later").hasSize(2);
    }
}
